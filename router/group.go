package router

import (
	"fmt"
	"net/http"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/rampart-go/rampart/di"
)

// Group is a set of routes sharing a path prefix and route options: tags,
// dependencies that run before each of its routes (FastAPI's APIRouter
// with dependencies=[...]), and any other [RouteOption]. Groups nest; a
// [Router] is itself the outermost group. A Group is not safe for
// concurrent use while routes are being declared.
type Group struct {
	rt     *Router
	prefix string
	opts   []RouteOption
}

// Group returns a group of routes below prefix, with opts applied to each
// of its routes before the route's own.
func (g *Group) Group(prefix string, opts ...RouteOption) *Group {
	return &Group{rt: g.rt, prefix: g.prefix + prefix, opts: append(g.opts[:len(g.opts):len(g.opts)], opts...)}
}

// Get declares a GET route: handler's value is the response. The pattern is
// a net/http ServeMux path with {name} and {name...} wildcards.
func (g *Group) Get(pattern string, handler di.Dependency, opts ...RouteOption) {
	g.handle(http.MethodGet, pattern, handler, opts)
}

// Post declares a POST route.
func (g *Group) Post(pattern string, handler di.Dependency, opts ...RouteOption) {
	g.handle(http.MethodPost, pattern, handler, opts)
}

// Put declares a PUT route.
func (g *Group) Put(pattern string, handler di.Dependency, opts ...RouteOption) {
	g.handle(http.MethodPut, pattern, handler, opts)
}

// Patch declares a PATCH route.
func (g *Group) Patch(pattern string, handler di.Dependency, opts ...RouteOption) {
	g.handle(http.MethodPatch, pattern, handler, opts)
}

// Delete declares a DELETE route.
func (g *Group) Delete(pattern string, handler di.Dependency, opts ...RouteOption) {
	g.handle(http.MethodDelete, pattern, handler, opts)
}

// Head declares a HEAD route. A GET route also answers HEAD.
func (g *Group) Head(pattern string, handler di.Dependency, opts ...RouteOption) {
	g.handle(http.MethodHead, pattern, handler, opts)
}

// Options declares an OPTIONS route.
func (g *Group) Options(pattern string, handler di.Dependency, opts ...RouteOption) {
	g.handle(http.MethodOptions, pattern, handler, opts)
}

// Handle declares a route for any method.
func (g *Group) Handle(method, pattern string, handler di.Dependency, opts ...RouteOption) {
	g.handle(strings.ToUpper(method), pattern, handler, opts)
}

func (g *Group) handle(method, pattern string, handler di.Dependency, opts []RouteOption) {
	_, file, line, _ := runtime.Caller(2)
	r := &route{
		method:  method,
		path:    g.prefix + pattern,
		handler: handler,
		site:    fmt.Sprintf("%s:%d", filepath.Base(file), line),
		status:  http.StatusOK,
	}
	for _, o := range g.opts {
		o.applyRoute(r)
	}
	for _, o := range opts {
		o.applyRoute(r)
	}
	g.rt.routes = append(g.rt.routes, r)
}

// A RouteOption configures a route, or every route of a [Group].
type RouteOption interface {
	applyRoute(*route)
	String() string
}

type routeOption struct {
	desc string
	f    func(*route)
}

func (o routeOption) applyRoute(r *route) { o.f(r) }
func (o routeOption) String() string      { return o.desc }

// Status sets the status of a successful JSON response; the default is
// 200.
func Status(code int) RouteOption {
	return routeOption{fmt.Sprintf("router.Status(%d)", code), func(r *route) { r.status = code }}
}

// Summary sets the operation's summary. The default is the handler's name
// in words ("Read Own Items"), as FastAPI derives it.
func Summary(s string) RouteOption {
	return routeOption{fmt.Sprintf("router.Summary(%q)", s), func(r *route) { r.summary = s }}
}

// Describe sets the operation's description.
func Describe(s string) RouteOption {
	return routeOption{fmt.Sprintf("router.Describe(%q)", s), func(r *route) { r.description = s }}
}

// Tags adds tags to the operation.
func Tags(tags ...string) RouteOption {
	return routeOption{fmt.Sprintf("router.Tags(%q)", tags), func(r *route) { r.tags = append(r.tags, tags...) }}
}

// OperationID sets the operation's operationId. The default follows
// FastAPI: the handler's name in snake case, the path and the method, such
// as "read_own_items_users_me_items__get".
func OperationID(id string) RouteOption {
	return routeOption{fmt.Sprintf("router.OperationID(%q)", id), func(r *route) { r.operationID = id }}
}

// Deprecated marks the operation deprecated.
func Deprecated() RouteOption {
	return routeOption{"router.Deprecated()", func(r *route) { r.deprecated = true }}
}

// Dependencies adds dependencies that run before the handler, in order, for
// their effects and errors, FastAPI's dependencies=[...]. Their Security
// scopes count in the route's OpenAPI security.
func Dependencies(deps ...di.Dependency) RouteOption {
	return routeOption{fmt.Sprintf("router.Dependencies(%v)", deps), func(r *route) {
		r.deps = append(r.deps, deps...)
	}}
}

// ExtraResponse documents another response of the operation, with a body
// of body's type when body is not nil, FastAPI's responses={...}.
func ExtraResponse(status int, description string, body any) RouteOption {
	desc := fmt.Sprintf("router.ExtraResponse(%d, %q)", status, description)
	return routeOption{desc, func(r *route) {
		r.extra = append(r.extra, extraResponse{status, description, body})
	}}
}

// IncludeInSchema(false) leaves the route out of the OpenAPI document.
func IncludeInSchema(include bool) RouteOption {
	return routeOption{fmt.Sprintf("router.IncludeInSchema(%v)", include), func(r *route) { r.hidden = !include }}
}
