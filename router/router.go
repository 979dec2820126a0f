package router

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/rampart-go/rampart/di"
)

// Router declares routes and serves them. It is an [http.Handler] built on
// the standard library's [http.ServeMux], so any net/http middleware, server
// setting or test tool works with it. Declare every route, then call
// [Router.Build] once at start-up; it compiles each route's dependency
// graph and reports every problem at once. A Router is safe for concurrent
// use once built.
type Router struct {
	group         // the outermost group: rt.Get, rt.Group, ...
	cfg           config
	logger        *slog.Logger
	routes        []*route // as declared; never changed by Build
	errorHandlers []errorHandler

	once     sync.Once
	buildErr error
	served   []*route // compiled copies of routes, made by Build
	mux      *http.ServeMux
	openapi  []byte
	states   sync.Pool
}

var _ http.Handler = (*Router)(nil)

// group lets Router embed Group under a name that leaves the Group method
// free: a Router declares routes and groups exactly as a Group does.
type group = Group

// New returns a router configured by opts, with no routes.
func New(opts ...Option) *Router {
	rt := &Router{cfg: defaultConfig()}
	for _, o := range opts {
		o.apply(&rt.cfg)
	}
	rt.group = Group{rt: rt}
	rt.logger = rt.cfg.logger
	if rt.logger == nil {
		rt.logger = slog.New(slog.DiscardHandler)
	}
	rt.states.New = func() any { return new(Response) }
	return rt
}

// Build compiles every route and the OpenAPI document. It returns every
// problem at once, one per line in declaration order, each naming the route
// and where it was declared. Build runs once; later calls return the first
// result. Serving an unbuilt router builds it, and answers 500 to every
// request if that fails.
func (rt *Router) Build() error {
	rt.once.Do(func() { rt.buildErr = rt.build() })
	return rt.buildErr
}

// MustBuild is like [Router.Build] but panics on error, for main functions
// and tests.
func (rt *Router) MustBuild() *Router {
	if err := rt.Build(); err != nil {
		panic(err)
	}
	return rt
}

// ServeHTTP dispatches the request to its route.
func (rt *Router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if rt.Build() != nil {
		rt.logger.LogAttrs(r.Context(), slog.LevelError, "router not built", slog.String("error", rt.buildErr.Error()))
		WriteDetail(w, http.StatusInternalServerError, "Internal Server Error")
		return
	}
	rt.mux.ServeHTTP(w, r)
}

func (rt *Router) build() error {
	// Build compiles copies, so that Clone may read the declarations while
	// another goroutine builds this router.
	var errs []error
	for _, decl := range rt.routes {
		r := *decl
		if err := r.compile(rt); err != nil {
			errs = append(errs, err)
			continue
		}
		rt.served = append(rt.served, &r)
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}

	rt.mux = http.NewServeMux()
	if err := rt.register(); err != nil {
		return err
	}
	return rt.mountDocs()
}

// register puts every route on the mux, plus FastAPI's answers around
// them: 405 with Allow for a known path and another method, a 307 to the
// path with or without its trailing slash, and 404 for the rest.
func (rt *Router) register() error {
	var errs []error
	methods := map[string][]string{} // mux path -> declared methods
	var paths []string
	for _, r := range rt.served {
		mp := muxPath(r.path)
		if _, ok := methods[mp]; !ok {
			paths = append(paths, mp)
		}
		methods[mp] = append(methods[mp], r.method)
		if err := rt.handle(r.method+" "+mp, r, r.site); err != nil {
			errs = append(errs, err)
		}
	}

	for _, mp := range paths {
		allow := allowHeader(methods[mp])
		err := rt.handle(mp, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", allow)
			WriteDetail(w, http.StatusMethodNotAllowed, "Method Not Allowed")
		}), "")
		if err != nil {
			errs = append(errs, err)
		}
	}

	redirected := map[string]bool{}
	for _, r := range rt.served {
		alt, ok := toggleSlash(r.path)
		if !ok || redirected[alt] {
			continue
		}
		if _, declared := methods[muxPath(alt)]; declared {
			continue
		}
		redirected[alt] = true
		if err := rt.handle(muxPath(alt), http.HandlerFunc(redirectSlash), ""); err != nil {
			errs = append(errs, err)
		}
	}

	rt.mux.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		WriteDetail(w, http.StatusNotFound, "Not Found")
	}))
	return errors.Join(errs...)
}

// handle registers pattern on the mux, turning the mux's panic on a bad or
// conflicting pattern into an error naming the route.
func (rt *Router) handle(pattern string, h http.Handler, site string) (err error) {
	defer func() {
		if v := recover(); v != nil {
			where := ""
			if site != "" {
				where = " (declared at " + site + ")"
			}
			err = fmt.Errorf("router: %s%s: %v", pattern, where, v)
		}
	}()
	rt.mux.Handle(pattern, h)
	return nil
}

// muxPath turns a FastAPI-style path into a ServeMux path that matches it
// exactly: a trailing slash would otherwise match the whole subtree.
func muxPath(path string) string {
	if strings.HasSuffix(path, "/") {
		return path + "{$}"
	}
	return path
}

// toggleSlash returns path with its trailing slash removed or added, when
// that makes a distinct path FastAPI would redirect (not "/", not a
// {name...} wildcard).
func toggleSlash(path string) (string, bool) {
	switch {
	case path == "/" || strings.HasSuffix(path, "...}"):
		return "", false
	case strings.HasSuffix(path, "/"):
		return strings.TrimSuffix(path, "/"), true
	default:
		return path + "/", true
	}
}

// redirectSlash answers 307 with the request's URL with its trailing slash
// toggled, query kept, as Starlette's redirect_slashes does. The Location
// is absolute, as Starlette's is.
func redirectSlash(w http.ResponseWriter, r *http.Request) {
	path := r.URL.EscapedPath()
	if strings.HasSuffix(path, "/") {
		path = strings.TrimSuffix(path, "/")
	} else {
		path += "/"
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	loc := scheme + "://" + r.Host + path
	if r.URL.RawQuery != "" {
		loc += "?" + r.URL.RawQuery
	}
	w.Header().Set("Location", loc)
	w.WriteHeader(http.StatusTemporaryRedirect)
}

// allowHeader lists methods for an Allow header; GET implies HEAD, which
// the mux answers for every GET route.
func allowHeader(methods []string) string {
	ms := slices.Clone(methods)
	if slices.Contains(ms, http.MethodGet) && !slices.Contains(ms, http.MethodHead) {
		ms = append(ms, http.MethodHead)
	}
	slices.Sort(ms)
	return strings.Join(slices.Compact(ms), ", ")
}

// compileOptions are the di options of every route.
func (rt *Router) compileOptions() []di.Option {
	opts := slices.Clone(rt.cfg.compileOpts)
	if rt.cfg.container != nil {
		opts = append(opts, di.Container(rt.cfg.container))
	}
	return opts
}

// Clone returns an unbuilt router with rt's configuration, routes and error
// handlers plus opts. routertest uses it to compile a router with
// dependency overrides that no other client sees.
func (rt *Router) Clone(opts ...Option) *Router {
	c := New()
	c.cfg = rt.cfg
	c.cfg.compileOpts = slices.Clone(rt.cfg.compileOpts)
	for _, o := range opts {
		o.apply(&c.cfg)
	}
	if c.cfg.logger != nil {
		c.logger = c.cfg.logger
	}
	c.errorHandlers = slices.Clone(rt.errorHandlers)
	c.routes = slices.Clone(rt.routes)
	return c
}
