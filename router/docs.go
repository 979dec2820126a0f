package router

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/rampart-go/rampart/internal/docsui"
)

// mountDocs serves the OpenAPI document and the docs pages, each built
// once here: GET /openapi.json, Swagger UI at /docs with its OAuth2
// redirect page and assets, and ReDoc at /redoc, unless turned off.
func (rt *Router) mountDocs() error {
	cfg := rt.cfg
	if cfg.openAPIURL == "" {
		return nil
	}
	doc, err := rt.document()
	if err != nil {
		return err
	}
	body, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	rt.openapi = body
	serveDoc := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, body)
	})
	errs := []error{rt.handle("GET "+cfg.openAPIURL, serveDoc, "")}

	ui := docsui.Config{
		Title:               cfg.title,
		OpenAPIURL:          cfg.openAPIURL,
		SwaggerPath:         cfg.docsURL,
		RedocPath:           cfg.redocURL,
		RedocJSURL:          cfg.redocJS,
		SwaggerUIParameters: cfg.swaggerParams,
		InitOAuth:           cfg.initOAuth,
	}
	if cfg.docsURL != "" {
		ui = ui.WithDefaults()
		assets := strings.TrimSuffix(ui.AssetsPath, "/") + "/"
		errs = append(errs,
			rt.handle("GET "+cfg.docsURL, docsui.PageHandler(docsui.SwaggerHTML(ui)), ""),
			rt.handle("GET "+ui.OAuth2RedirectPath, docsui.PageHandler(docsui.OAuth2RedirectHTML()), ""),
			rt.handle("GET "+assets, docsui.AssetHandler(assets), ""))
	}
	if cfg.redocURL != "" {
		errs = append(errs, rt.handle("GET "+cfg.redocURL, docsui.PageHandler(docsui.RedocHTML(ui)), ""))
	}
	return errors.Join(errs...)
}

// OpenAPI returns the OpenAPI document as JSON, building the router if
// needed. It is nil when the document is turned off.
func (rt *Router) OpenAPI() ([]byte, error) {
	if err := rt.Build(); err != nil {
		return nil, err
	}
	return rt.openapi, nil
}
