package params

import (
	"encoding"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"unsafe"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/openapi"
)

// param is a typed path, query, header or cookie parameter. Its methods
// are the functions of the dependencies that [Path], [Query], [Header]
// and [Cookie] return.
type param[T any] struct {
	sp  *spec
	def T // the default of a parameter of one value, decoded once
}

// Path returns a dependency on the path parameter name, the wildcard
// {name} of the route's pattern, read with [net/http.Request.PathValue].
// A path parameter is always required; its type T must be a scalar (see
// [Query]). Errors are reported at ["path", name].
//
// Every Dep built here, and by the other constructors of this package,
// carries OpenAPI metadata through [di.WithMeta] (see the package
// documentation).
func Path[T any](name string, opts ...Option) di.Dep[T] {
	p := newParam[T]("path", name, opts, declared(1))
	if p.sp.vt.shape != shapeValue || p.sp.hasDefault {
		panic(p.sp.label + ": a path parameter is always present: use a plain type without a default")
	}
	p.sp.required = true
	dep := di.Func1(p.fromPath, di.Request())
	return finish(dep, p.sp)
}

// Query returns a dependency on the query parameter name.
//
// T is a string, a bool, an integer or float of any size, a [time.Time]
// (RFC 3339, a date or a Unix timestamp, as pydantic reads a datetime), a
// [time.Duration] (Go syntax, such as 1h30m), a type whose pointer
// implements [encoding.TextUnmarshaler], or a named type of one of
// these. A pointer to one of them is optional and nil when absent. A slice
// of them reads every occurrence of a repeated key (?tag=a&tag=b); like
// FastAPI's list[str] = Query(), it is required unless it has a
// [Default].
//
// When the key appears several times, a scalar takes the last value, as
// Starlette does. Errors are reported at ["query", name], or at
// ["query", name, i] for the i-th element of a list.
func Query[T any](name string, opts ...Option) di.Dep[T] {
	p := newParam[T]("query", name, opts, declared(1))
	dep := di.Func1(p.fromQuery, queryDep)
	return finish(dep, p.sp)
}

// Header returns a dependency on the request header name. Underscores in
// name become hyphens, so user_agent reads User-Agent, unless
// [NoUnderscoreConversion] or [Alias] is given; header names match
// without regard to case. A scalar takes the first value of a repeated
// header, a slice all of them. Types are those of [Query]. Errors are
// reported at ["header", "user-agent"].
func Header[T any](name string, opts ...Option) di.Dep[T] {
	p := newParam[T]("header", name, opts, declared(1))
	dep := di.Func1(p.fromHeader, di.Request())
	return finish(dep, p.sp)
}

// Cookie returns a dependency on the cookie name. When the request holds
// it twice, the last value counts, as in Starlette. T is a scalar or a
// pointer to one, as for [Query]. Errors are reported at
// ["cookie", name].
func Cookie[T any](name string, opts ...Option) di.Dep[T] {
	p := newParam[T]("cookie", name, opts, declared(1))
	if p.sp.vt.shape == shapeSlice {
		panic(p.sp.label + ": a cookie holds one value: use a scalar type")
	}
	dep := di.Func1(p.fromCookie, di.Request())
	return finish(dep, p.sp)
}

// finish names dep after the parameter and attaches its OpenAPI
// description.
func finish[T any](dep di.Dep[T], sp *spec) di.Dep[T] {
	dep = di.WithName(dep, fmt.Sprintf("%s parameter %q", sp.in, sp.key))
	return di.WithMeta(dep, &parametersMeta{specs: []*spec{sp}})
}

// newParam builds a parameter of type T read from in, and panics with a
// message naming it and its declaration site if T or an option does not
// fit.
func newParam[T any](in, name string, opts []Option, site string) *param[T] {
	label := fmt.Sprintf("params: %s parameter %q (%s)", in, name, site)
	var set settings
	for _, o := range opts {
		o.apply(&set)
	}
	if msg := optionMisuse(in, &set); msg != "" {
		set.errs = append(set.errs, msg)
	}
	if len(set.errs) > 0 {
		panic(label + ": " + strings.Join(set.errs, "; "))
	}

	t := reflect.TypeFor[T]()
	sp, err := newSpec(in, name, label, t, set.tag(), false)
	if err != nil {
		panic(fmt.Sprintf("%s: %v", label, err))
	}
	sp.secret = sp.secret || set.secret
	switch {
	case set.alias != "":
		sp.key = set.alias
		if in == "header" {
			_, sp.canon = headerKey(set.alias, false)
		}
	case in == "header":
		sp.key, sp.canon = headerKey(name, !set.noUnderscore)
	}
	sp.secret = sp.secret || secretName(sp.key)

	p := &param[T]{sp: sp}
	if sp.hasDefault && sp.vt.shape == shapeValue {
		p.def, _ = p.one(sp.defaults[0])
	}
	return p
}

// optionMisuse names an option that the location does not accept.
func optionMisuse(in string, set *settings) string {
	switch {
	case set.noUnderscore && in != "header":
		return "NoUnderscoreConversion() applies only to headers"
	case set.embed && in != "body":
		return "Embed() applies only to bodies"
	}
	return ""
}

func (p *param[T]) fromPath(r *http.Request) (T, error) {
	s := r.PathValue(p.sp.key)
	return p.scalar(s, s != "")
}

