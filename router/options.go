package router

import (
	"fmt"
	"log/slog"

	"github.com/rampart-go/rampart/di"
	"go.uber.org/dig"
)

// An Option configures a [Router]. Options print themselves through String.
type Option interface {
	apply(*config)
	String() string
}

type config struct {
	title, version, description string
	logger                      *slog.Logger
	openAPIURL, docsURL         string
	redocURL, redocJS           string
	swaggerParams, initOAuth    map[string]any
	container                   *dig.Container
	compileOpts                 []di.Option
	maxBody                     int64
}

func defaultConfig() config {
	return config{
		title:      "Rampart",
		version:    "0.1.0",
		openAPIURL: "/openapi.json",
		docsURL:    "/docs",
		redocURL:   "/redoc",
		maxBody:    1 << 20,
	}
}

type option struct {
	desc string
	f    func(*config)
}

func (o option) apply(c *config) { o.f(c) }
func (o option) String() string  { return o.desc }

// Title sets the API's title in the OpenAPI document and the docs pages.
// The default is "Rampart".
func Title(s string) Option {
	return option{fmt.Sprintf("router.Title(%q)", s), func(c *config) { c.title = s }}
}

// Version sets the API's version in the OpenAPI document. The default is
// "0.1.0", FastAPI's.
func Version(s string) Option {
	return option{fmt.Sprintf("router.Version(%q)", s), func(c *config) { c.version = s }}
}

// Description sets the API's description in the OpenAPI document.
func Description(s string) Option {
	return option{fmt.Sprintf("router.Description(%q)", s), func(c *config) { c.description = s }}
}

// Logger sets where the router logs panics, failed background tasks and
// errors without an HTTP meaning. With no logger, nothing is logged.
func Logger(l *slog.Logger) Option {
	return option{"router.Logger", func(c *config) { c.logger = l }}
}

// OpenAPIURL moves the OpenAPI document from "/openapi.json"; "" turns it
// off, and with it the docs pages.
func OpenAPIURL(path string) Option {
	return option{fmt.Sprintf("router.OpenAPIURL(%q)", path), func(c *config) { c.openAPIURL = path }}
}

// DocsURL moves the Swagger UI page from "/docs"; "" turns it off. Its
// OAuth2 redirect page and assets live below it.
func DocsURL(path string) Option {
	return option{fmt.Sprintf("router.DocsURL(%q)", path), func(c *config) { c.docsURL = path }}
}

// RedocURL moves the ReDoc page from "/redoc"; "" turns it off.
func RedocURL(path string) Option {
	return option{fmt.Sprintf("router.RedocURL(%q)", path), func(c *config) { c.redocURL = path }}
}

// RedocJSURL sets the URL the ReDoc page loads redoc.standalone.js from.
// No Go module available to Rampart ships ReDoc, so by default the page
// loads a pinned release from a public CDN; serve the file yourself and
// point this at it to use ReDoc offline.
func RedocJSURL(url string) Option {
	return option{fmt.Sprintf("router.RedocJSURL(%q)", url), func(c *config) { c.redocJS = url }}
}

// SwaggerUIParameters are merged over Swagger UI's configuration, as
// FastAPI's swagger_ui_parameters are.
func SwaggerUIParameters(p map[string]any) Option {
	return option{"router.SwaggerUIParameters", func(c *config) { c.swaggerParams = p }}
}

// SwaggerUIInitOAuth is passed to Swagger UI's initOAuth, as FastAPI's
// swagger_ui_init_oauth is.
func SwaggerUIInitOAuth(p map[string]any) Option {
	return option{"router.SwaggerUIInitOAuth", func(c *config) { c.initOAuth = p }}
}

// Container gives the dig container that provides [di.Singleton] values.
// They are resolved when the router is built.
func Container(ct *dig.Container) Option {
	return option{"router.Container", func(c *config) { c.container = ct }}
}

// CompileOptions passes options, such as [di.Override], to the compilation
// of every route's plan. routertest uses it for per-client overrides.
func CompileOptions(opts ...di.Option) Option {
	return option{fmt.Sprintf("router.CompileOptions(%v)", opts), func(c *config) {
		c.compileOpts = append(c.compileOpts, opts...)
	}}
}

// MaxBodyBytes limits request bodies to n bytes; a larger body is answered
// with 413. The default is 1 MiB; n <= 0 removes the limit.
func MaxBodyBytes(n int64) Option {
	return option{fmt.Sprintf("router.MaxBodyBytes(%d)", n), func(c *config) { c.maxBody = n }}
}
