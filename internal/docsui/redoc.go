package docsui

import "html/template"

// redocTemplate is the ReDoc page, after the one FastAPI renders
// (fastapi/openapi/docs.py, get_redoc_html). Unlike FastAPI it links no
// Google Fonts, so the page makes no request beyond the script: ReDoc then
// falls back to the browser's sans-serif fonts.
var redocTemplate = template.Must(template.New("redoc").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<link rel="icon" type="image/png" href="{{.FaviconURL}}">
<style>body { margin: 0; padding: 0; }</style>
</head>
<body>
<noscript>ReDoc needs JavaScript to show this documentation.</noscript>
<redoc spec-url="{{.OpenAPIURL}}"></redoc>
<script src="{{.JSURL}}"></script>
</body>
</html>
`))

// RedocHTML returns the ReDoc page for cfg, with the defaults of
// [Config.WithDefaults] applied: ReDoc's script from [Config.RedocJSURL]
// renders the document at cfg.OpenAPIURL. The favicon comes from the same
// place as Swagger UI's files. Build the page once and serve it with
// [PageHandler].
func RedocHTML(cfg Config) []byte {
	cfg = cfg.WithDefaults()
	data := struct{ Title, FaviconURL, OpenAPIURL, JSURL string }{
		Title:      pageTitle(cfg.Title, "ReDoc"),
		FaviconURL: cfg.assetURL("favicon-32x32.png"),
		OpenAPIURL: cfg.OpenAPIURL,
		JSURL:      cfg.RedocJSURL,
	}
	return render(redocTemplate, data)
}