func (p *param[T]) fromQuery(q *query) (T, error) {
	if p.sp.vt.shape == shapeSlice {
		return p.list(q.all(p.sp.key))
	}
	return p.scalar(q.last(p.sp.key))
}

func (p *param[T]) fromHeader(r *http.Request) (T, error) {
	values := r.Header[p.sp.canon]
	if p.sp.vt.shape == shapeSlice {
		return p.list(values)
	}
	if len(values) == 0 {
		return p.scalar("", false)
	}
	return p.scalar(values[0], true)
}

func (p *param[T]) fromCookie(r *http.Request) (T, error) {
	return p.scalar(cookie(r, p.sp.key))
}

// scalar decodes the value s of a parameter of one value, present when
// ok is set.
func (p *param[T]) scalar(s string, ok bool) (T, error) {
	if !ok {
		return p.absent()
	}
	v, fe := p.one(s)
	if fe != nil {
		return v, invalid(p.sp.fail(fe))
	}
	return v, nil
}

// one decodes s. A value of a scalar type is decoded into a local
// variable that stays on the stack, so that a Path[int] allocates nothing.
func (p *param[T]) one(s string) (v T, fe *FieldError) {
	sc := &p.sp.vt.sc
	switch {
	case sc.kind == kindText && p.sp.vt.shape == shapeValue:
		return decodeTextTop[T](sc, s)
	case p.sp.vt.shape == shapeValue:
		fe = decodeValue(sc, s, unsafe.Pointer(&v))
	default:
		mem := allocScalar(sc)
		if fe = decodeAny(sc, s, mem); fe == nil {
			*(*unsafe.Pointer)(unsafe.Pointer(&v)) = mem
		}
	}
	return v, fe
}

// decodeTextTop decodes a text type through its UnmarshalText method,
// found by a type assertion rather than through reflect.
func decodeTextTop[T any](sc *scalar, s string) (T, *FieldError) {
	var v T
	u := any(&v).(encoding.TextUnmarshaler)
	fe := decodeText(sc, s, u)
	return v, fe
}

// list decodes the values of a list parameter.
func (p *param[T]) list(values []string) (T, error) {
	var v T
	if len(values) == 0 {
		if !p.sp.hasDefault {
			return p.absent()
		}
		values = p.sp.defaults
	}
	data, n, errs := p.sp.decodeList(values, nil)
	if errs != nil {
		return v, invalid(errs...)
	}
	setSlice(unsafe.Pointer(&v), data, n)
	return v, nil
}

// absent returns the value of a parameter the request does not hold: its
// default, the zero value of an optional parameter, or a missing error.
func (p *param[T]) absent() (T, error) {
	sp := p.sp
	switch {
	case !sp.hasDefault && sp.required:
		var zero T
		return zero, invalid(sp.missing())
	case !sp.hasDefault:
		var zero T
		return zero, nil
	case sp.vt.shape == shapeValue:
		return p.def, nil
	case sp.vt.shape == shapeSlice:
		return p.list(sp.defaults)
	}
	// A pointer's default is decoded afresh, so that no two requests
	// share the value it points to.
	v, _ := p.one(sp.defaults[0])
	return v, nil
}

// parametersMeta describes path, query, header and cookie parameters for
// the OpenAPI document. The router finds it in [di.Step.Meta].
type parametersMeta struct {
	specs []*spec
}

// OpenAPIParameters describes the parameters, in declaration order, as
// FastAPI does: the wire name, where it is read, whether it is required,
// its description and deprecation, and a schema of its type titled after
// the wire name ("Item Id" for item_id) with its constraints and default.
func (m *parametersMeta) OpenAPIParameters(s *openapi.Schemas) []*openapi.Parameter {
	out := make([]*openapi.Parameter, 0, len(m.specs))
	for _, sp := range m.specs {
		out = append(out, sp.parameter(s))
	}
	return out
}

// parameter describes one parameter for OpenAPI.
func (sp *spec) parameter(s *openapi.Schemas) *openapi.Parameter {
	return &openapi.Parameter{
		Name:        sp.key,
		In:          sp.in,
		Required:    sp.required,
		Deprecated:  sp.cons.Deprecated,
		Schema:      sp.schema(s),
		Description: sp.cons.Description,
	}
}

// schema returns the schema of the parameter's value: that of its type,
// titled after its wire name, with its constraints applied.
func (sp *spec) schema(s *openapi.Schemas) *openapi.Schema {
	var sch *openapi.Schema
	switch {
	case sp.vt.sc.kind == kindFile && sp.vt.shape == shapeSlice:
		sch = &openapi.Schema{Type: "array", Items: binarySchema()}
	case sp.vt.sc.kind == kindFile:
		sch = binarySchema()
	default:
		sch = s.For(sp.vt.typ)
	}
	if sch.Ref == "" {
		sch.Title = openapi.Title(sp.key)
	}
	sp.cons.Apply(sch)
	// FastAPI's OAuth2PasswordRequestForm marks its secrets this way, on
	// the field's schema itself, nullable or not.
	if sp.in == "body" && sp.secret && sch.Format == "" && (sch.Type == "string" || sch.IsNullable()) {
		sch.Format = "password"
	}
	return sch
}

// binarySchema describes an uploaded file as FastAPI does.
func binarySchema() *openapi.Schema {
	return &openapi.Schema{Type: "string", Format: "binary"}
}
