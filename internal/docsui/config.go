package docsui

import "strings"

// redocVersion is the ReDoc release that [Config.RedocJSURL] defaults to.
// scripts/docs-browser-check.sh reads it from here to fetch the same release
// for its offline check, so keep the form `redocVersion = "X.Y.Z"`.
const redocVersion = "2.5.4"

// redocCDN is the default [Config.RedocJSURL]. FastAPI loads redoc@2 from
// the same CDN (fastapi/openapi/docs.py, get_redoc_html); the version is
// pinned here so that a page never changes under a running application.
const redocCDN = "https://cdn.jsdelivr.net/npm/redoc@" + redocVersion +
	"/bundles/redoc.standalone.js"

// Config describes the documentation pages. Its zero value means "use the
// defaults", which match FastAPI's; [Config.WithDefaults] spells them out.
// The page functions apply the defaults themselves, so a caller needs
// WithDefaults only to learn the paths at which to mount the pages.
type Config struct {
	// Title names the API. The Swagger UI page is titled
	// "<Title> - Swagger UI" and the ReDoc page "<Title> - ReDoc", as in
	// FastAPI; an empty Title leaves only the suffix.
	Title string

	// OpenAPIURL is the URL of the OpenAPI document that both pages load.
	// It defaults to "/openapi.json".
	OpenAPIURL string

	// SwaggerPath is where the router mounts the Swagger UI page. It
	// defaults to "/docs" and is the base of the OAuth2RedirectPath and
	// AssetsPath defaults.
	SwaggerPath string

	// RedocPath is where the router mounts the ReDoc page. It defaults to
	// "/redoc". The pages do not refer to it; it is here so that one Config
	// holds every docs setting.
	RedocPath string

	// OAuth2RedirectPath is where the router mounts [OAuth2RedirectHTML].
	// Swagger UI sends the OAuth2 authorization server's answer there; the
	// page turns it into an absolute URL with window.location.origin. It
	// defaults to SwaggerPath + "/oauth2-redirect".
	OAuth2RedirectPath string

	// AssetsPath is the path prefix at which the router mounts
	// [AssetHandler]; the pages load Swagger UI's files from under it. It
	// defaults to SwaggerPath + "/assets/" and always ends in a slash.
	AssetsPath string

	// CDN, when set, is the base URL of a copy of Swagger UI's dist folder
	// (for example "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5.18.2/"),
	// and the pages load Swagger UI's script, style sheet and favicon from
	// there instead of from AssetsPath. The router then need not mount
	// [AssetHandler].
	CDN string

	// RedocJSURL is the URL of ReDoc's redoc.standalone.js. No Go module
	// available to Rampart ships ReDoc, so it defaults to a pinned release
	// (2.5.4) on a public CDN, which needs internet access in the browser.
	// To serve ReDoc offline, serve the file yourself and set this field.
	RedocJSURL string

	// SwaggerUIParameters are merged over the default Swagger UI
	// configuration, as FastAPI's swagger_ui_parameters are: a key given
	// here replaces the default. The values must be encodable as JSON;
	// [SwaggerHTML] panics otherwise.
	SwaggerUIParameters map[string]any

	// InitOAuth, when not nil, is passed to Swagger UI's ui.initOAuth, as
	// FastAPI's swagger_ui_init_oauth is (for example "clientId" or
	// "usePkceWithAuthorizationCodeGrant"). It must be encodable as JSON.
	InitOAuth map[string]any
}

// WithDefaults returns a copy of c with every empty field set to its
// default, and AssetsPath ending in a slash. The maps are shared with c,
// not copied.
func (c Config) WithDefaults() Config {
	if c.OpenAPIURL == "" {
		c.OpenAPIURL = "/openapi.json"
	}
	if c.SwaggerPath == "" {
		c.SwaggerPath = "/docs"
	}
	if c.RedocPath == "" {
		c.RedocPath = "/redoc"
	}

	base := strings.TrimSuffix(c.SwaggerPath, "/")
	if c.OAuth2RedirectPath == "" {
		c.OAuth2RedirectPath = base + "/oauth2-redirect"
	}
	if c.AssetsPath == "" {
		c.AssetsPath = base + "/assets/"
	}
	if !strings.HasSuffix(c.AssetsPath, "/") {
		c.AssetsPath += "/"
	}

	if c.RedocJSURL == "" {
		c.RedocJSURL = redocCDN
	}
	return c
}

// assetURL returns the URL from which a page loads the named Swagger UI
// file: under CDN when set, otherwise under AssetsPath with the file's
// version in the query, which lets [AssetHandler] mark it immutable.
// c must have its defaults applied.
func (c Config) assetURL(name string) string {
	if c.CDN != "" {
		return strings.TrimSuffix(c.CDN, "/") + "/" + name
	}
	return c.AssetsPath + name + "?v=" + assetVersion(name)
}
