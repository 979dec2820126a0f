package security

import (
	"cmp"
	"net/http"
	"strings"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/openapi"
)

// APIKeyConfig configures [APIKeyHeader], [APIKeyQuery] and
// [APIKeyCookie]. Name is required; every other zero field means FastAPI's
// default.
type APIKeyConfig struct {
	// Name is the header, query parameter or cookie that holds the key,
	// such as "X-API-Key" or "api_key".
	Name string

	// SchemeName is the scheme's name in the OpenAPI document; empty means
	// the constructor's name: "APIKeyHeader", "APIKeyQuery" or
	// "APIKeyCookie".
	SchemeName string

	// Description describes the scheme in the OpenAPI document.
	Description string

	// Optional yields an empty key instead of refusing a request without
	// one, FastAPI's auto_error=False.
	Optional bool
}

// APIKeyHeader returns a dependency that yields the API key in the request
// header cfg.Name, FastAPI's APIKeyHeader. Of several such headers the
// first counts. It only extracts the key: compare it with
// [crypto/subtle.ConstantTimeCompare] in a dependency of yours.
//
// A missing or empty key is refused with a 401 [*AuthError] "Not
// authenticated" and WWW-Authenticate: APIKey, the custom challenge
// FastAPI sends since 0.122.0 because RFC 9110 §15.5.2 requires one on a
// 401 and no standard one exists for API keys. With Optional set it yields
// "" instead.
//
// Its [di.Dep.Meta] is a [SchemeInfo] for an "apiKey" scheme "in":
// "header". It panics if cfg.Name is empty.
func APIKeyHeader(cfg APIKeyConfig) di.Dep[string] {
	return apiKey(cfg, "header", "APIKeyHeader", func(r *http.Request) string {
		return r.Header.Get(cfg.Name)
	})
}

// APIKeyQuery returns a dependency that yields the API key in the query
// parameter cfg.Name, FastAPI's APIKeyQuery. Of several such parameters
// the last counts, as in Starlette. It answers a missing or empty key as
// [APIKeyHeader] does.
//
// Its [di.Dep.Meta] is a [SchemeInfo] for an "apiKey" scheme "in":
// "query". It panics if cfg.Name is empty.
func APIKeyQuery(cfg APIKeyConfig) di.Dep[string] {
	return apiKey(cfg, "query", "APIKeyQuery", func(r *http.Request) string {
		if r.URL == nil {
			return ""
		}
		return queryValue(r.URL.RawQuery, cfg.Name)
	})
}

// APIKeyCookie returns a dependency that yields the API key in the cookie
// cfg.Name, FastAPI's APIKeyCookie. Cookies are read from the first Cookie
// header the way Starlette reads them, so of several cookies with the name
// the last counts and a quoted value is unquoted. It answers a missing or
// empty key as [APIKeyHeader] does.
//
// Its [di.Dep.Meta] is a [SchemeInfo] for an "apiKey" scheme "in":
// "cookie". It panics if cfg.Name is empty.
func APIKeyCookie(cfg APIKeyConfig) di.Dep[string] {
	return apiKey(cfg, "cookie", "APIKeyCookie", func(r *http.Request) string {
		return cookieValue(r.Header.Get("Cookie"), cfg.Name)
	})
}

// apiKey builds the three API key schemes, which differ only in where the
// key is read: FastAPI's APIKeyBase.check_api_key.
func apiKey(cfg APIKeyConfig, in, class string, read func(*http.Request) string) di.Dep[string] {
	mustSet("APIKeyConfig.Name", cfg.Name)
	info := SchemeInfo{
		Name: cmp.Or(cfg.SchemeName, class),
		Scheme: &openapi.SecurityScheme{
			Type:        "apiKey",
			Description: cfg.Description,
			Name:        cfg.Name,
			In:          in,
		},
		Optional: cfg.Optional,
	}
	return newScheme(info, func(r *http.Request) (string, error) {
		var key string
		if r != nil {
			key = read(r)
		}
		if key == "" && !cfg.Optional {
			return "", notAuthenticated("APIKey")
		}
		return key, nil
	})
}

// queryValue returns the last value of the parameter name in the raw
// query string, or "", as Starlette's request.query_params.get does: the
// query is split at '&' (Python's parse_qsl), empty pieces are skipped, a
// piece without '=' has an empty value, and names and values are decoded
// with '+' as a space.
func queryValue(raw, name string) string {
	var value string
	for raw != "" {
		var piece string
		piece, raw, _ = strings.Cut(raw, "&")
		if piece == "" {
			continue
		}
		k, v, _ := strings.Cut(piece, "=")
		if unquotePlus(k) == name {
			value = unquotePlus(v)
		}
	}
	return value
}

// unquotePlus decodes s as Python's urllib.parse.unquote_plus does: '+'
// is a space, %XX is the byte XX, and a '%' not followed by two hex
// digits stays as it is.
func unquotePlus(s string) string {
	if strings.IndexByte(s, '%') < 0 && strings.IndexByte(s, '+') < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '+':
			b = append(b, ' ')
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

// cookieValue returns the value of the cookie name in a Cookie header, or
// "", as Starlette's cookie_parser reads it: pieces split at ';', each cut
// at its first '=' (a piece without one is a value with an empty name),
// names and values stripped of whitespace, the last of equal names kept,
// and a value in double quotes unquoted as Python's http.cookies does.
// [net/http.Request.Cookie] differs: it keeps the first cookie and drops
// values that RFC 6265 does not allow.
func cookieValue(header, name string) string {
	var value string
	for header != "" {
		var piece string
		piece, header, _ = strings.Cut(header, ";")
		k, v, found := strings.Cut(piece, "=")
		if !found {
			k, v = "", piece
		}
		k, v = trimSpace(k), trimSpace(v)
		if (k != "" || v != "") && k == name {
			value = unquoteCookie(v)
		}
	}
	return value
}

// unquoteCookie removes the double quotes around a cookie value and
// decodes its backslash escapes, \ooo in octal or \c for c, as Python's
// http.cookies._unquote does. A value not in quotes is returned as it is.
func unquoteCookie(v string) string {
	if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		return v
	}
	v = v[1 : len(v)-1]
	if strings.IndexByte(v, '\\') < 0 {
		return v
	}
	b := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c != '\\' || i+1 >= len(v) || v[i+1] == '\n' {
			b = append(b, c)
			continue
		}
		if i+3 < len(v) && '0' <= v[i+1] && v[i+1] <= '3' &&
			isOctal(v[i+2]) && isOctal(v[i+3]) {
			b = append(b, (v[i+1]-'0')<<6|(v[i+2]-'0')<<3|(v[i+3]-'0'))
			i += 3
			continue
		}
		b = append(b, v[i+1])
		i++
	}
	return string(b)
}

func isOctal(c byte) bool { return '0' <= c && c <= '7' }
