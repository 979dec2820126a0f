package security

import (
	"cmp"
	"net/http"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/openapi"
)

// Scope is an OAuth2 scope a scheme declares, with the description shown
// in the OpenAPI document and the docs page's authorization dialog.
type Scope struct {
	Name        string
	Description string
}

// OAuth2PasswordBearerConfig configures [OAuth2PasswordBearer]. TokenURL is
// required; every other zero field means FastAPI's default.
type OAuth2PasswordBearerConfig struct {
	// TokenURL is where clients send the password form for a token: the
	// route that uses [PasswordForm], such as "token". It is written to
	// the OpenAPI document as it is, so a relative URL is resolved against
	// the document's location, as FastAPI's is.
	TokenURL string

	// RefreshURL is where clients refresh a token, if anywhere.
	RefreshURL string

	// Scopes are the scopes the API knows. The OpenAPI document lists
	// them in this order, as FastAPI does.
	Scopes []Scope

	// SchemeName is the scheme's name in the OpenAPI document; empty means
	// "OAuth2PasswordBearer".
	SchemeName string

	// Description describes the scheme in the OpenAPI document.
	Description string

	// Optional lets requests without a bearer token through with an
	// empty token instead of refusing them, FastAPI's auto_error=False.
	Optional bool
}

// OAuth2PasswordBearer returns a dependency that yields the bearer token of
// the request's Authorization header, FastAPI's OAuth2PasswordBearer. It
// only extracts the token; verify it with [BearerClaims] or a dependency
// of your own.
//
// The header's scheme is matched without regard to case, and the token is
// what follows the first space, stripped of surrounding whitespace, so
// "bearer  abc " yields "abc". As in FastAPI, "Bearer" or "Bearer " yields
// an empty token rather than an error. A missing header or another scheme
// is refused with a 401 [*AuthError] "Not authenticated" and the challenge
// WWW-Authenticate: Bearer; with Optional set the token is empty instead.
//
// Its [di.Dep.Meta] is a [SchemeInfo] for an "oauth2" scheme with a
// password flow. It panics if cfg.TokenURL is empty.
func OAuth2PasswordBearer(cfg OAuth2PasswordBearerConfig) di.Dep[string] {
	mustSet("OAuth2PasswordBearerConfig.TokenURL", cfg.TokenURL)
	flow := &openapi.OAuthFlow{
		TokenURL:   cfg.TokenURL,
		RefreshURL: cfg.RefreshURL,
		Scopes:     scopeMap(cfg.Scopes),
	}
	info := SchemeInfo{
		Name: cmp.Or(cfg.SchemeName, "OAuth2PasswordBearer"),
		Scheme: &openapi.SecurityScheme{
			Type:        "oauth2",
			Description: cfg.Description,
			Flows:       &openapi.OAuthFlows{Password: flow},
		},
		Optional: cfg.Optional,
	}
	return newScheme(info, bearerExtractor(cfg.Optional))
}

// OAuth2AuthorizationCodeBearerConfig configures
// [OAuth2AuthorizationCodeBearer]. AuthorizationURL and TokenURL are
// required; every other zero field means FastAPI's default.
type OAuth2AuthorizationCodeBearerConfig struct {
	// AuthorizationURL is where users authorize the client.
	AuthorizationURL string

	// TokenURL is where the client exchanges the code for a token.
	TokenURL string

	// RefreshURL is where clients refresh a token, if anywhere.
	RefreshURL string

	// Scopes are the scopes the API knows.
	Scopes []Scope

	// SchemeName is the scheme's name in the OpenAPI document; empty means
	// "OAuth2AuthorizationCodeBearer".
	SchemeName string

	// Description describes the scheme in the OpenAPI document.
	Description string

	// Optional yields an empty token instead of refusing a request without
	// one, FastAPI's auto_error=False.
	Optional bool
}

