package httpapi

import (
	"crypto/sha256"
	"crypto/subtle"
	"strings"
)

// bearerToken returns the token of an "Authorization: Bearer TOKEN"
// header value.
func bearerToken(header string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// tokensEqual compares two tokens in time that depends on neither their
// contents nor their lengths.
func tokensEqual(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return subtle.ConstantTimeCompare(ha[:], hb[:]) == 1
}
