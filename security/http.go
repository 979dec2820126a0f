package security

import (
	"cmp"
	"net/http"
	"strings"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/openapi"
)

// HTTPAuthorizationCredentials is what [HTTPBearer] and [HTTPDigest]
// yield: the request's Authorization header split at its first space.
type HTTPAuthorizationCredentials struct {
	// Scheme is the authentication scheme as the client wrote it, such as
	// "Bearer" or "bearer".
	Scheme string

	// Credentials is what follows the first space, stripped of surrounding
	// whitespace, such as the token.
	Credentials string
}

// HTTPBasicCredentials is what [HTTPBasic] yields: the user name and
// password of an HTTP Basic Authorization header (RFC 7617).
type HTTPBasicCredentials struct {
	Username string
	Password string
}

// String formats the credentials with the password redacted, so that
// printing or logging them does not leak it.
func (c HTTPBasicCredentials) String() string {
	return "{Username:" + c.Username + " Password:[redacted]}"
}

// GoString is String for the %#v verb.
func (c HTTPBasicCredentials) GoString() string { return c.String() }

// HTTPBearerConfig configures [HTTPBearer]. Its zero value is FastAPI's
// HTTPBearer().
type HTTPBearerConfig struct {
	// BearerFormat hints at the token's format in the OpenAPI document,
	// such as "JWT".
	BearerFormat string

	// SchemeName is the scheme's name in the OpenAPI document; empty means
	// "HTTPBearer".
	SchemeName string

	// Description describes the scheme in the OpenAPI document.
	Description string

	// Optional yields nil instead of refusing a request without usable
	// credentials, FastAPI's auto_error=False.
	Optional bool
}

// HTTPBearer returns a dependency that yields the bearer credentials of
// the request's Authorization header, FastAPI's HTTPBearer. The scheme is
// matched without regard to case. A missing header, an empty token or
// another scheme is refused with a 401 [*AuthError] "Not authenticated"
// and WWW-Authenticate: Bearer, or yields nil when Optional is set.
//
// Its [di.Dep.Meta] is a [SchemeInfo] for an "http" scheme "bearer".
func HTTPBearer(cfg HTTPBearerConfig) di.Dep[*HTTPAuthorizationCredentials] {
	info := SchemeInfo{
		Name: cmp.Or(cfg.SchemeName, "HTTPBearer"),
		Scheme: &openapi.SecurityScheme{
			Type:         "http",
			Description:  cfg.Description,
			Scheme:       "bearer",
			BearerFormat: cfg.BearerFormat,
		},
		Optional: cfg.Optional,
	}
	return newScheme(info, credentialsExtractor("bearer", "Bearer", cfg.Optional))
}

// HTTPDigestConfig configures [HTTPDigest]. Its zero value is FastAPI's
// HTTPDigest().
type HTTPDigestConfig struct {
	// SchemeName is the scheme's name in the OpenAPI document; empty means
	// "HTTPDigest".
	SchemeName string

	// Description describes the scheme in the OpenAPI document.
	Description string

	// Optional yields nil instead of refusing a request without usable
	// credentials, FastAPI's auto_error=False.
	Optional bool
}

// HTTPDigest returns a dependency that yields the Digest credentials of
// the request's Authorization header, unparsed, FastAPI's HTTPDigest. Like
// FastAPI's it is a stub: checking the digest (RFC 7616) is left to a
// dependency of yours. A missing header, empty credentials or another
// scheme is refused with a 401 [*AuthError] "Not authenticated" and
// WWW-Authenticate: Digest, or yields nil when Optional is set.
//
// Its [di.Dep.Meta] is a [SchemeInfo] for an "http" scheme "digest".
func HTTPDigest(cfg HTTPDigestConfig) di.Dep[*HTTPAuthorizationCredentials] {
	info := SchemeInfo{
		Name: cmp.Or(cfg.SchemeName, "HTTPDigest"),
		Scheme: &openapi.SecurityScheme{
			Type:        "http",
			Description: cfg.Description,
			Scheme:      "digest",
		},
		Optional: cfg.Optional,
	}
	return newScheme(info, credentialsExtractor("digest", "Digest", cfg.Optional))
}

// credentialsExtractor reads the Authorization header as FastAPI's
// HTTPBearer and HTTPDigest do (fastapi/security/http.py): the header, its
// scheme and its credentials must all be non-empty, and the scheme must
// be want in any case. challenge is FastAPI's model.scheme.title().
func credentialsExtractor(want, challenge string, optional bool,
) func(*http.Request) (*HTTPAuthorizationCredentials, error) {
	return func(r *http.Request) (*HTTPAuthorizationCredentials, error) {
		scheme, creds := splitAuthorization(authorization(r))
		if scheme == "" || creds == "" || !asciiEqualFold(scheme, want) {
			if optional {
				return nil, nil
			}
			return nil, notAuthenticated(challenge)
		}
		return &HTTPAuthorizationCredentials{Scheme: scheme, Credentials: creds}, nil
	}
}

