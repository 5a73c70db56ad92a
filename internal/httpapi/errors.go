package httpapi

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/farsight-osint/farsight"
)

// Error codes of the HTTP layer itself, beside the domain's (farsight.E*).
const (
	eForbidden        = "forbidden"
	eTooLarge         = "too_large"
	eMethodNotAllowed = "method_not_allowed"
	eUnsupportedMedia = "unsupported_media_type"
)

// statusOf maps every error code to its HTTP status: the only such table.
var statusOf = map[string]int{
	farsight.EINVALID:      http.StatusBadRequest,
	farsight.EUNAUTHORIZED: http.StatusUnauthorized,
	farsight.ENOTFOUND:     http.StatusNotFound,
	farsight.ECONFLICT:     http.StatusConflict,
	farsight.EINTERNAL:     http.StatusInternalServerError,
	eForbidden:             http.StatusForbidden,
	eTooLarge:              http.StatusRequestEntityTooLarge,
	eMethodNotAllowed:      http.StatusMethodNotAllowed,
	eUnsupportedMedia:      http.StatusUnsupportedMediaType,
}

// errorBody is the JSON body of every error response.
type errorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// writeError writes err as {"code", "message"} with the status of its
// code. Internal errors are logged here, once, and shown as "internal
// error".
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := farsight.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		code, status = farsight.EINTERNAL, http.StatusInternalServerError
	}
	msg := farsight.ErrorMessage(err)
	if code == farsight.EINTERNAL {
		s.logger(r).Error("internal error", slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.String("error", err.Error()))
		msg = "internal error"
	}
	if code == farsight.EUNAUTHORIZED {
		w.Header().Set("WWW-Authenticate", `Bearer realm="farsight"`)
	}
	w.Header().Set("Content-Type", "application/json")
	s.writeJSON(w, r, status, errorBody{Code: code, Message: msg})
}

// writeJSON writes v as JSON with status, as application/json unless the
// handler set another Content-Type. HTML characters (<, >, &) in
// strings are escaped (\u003c), so report text can never be read as
// markup.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	buf, err := json.Marshal(v)
	if err != nil {
		// Only unsupported values (NaN) get here: a programming error.
		s.logger(r).Error("encode response", slog.String("path", r.URL.Path), slog.String("error", err.Error()))
		status = http.StatusInternalServerError
		buf, _ = json.Marshal(errorBody{Code: farsight.EINTERNAL, Message: "internal error"})
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	w.Write(append(buf, '\n'))
}
