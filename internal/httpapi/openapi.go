package httpapi

import (
	_ "embed"
	"net/http"
)

// openAPIDocument is the OpenAPI 3 description of the routes, written by
// hand; TestOpenAPIInSync keeps it in step with the route table.
//
//go:embed openapi.json
var openAPIDocument []byte

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	if _, err := readParams(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	b, err := s.openapi.get(func() (*blob, error) {
		return newBlob("application/json", "no-cache", openAPIDocument)
	})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.serveBlob(w, r, b)
}