// OAuth2AuthorizationCodeBearer returns a dependency that yields the
// bearer token of the request's Authorization header, read exactly as
// [OAuth2PasswordBearer] reads it, for tokens obtained with the OAuth2
// authorization code flow: FastAPI's OAuth2AuthorizationCodeBearer.
//
// Its [di.Dep.Meta] is a [SchemeInfo] for an "oauth2" scheme with an
// authorizationCode flow. It panics if cfg.AuthorizationURL or
// cfg.TokenURL is empty.
func OAuth2AuthorizationCodeBearer(cfg OAuth2AuthorizationCodeBearerConfig) di.Dep[string] {
	mustSet("OAuth2AuthorizationCodeBearerConfig.AuthorizationURL", cfg.AuthorizationURL)
	mustSet("OAuth2AuthorizationCodeBearerConfig.TokenURL", cfg.TokenURL)
	flow := &openapi.OAuthFlow{
		AuthorizationURL: cfg.AuthorizationURL,
		TokenURL:         cfg.TokenURL,
		RefreshURL:       cfg.RefreshURL,
		Scopes:           scopeMap(cfg.Scopes),
	}
	info := SchemeInfo{
		Name: cmp.Or(cfg.SchemeName, "OAuth2AuthorizationCodeBearer"),
		Scheme: &openapi.SecurityScheme{
			Type:        "oauth2",
			Description: cfg.Description,
			Flows:       &openapi.OAuthFlows{AuthorizationCode: flow},
		},
		Optional: cfg.Optional,
	}
	return newScheme(info, bearerExtractor(cfg.Optional))
}

// bearerExtractor reads a bearer token as FastAPI's OAuth2PasswordBearer
// and OAuth2AuthorizationCodeBearer do (fastapi/security/oauth2.py): any
// header whose scheme is "bearer" in any case is accepted, even with an
// empty token.
func bearerExtractor(optional bool) func(*http.Request) (string, error) {
	return func(r *http.Request) (string, error) {
		h := authorization(r)
		scheme, token := splitAuthorization(h)
		if h == "" || !asciiEqualFold(scheme, "bearer") {
			if optional {
				return "", nil
			}
			// FastAPI's OAuth2.make_not_authenticated_error: RFC 6749
			// names no challenge, and Bearer is the one in use.
			return "", notAuthenticated("Bearer")
		}
		return token, nil
	}
}

// scopeMap returns the scopes as the ordered map an OAuth2 flow holds.
func scopeMap(scopes []Scope) openapi.OrderedMap[string] {
	var m openapi.OrderedMap[string]
	for _, s := range scopes {
		m.Set(s.Name, s.Description)
	}
	return m
}

// OpenIDConnectConfig configures [OpenIDConnect]. OpenIDConnectURL is
// required; every other zero field means FastAPI's default.
type OpenIDConnectConfig struct {
	// OpenIDConnectURL is the provider's discovery document, such as
	// "https://accounts.example.com/.well-known/openid-configuration".
	OpenIDConnectURL string

	// SchemeName is the scheme's name in the OpenAPI document; empty means
	// "OpenIdConnect", FastAPI's class name.
	SchemeName string

	// Description describes the scheme in the OpenAPI document.
	Description string

	// Optional yields an empty value instead of refusing a request without
	// an Authorization header, FastAPI's auto_error=False.
	Optional bool
}

// OpenIDConnect returns a dependency that yields the whole Authorization
// header of the request, scheme included, FastAPI's OpenIdConnect. Like
// FastAPI's it is a stub that connects a scheme to the OpenAPI document:
// it does not fetch the discovery document or check the header, which is
// left to a dependency of yours. A missing or empty header is refused with
// a 401 [*AuthError] "Not authenticated" and WWW-Authenticate: Bearer, or
// yields "" when Optional is set.
//
// Its [di.Dep.Meta] is a [SchemeInfo] for an "openIdConnect" scheme. It
// panics if cfg.OpenIDConnectURL is empty.
func OpenIDConnect(cfg OpenIDConnectConfig) di.Dep[string] {
	mustSet("OpenIDConnectConfig.OpenIDConnectURL", cfg.OpenIDConnectURL)
	info := SchemeInfo{
		Name: cmp.Or(cfg.SchemeName, "OpenIdConnect"),
		Scheme: &openapi.SecurityScheme{
			Type:             "openIdConnect",
			Description:      cfg.Description,
			OpenIDConnectURL: cfg.OpenIDConnectURL,
		},
		Optional: cfg.Optional,
	}
	return newScheme(info, func(r *http.Request) (string, error) {
		h := authorization(r)
		if h == "" && !cfg.Optional {
			return "", notAuthenticated("Bearer")
		}
		return h, nil
	})
}
