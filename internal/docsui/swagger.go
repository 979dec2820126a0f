package docsui

import (
	"bytes"
	"encoding/json"
	"html/template"
	"maps"
)

// swaggerTemplate is the Swagger UI page. It follows the page FastAPI
// renders (fastapi/openapi/docs.py, get_swagger_ui_html), but hands Swagger
// UI one JSON object built in Go rather than a literal assembled from
// strings, so that no parameter needs quoting by hand.
var swaggerTemplate = template.Must(template.New("swagger").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<link rel="icon" type="image/png" href="{{.FaviconURL}}">
<link rel="stylesheet" href="{{.CSSURL}}">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{{.JSURL}}"></script>
<script>
(function () {
	var config = {{.Parameters}};
	config.oauth2RedirectUrl = window.location.origin + {{.OAuth2RedirectPath}};
	config.presets = [
		SwaggerUIBundle.presets.apis,
		SwaggerUIBundle.SwaggerUIStandalonePreset
	];
	var ui = SwaggerUIBundle(config);
{{- if .InitOAuth}}
	ui.initOAuth({{.InitOAuth}});
{{- end}}
})();
</script>
</body>
</html>
`))

// swaggerDefaults is FastAPI's swagger_ui_default_parameters
// (fastapi/openapi/docs.py).
func swaggerDefaults() map[string]any {
	return map[string]any{
		"dom_id":               "#swagger-ui",
		"layout":               "BaseLayout",
		"deepLinking":          true,
		"showExtensions":       true,
		"showCommonExtensions": true,
	}
}

// SwaggerHTML returns the Swagger UI page for cfg, with the defaults of
// [Config.WithDefaults] applied. Swagger UI loads cfg.OpenAPIURL and is
// configured as in FastAPI: dom_id "#swagger-ui", layout "BaseLayout",
// deepLinking, showExtensions and showCommonExtensions on, the apis and
// standalone presets, and oauth2RedirectUrl set to cfg.OAuth2RedirectPath
// on the page's own origin. [Config.SwaggerUIParameters] are merged over
// those settings and [Config.InitOAuth] is passed to ui.initOAuth.
//
// SwaggerHTML panics if SwaggerUIParameters or InitOAuth hold a value that
// cannot be encoded as JSON. Build the page once and serve it with
// [PageHandler].
func SwaggerHTML(cfg Config) []byte {
	cfg = cfg.WithDefaults()

	params := map[string]any{"url": cfg.OpenAPIURL}
	maps.Copy(params, swaggerDefaults())
	maps.Copy(params, cfg.SwaggerUIParameters)

	data := struct {
		Title, FaviconURL, CSSURL, JSURL string
		Parameters, InitOAuth            template.JS
		OAuth2RedirectPath               string
	}{
		Title:              pageTitle(cfg.Title, "Swagger UI"),
		FaviconURL:         cfg.assetURL("favicon-32x32.png"),
		CSSURL:             cfg.assetURL("swagger-ui.css"),
		JSURL:              cfg.assetURL("swagger-ui-bundle.js"),
		Parameters:         scriptJSON("SwaggerUIParameters", params),
		OAuth2RedirectPath: cfg.OAuth2RedirectPath,
	}
	if cfg.InitOAuth != nil {
		data.InitOAuth = scriptJSON("InitOAuth", cfg.InitOAuth)
	}
	return render(swaggerTemplate, data)
}

// scriptJSON encodes v as JSON for use inside a <script> element. The
// encoder escapes <, > and & (and U+2028, U+2029), so the text cannot close
// the element or start a comment there; that makes it safe to mark as
// [template.JS]. field names the Config field in the panic message.
func scriptJSON(field string, v any) template.JS {
	b, err := json.Marshal(v)
	if err != nil {
		panic("docsui: Config." + field + " cannot be encoded as JSON: " + err.Error())
	}
	return template.JS(b)
}

// pageTitle joins the API's title and the name of the page as FastAPI does
// ("Items - Swagger UI").
func pageTitle(title, page string) string {
	if title == "" {
		return page
	}
	return title + " - " + page
}

// render executes t with data. The templates are fixed and their data are
// plain strings, so execution cannot fail short of a bug in this package.
func render(t *template.Template, data any) []byte {
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		panic("docsui: rendering " + t.Name() + " page: " + err.Error())
	}
	return buf.Bytes()
}
