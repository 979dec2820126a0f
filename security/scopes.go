package security

import (
	"slices"
	"strings"
	"unicode"

	"github.com/rampart-go/rampart/di"
)

// ParseScope splits an OAuth2 scope parameter, such as the scope field of
// the password form, into its scopes: FastAPI's scope.split(), which
// splits on any run of whitespace, tabs and newlines included, and drops
// empty pieces. It returns nil when s holds no scope.
func ParseScope(s string) []string {
	scopes := strings.FieldsFunc(s, isPythonSpace)
	if len(scopes) == 0 {
		return nil
	}
	return scopes
}

// isPythonSpace reports whether Python's str.isspace holds for r: what
// [unicode.IsSpace] reports, plus the four information separators
// U+001C to U+001F.
func isPythonSpace(r rune) bool {
	return unicode.IsSpace(r) || 0x1c <= r && r <= 0x1f
}

// MissingScopes returns the scopes of required that granted lacks, in
// the order of required, or nil when granted has them all. Scopes are
// compared exactly, as RFC 6749 §3.3 asks.
func MissingScopes(required di.Scopes, granted []string) []string {
	var missing []string
	for s := range required.All() {
		if !slices.Contains(granted, s) {
			missing = append(missing, s)
		}
	}
	return missing
}

// HasScopes reports whether granted holds every scope of required. It
// allocates nothing.
func HasScopes(required di.Scopes, granted []string) bool {
	for s := range required.All() {
		if !slices.Contains(granted, s) {
			return false
		}
	}
	return true
}

// BearerChallenge returns the WWW-Authenticate challenge FastAPI's OAuth2
// scopes tutorial sends: "Bearer" when scopes is empty, and otherwise
// Bearer scope="items me", listing every scope required on the path
// (RFC 6750 §3). Pass it to [Unauthorized] or [Forbidden].
func BearerChallenge(scopes di.Scopes) string {
	if scopes.Len() == 0 {
		return "Bearer"
	}
	return "Bearer " + quoteParam("scope", scopes.String())
}

// bearerError returns an RFC 6750 §3 challenge carrying an error code,
// such as Bearer error="invalid_token", error_description="...",
// scope="me": the code, its description if any, then the required scopes
// if any.
func bearerError(code, description string, scopes di.Scopes) string {
	c := "Bearer " + quoteParam("error", code)
	if description != "" {
		c += ", " + quoteParam("error_description", description)
	}
	if scopes.Len() > 0 {
		c += ", " + quoteParam("scope", scopes.String())
	}
	return c
}
