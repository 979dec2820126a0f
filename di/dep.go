package di

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
)

// Dep is a dependency that yields a value of type T. Build one with
// [Func0] to [Func6], [Yield0] to [Yield6], [Value], [Singleton] or [Arg];
// wrap one with [Security], [Uncached] or [WithMeta].
//
// A Dep is an immutable value: wrapping returns a new Dep and leaves the
// original unchanged, and since a Dep can only be built from Deps that
// already exist, a graph cannot refer to itself. The zero Dep is invalid;
// [Compile] reports it with the chain that reached it. Deps are safe to
// share between goroutines and routes.
type Dep[T any] struct {
	e *edge
}

// Dependency is a [Dep] of any type. It lets a list hold dependencies whose
// values are not used, such as the dependencies of a group of routes.
type Dependency interface {
	// Type reports the Go type of the dependency's value.
	Type() reflect.Type
	edge() *edge
	boxed() Dep[any]
}

func (d Dep[T]) edge() *edge { return d.e }

// Type reports T.
func (d Dep[T]) Type() reflect.Type { return reflect.TypeFor[T]() }

// boxed returns a dependency yielding d's value as an any. The wrapping
// node is hidden: errors and chains name d itself. Boxing a pointer does
// not allocate.
func (d Dep[T]) boxed() Dep[any] {
	if d.e == nil {
		return Dep[any]{}
	}
	box := Func1(func(v T) (any, error) { return v, nil }, d)
	box.e.n.name = d.e.n.name
	box.e.n.site = d.e.n.site
	box.e.n.hidden = true
	return box
}

// String describes the dependency by its name and its declaration site,
// such as "getCurrentUser (main.go:41) [me]".
func (d Dep[T]) String() string {
	if d.e == nil {
		return fmt.Sprintf("zero di.Dep[%v]", reflect.TypeFor[T]())
	}
	return d.e.String()
}

// Name reports the dependency's name: its function's name without the
// package path, or what [WithName] set.
func (d Dep[T]) Name() string {
	if d.e == nil {
		return ""
	}
	return d.e.n.name
}

// edge is one use of a node: the node plus the scopes and cache setting of
// the arrow that leads to it.
type edge struct {
	n        *node
	scopes   []string
	uncached bool
}

func (e *edge) String() string {
	s := e.n.describe()
	if len(e.scopes) > 0 {
		s += " [" + strings.Join(e.scopes, " ") + "]"
	}
	if e.uncached {
		s += " (uncached)"
	}
	return s
}

func (e *edge) with(f func(*edge)) *edge {
	c := *e
	c.scopes = slices.Clip(c.scopes)
	f(&c)
	return &c
}

// node is a dependency's definition, shared by every edge that uses it.
// Exactly one of bind and constant is set: bind for a value computed on each
// run, constant for one fixed when the plan is compiled.
type node struct {
	name string
	site string
	typ  reflect.Type
	deps []*edge
	meta any

	// newSlot allocates typed storage for the node's value in a frame.
	newSlot func() slot

	// bind ties the node's function to the storage of its inputs and
	// output in one frame and returns the step that frame runs.
	bind func(fr *frame, in []slot, out slot) func() error

	// constant returns the function that fills the node's storage in every
	// new frame; at is the scope list accumulated where the node is reached.
	constant func(c *compiler, at []string) (func(slot), error)

	cleanup    bool // the function returns a Cleanup
	hidden     bool // a wrapper left out of error chains
	request    bool // the request itself, stored by Run rather than a step
	scopeAware bool // the value depends on the scopes it is reached with
}

func (n *node) describe() string {
	if n.site == "" {
		return n.name
	}
	return n.name + " (" + n.site + ")"
}

// slot is typed storage for one value in a frame: always a *box of the
// value's type, asserted once when a step is bound to a frame.
type slot any

type box[T any] struct{ v T }

func newBox[T any]() slot { return new(box[T]) }

// newNode starts a node of type T declared by the caller skip frames up.
func newNode[T any](name string, skip int, deps ...*edge) *node {
	return &node{
		name:    name,
		site:    callerSite(skip + 1),
		typ:     reflect.TypeFor[T](),
		deps:    deps,
		newSlot: newBox[T],
	}
}

func depOf[T any](n *node) Dep[T] { return Dep[T]{e: &edge{n: n}} }

