// Package docsui builds the interactive documentation pages that Rampart
// serves next to the OpenAPI document, as FastAPI does: Swagger UI at /docs,
// its OAuth2 redirect page at /docs/oauth2-redirect, and ReDoc at /redoc.
//
// # Pages
//
// [SwaggerHTML], [RedocHTML] and [OAuth2RedirectHTML] return complete HTML
// pages. They are meant to be called once, when the router is built, and
// served with [PageHandler]; nothing is rendered per request. Every value
// taken from a [Config] is escaped for the context it lands in (HTML text,
// attribute, URL or script), so a title or URL cannot break out of the page.
//
// # Assets
//
// Swagger UI's files (script, style sheet, favicons, redirect page) come from
// the Go module github.com/swaggo/files/v2, which embeds Swagger UI's dist
// folder; [AssetHandler] serves them, so the Swagger UI page works without
// internet access. Setting [Config.CDN] points the page at another copy
// instead.
//
// No Go module that the project can depend on ships ReDoc's standalone
// script, so the ReDoc page loads it from [Config.RedocJSURL], which defaults
// to a pinned copy on a public CDN. An application that must work offline
// serves redoc.standalone.js itself and sets [Config.RedocJSURL] to it.
//
// # Mounting
//
// The router decides where each page lives and whether it exists at all:
// it mounts only the pages it wants, at the paths in the [Config] after
// [Config.WithDefaults]. For example, with a [net/http.ServeMux]:
//
//	cfg := docsui.Config{Title: "Items"}.WithDefaults()
//	mux.Handle("GET "+cfg.SwaggerPath, docsui.PageHandler(docsui.SwaggerHTML(cfg)))
//	mux.Handle("GET "+cfg.OAuth2RedirectPath, docsui.PageHandler(docsui.OAuth2RedirectHTML()))
//	mux.Handle("GET "+cfg.AssetsPath, docsui.AssetHandler(cfg.AssetsPath))
//	mux.Handle("GET "+cfg.RedocPath, docsui.PageHandler(docsui.RedocHTML(cfg)))
package docsui