// HTTPBasicConfig configures [HTTPBasic]. Its zero value is FastAPI's
// HTTPBasic().
type HTTPBasicConfig struct {
	// Realm names the protection space in the challenge,
	// WWW-Authenticate: Basic realm="...". Empty means a bare Basic.
	Realm string

	// SchemeName is the scheme's name in the OpenAPI document; empty means
	// "HTTPBasic".
	SchemeName string

	// Description describes the scheme in the OpenAPI document.
	Description string

	// Optional yields nil instead of refusing a request without Basic
	// credentials, FastAPI's auto_error=False. Credentials that are
	// present but cannot be decoded are refused all the same.
	Optional bool
}

// HTTPBasic returns a dependency that yields the user name and password of
// the request's HTTP Basic Authorization header, FastAPI's HTTPBasic. It
// only decodes them; compare them with [crypto/subtle.ConstantTimeCompare]
// or check the password with [VerifyPassword].
//
// The scheme is matched without regard to case. A missing header or
// another scheme is refused with a 401 [*AuthError] "Not authenticated"
// and the challenge WWW-Authenticate: Basic, or Basic realm="..." when
// cfg.Realm is set; with Optional set it yields nil instead. Credentials
// that are not base64 of ASCII text holding a colon are refused with the
// same 401 even when Optional is set, as current FastAPI does (it
// answered "Invalid authentication credentials" before 0.122.0).
//
// Its [di.Dep.Meta] is a [SchemeInfo] for an "http" scheme "basic".
func HTTPBasic(cfg HTTPBasicConfig) di.Dep[*HTTPBasicCredentials] {
	info := SchemeInfo{
		Name: cmp.Or(cfg.SchemeName, "HTTPBasic"),
		Scheme: &openapi.SecurityScheme{
			Type:        "http",
			Description: cfg.Description,
			Scheme:      "basic",
		},
		Optional: cfg.Optional,
	}
	challenge := "Basic"
	if cfg.Realm != "" {
		challenge = "Basic " + quoteParam("realm", cfg.Realm)
	}

	return newScheme(info, func(r *http.Request) (*HTTPBasicCredentials, error) {
		h := authorization(r)
		scheme, param := splitAuthorization(h)
		if h == "" || !asciiEqualFold(scheme, "basic") {
			if cfg.Optional {
				return nil, nil
			}
			return nil, notAuthenticated(challenge)
		}
		creds, ok := decodeBasic(param)
		if !ok {
			return nil, notAuthenticated(challenge)
		}
		return creds, nil
	})
}

// decodeBasic decodes the parameter of a Basic Authorization header as
// FastAPI does: base64.b64decode(param).decode("ascii") split at the first
// colon.
func decodeBasic(param string) (*HTTPBasicCredentials, bool) {
	data, ok := decodeBase64Lenient(param)
	if !ok {
		return nil, false
	}
	for _, c := range data {
		if c >= 0x80 {
			return nil, false // not ASCII
		}
	}
	user, pass, found := strings.Cut(string(data), ":")
	if !found {
		return nil, false
	}
	return &HTTPBasicCredentials{Username: user, Password: pass}, true
}

// decodeBase64Lenient decodes s the way CPython's base64.b64decode does
// without validate=True, which is how FastAPI decodes Basic credentials:
// a string holding a non-ASCII character is refused; characters outside
// the standard alphabet are skipped; decoding stops at the padding that
// completes a quantum; a dangling quantum is an error. So "am9o bjpz
// ZWNyZXQ=" and "am9objpzZWNyZXQ=AAAA" both decode to "john:secret",
// where [encoding/base64] would refuse them. A stricter decoder would
// turn clients FastAPI accepts away.
func decodeBase64Lenient(s string) ([]byte, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return nil, false
		}
	}

	out := make([]byte, 0, len(s)*3/4)
	var quad, pads int
	var left byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '=' {
			// Padding counts only after two characters of a quantum;
			// enough of it ends the data.
			if quad >= 2 {
				pads++
				if quad+pads >= 4 {
					return out, true
				}
			}
			continue
		}
		v, ok := base64Value(c)
		if !ok {
			continue
		}
		pads = 0
		switch quad {
		case 0:
			left = v
		case 1:
			out = append(out, left<<2|v>>4)
			left = v & 0x0f
		case 2:
			out = append(out, left<<4|v>>2)
			left = v & 0x03
		case 3:
			out = append(out, left<<6|v)
		}
		quad = (quad + 1) % 4
	}
	if quad != 0 {
		return nil, false // "Incorrect padding" or a lone extra character
	}
	return out, true
}

func base64Value(c byte) (byte, bool) {
	switch {
	case 'A' <= c && c <= 'Z':
		return c - 'A', true
	case 'a' <= c && c <= 'z':
		return c - 'a' + 26, true
	case '0' <= c && c <= '9':
		return c - '0' + 52, true
	case c == '+':
		return 62, true
	case c == '/':
		return 63, true
	}
	return 0, false
}
