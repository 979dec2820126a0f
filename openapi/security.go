package openapi

import "encoding/json"

// SecurityScheme describes one way a client proves who it is: an API key,
// an HTTP scheme such as bearer, OAuth2 flows or OpenID Connect. Type is
// "apiKey", "http", "oauth2" or "openIdConnect", and decides which of the
// other fields apply.
type SecurityScheme struct {
	Type        string `json:"type"`
	Description string `json:"description,omitempty"`
	// Name and In locate an apiKey: the header, query or cookie name.
	Name string `json:"name,omitempty"`
	In   string `json:"in,omitempty"`
	// Scheme and BearerFormat apply to type "http", e.g. "bearer" and "JWT".
	Scheme       string `json:"scheme,omitempty"`
	BearerFormat string `json:"bearerFormat,omitempty"`
	// Flows applies to type "oauth2".
	Flows *OAuthFlows `json:"flows,omitempty"`
	// OpenIDConnectURL applies to type "openIdConnect".
	OpenIDConnectURL string `json:"openIdConnectUrl,omitempty"`
}

// OAuthFlows lists the OAuth2 flows a scheme supports. FastAPI's
// OAuth2PasswordBearer sets only Password.
type OAuthFlows struct {
	Implicit          *OAuthFlow `json:"implicit,omitempty"`
	Password          *OAuthFlow `json:"password,omitempty"`
	ClientCredentials *OAuthFlow `json:"clientCredentials,omitempty"`
	AuthorizationCode *OAuthFlow `json:"authorizationCode,omitempty"`
}

// OAuthFlow describes one OAuth2 flow: where to get and refresh tokens and
// which scopes exist, by name with a description of each. Scopes keep the
// order they were set in, as FastAPI keeps its scopes dict's order, and an
// empty Scopes is written as {}, which the specification requires.
type OAuthFlow struct {
	AuthorizationURL string             `json:"authorizationUrl,omitempty"`
	TokenURL         string             `json:"tokenUrl,omitempty"`
	RefreshURL       string             `json:"refreshUrl,omitempty"`
	Scopes           OrderedMap[string] `json:"scopes"`
}

// SecurityRequirement maps the names of security schemes in
// [Components.SecuritySchemes] to the scopes an operation needs from each.
// A request must satisfy every scheme in one requirement. Schemes without
// scopes map to an empty list.
//
// The empty requirement, nil included, is written as {} and means that no
// security is needed: listed after others, it makes them optional, as
// FastAPI does for schemes declared with auto_error=False.
type SecurityRequirement map[string][]string

var _ json.Marshaler = SecurityRequirement(nil)

// MarshalJSON writes the requirement as a JSON object with sorted keys,
// writing {} for a nil requirement and [] for nil scopes, never null.
func (r SecurityRequirement) MarshalJSON() ([]byte, error) {
	out := make(map[string][]string, len(r))
	for name, scopes := range r {
		if scopes == nil {
			scopes = []string{}
		}
		out[name] = scopes
	}
	return json.Marshal(out)
}