// callerSite returns "file.go:line" for the code that declared a
// dependency: the first caller, from skip frames up, outside Rampart's
// library packages. A params.Query or security scheme is thereby placed
// where the application called it, not inside params or security.
func callerSite(skip int) string {
	pcs := make([]uintptr, 16)
	n := runtime.Callers(skip+2, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	first := ""
	for {
		f, more := frames.Next()
		site := fmt.Sprintf("%s:%d", filepath.Base(f.File), f.Line)
		if first == "" {
			first = site
		}
		if !inLibrary(f.Function) {
			return site
		}
		if !more {
			return first
		}
	}
}

// libraryPrefixes are the function-name prefixes of Rampart's library
// packages, whose frames callerSite passes over.
var libraryPrefixes = []string{
	"github.com/rampart-go/rampart/di.",
	"github.com/rampart-go/rampart/params.",
	"github.com/rampart-go/rampart/security.",
	"github.com/rampart-go/rampart/router.",
	"github.com/rampart-go/rampart/openapi.",
}

func inLibrary(function string) bool {
	for _, p := range libraryPrefixes {
		if strings.HasPrefix(function, p) {
			return true
		}
	}
	return false
}

// funcName returns a function's name without its package path, such as
// "main.getCurrentUser".
func funcName(fn any) string {
	v := reflect.ValueOf(fn)
	if v.Kind() != reflect.Func || v.IsNil() {
		return "nil function"
	}
	f := runtime.FuncForPC(v.Pointer())
	if f == nil {
		return "function"
	}
	name := f.Name()
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// Security returns dep with OAuth2 scopes attached to the edge that uses it,
// FastAPI's Security(dep, scopes=[...]). Every dependency below that edge
// which asks for [SecurityScopes] sees these scopes after those of the edges
// above. Duplicate scopes are dropped.
func Security[T any](dep Dep[T], scopes ...string) Dep[T] {
	if dep.e == nil {
		return dep
	}
	return Dep[T]{e: dep.e.with(func(e *edge) {
		e.scopes = appendScopes(e.scopes, scopes)
	})}
}

// Uncached returns dep marked so that it runs again every time this edge is
// reached in one run, FastAPI's use_cache=False. Other edges to the same
// dependency still share one cached value; the first value computed under a
// key, cached or not, is the one they share.
func Uncached[T any](dep Dep[T]) Dep[T] {
	if dep.e == nil {
		return dep
	}
	return Dep[T]{e: dep.e.with(func(e *edge) { e.uncached = true })}
}

// WithMeta returns dep carrying meta, a description that other layers read
// back from [Plan.Steps]: a security scheme for the OpenAPI document, a
// request parameter, and so on. di does not look at it. The result is a new
// dependency: edges to dep and to the result are not shared in the cache.
func WithMeta[T any](dep Dep[T], meta any) Dep[T] {
	return rewrap(dep, func(n *node) { n.meta = meta })
}

// WithName returns dep under a new name, used in errors and in
// [Plan.Steps]. Like [WithMeta] it returns a new dependency.
func WithName[T any](dep Dep[T], name string) Dep[T] {
	return rewrap(dep, func(n *node) { n.name = name })
}

func rewrap[T any](dep Dep[T], f func(*node)) Dep[T] {
	if dep.e == nil {
		return dep
	}
	n := *dep.e.n
	f(&n)
	return Dep[T]{e: dep.e.with(func(e *edge) { e.n = &n })}
}

// Meta returns the meta value attached with [WithMeta], or nil.
func (d Dep[T]) Meta() any {
	if d.e == nil {
		return nil
	}
	return d.e.n.meta
}

// Value returns a dependency that always yields v. It is evaluated once,
// when the plan is compiled; every run reads the same v.
func Value[T any](v T) Dep[T] {
	n := newNode[T](fmt.Sprintf("value %v", reflect.TypeFor[T]()), 1)
	n.constant = func(*compiler, []string) (func(slot), error) {
		return func(s slot) { s.(*box[T]).v = v }, nil
	}
	return depOf[T](n)
}

var (
	requestDep = func() Dep[*http.Request] {
		n := newNode[*http.Request]("request", 0)
		n.site = ""
		n.request = true
		return depOf[*http.Request](n)
	}()

	contextDep = func() Dep[context.Context] {
		n := newNode[context.Context]("context", 0)
		n.site = ""
		n.bind = func(fr *frame, _ []slot, out slot) func() error {
			o := out.(*box[context.Context])
			return func() error {
				o.v = context.Background()
				if fr.req != nil {
					o.v = fr.req.Context()
				}
				return nil
			}
		}
		return depOf[context.Context](n)
	}()

	scopesDep = func() Dep[Scopes] {
		n := newNode[Scopes]("security scopes", 0)
		n.site = ""
		n.scopeAware = true
		n.constant = func(_ *compiler, at []string) (func(slot), error) {
			s := scopesOf(slices.Clone(at))
			return func(out slot) { out.(*box[Scopes]).v = s }, nil
		}
		return depOf[Scopes](n)
	}()
)

// Request returns the dependency that yields the request being served. It
// is nil when [Plan.Run] was given no request.
func Request() Dep[*http.Request] { return requestDep }

// Context returns the dependency that yields the context of the request
// being served, or [context.Background] when there is no request.
func Context() Dep[context.Context] { return contextDep }

// SecurityScopes returns the dependency that yields the [Scopes] of the
// path that reaches the dependency asking for it, FastAPI's SecurityScopes
// parameter. The value is fixed when the plan is compiled.
func SecurityScopes() Dep[Scopes] { return scopesDep }

// Arg returns a dependency that yields the i-th extra argument given to
// [Plan.Run], which must hold a T. It is how a server hands request-scoped
// objects of its own, such as a response writer, to dependencies. A missing
// or mistyped argument makes the run fail with an error naming name.
func Arg[T any](i int, name string) Dep[T] {
	n := newNode[T](name, 1)
	n.bind = func(fr *frame, _ []slot, out slot) func() error {
		o := out.(*box[T])
		return func() error {
			if i >= len(fr.args) {
				return fmt.Errorf("di: %s: Plan.Run was given %d arguments, needs argument %d", name, len(fr.args), i)
			}
			v, ok := fr.args[i].(T)
			if !ok {
				return fmt.Errorf("di: %s: argument %d of Plan.Run is %T, needs %v", name, i, fr.args[i], reflect.TypeFor[T]())
			}
			o.v = v
			return nil
		}
	}
	return depOf[T](n)
}
