package security

import (
	"net/http"
	"strings"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/internal/starlette"
	"github.com/rampart-go/rampart/openapi"
)

// SchemeInfo describes a security scheme for the OpenAPI document. Every
// scheme of this package carries one as its [di.Dep.Meta]; attach one with
// [di.WithMeta] to a dependency of your own that reads credentials in
// another way, FastAPI's subclass of SecurityBase.
//
// The router finds it among a route's [di.Plan.Steps] through its
// OpenAPISecurity method: Scheme goes to components.securitySchemes under
// Name, and the operation's security lists Name with the scopes
// accumulated at that step.
type SchemeInfo struct {
	// Name is the key in components.securitySchemes. FastAPI's default is
	// the class name, such as "OAuth2PasswordBearer".
	Name string

	// Scheme is the security scheme object.
	Scheme *openapi.SecurityScheme

	// Optional reports that requests without credentials are let through,
	// FastAPI's auto_error=False. The router then also lists the empty
	// requirement {} in the operation's security.
	Optional bool
}

// OpenAPISecurity returns the scheme's name, a copy of its scheme object
// that the caller may modify, and whether it is optional.
func (si SchemeInfo) OpenAPISecurity() (name string, scheme *openapi.SecurityScheme, optional bool) {
	return si.Name, cloneScheme(si.Scheme), si.Optional
}

var _ interface {
	OpenAPISecurity() (string, *openapi.SecurityScheme, bool)
} = SchemeInfo{}

func cloneScheme(s *openapi.SecurityScheme) *openapi.SecurityScheme {
	if s == nil {
		return nil
	}
	c := *s
	if s.Flows != nil {
		f := *s.Flows
		f.Implicit = cloneFlow(f.Implicit)
		f.Password = cloneFlow(f.Password)
		f.ClientCredentials = cloneFlow(f.ClientCredentials)
		f.AuthorizationCode = cloneFlow(f.AuthorizationCode)
		c.Flows = &f
	}
	return &c
}

func cloneFlow(f *openapi.OAuthFlow) *openapi.OAuthFlow {
	if f == nil {
		return nil
	}
	c := *f
	c.Scopes = f.Scopes.Clone()
	return &c
}

// newScheme turns extract, which reads credentials from a request, into the
// dependency a constructor returns: named after the scheme and carrying
// its description. A nil request, as [di.Plan.Run] may be given, has no
// credentials.
func newScheme[T any](info SchemeInfo, extract func(r *http.Request) (T, error)) di.Dep[T] {
	dep := di.Func1(extract, di.Request())
	return di.WithMeta(di.WithName(dep, info.Name), info)
}

// mustSet panics when a required configuration field is empty. Schemes are
// declared once, at start-up, so a test catches the mistake before
// release.
func mustSet(field, value string) {
	if value == "" {
		panic("security: " + field + " is empty")
	}
}

// authorization returns the request's first Authorization header, as
// Starlette's request.headers.get does.
func authorization(r *http.Request) string {
	if r == nil {
		return ""
	}
	return r.Header.Get("Authorization")
}

// splitAuthorization splits an Authorization header value at its first
// space into the scheme and its parameter, with the parameter stripped of
// surrounding whitespace: FastAPI's get_authorization_scheme_param
// (fastapi/security/utils.py; the strip arrived with FastAPI PR #14786).
// A value without a space is all scheme, with an empty parameter.
func splitAuthorization(h string) (scheme, param string) {
	scheme, param, _ = strings.Cut(h, " ")
	return scheme, starlette.TrimSpace(param)
}

// asciiEqualFold reports whether s equals lower, an ASCII lowercase word,
// ignoring the case of ASCII letters: Python's scheme.lower() == "bearer",
// since no other Latin-1 character lowers to an ASCII letter.
func asciiEqualFold(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// quoteParam returns name="value" for an auth-param of a WWW-Authenticate
// challenge, escaping '"' and '\' as RFC 9110 §5.6.4 quoted-string
// requires. FastAPI does not escape; for values without those characters
// the results are the same.
func quoteParam(name, value string) string {
	var b strings.Builder
	b.Grow(len(name) + len(value) + 3)
	b.WriteString(name)
	b.WriteString(`="`)
	for i := 0; i < len(value); i++ {
		if c := value[i]; c == '"' || c == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(value[i])
	}
	b.WriteByte('"')
	return b.String()
}
