package security

import (
	"cmp"
	"net/http"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/internal/starlette"
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
		v, _ := starlette.QueryValue(r.URL.RawQuery, cfg.Name)
		return v
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
		v, _ := starlette.CookieValue(r.Header.Get("Cookie"), cfg.Name)
		return v
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
