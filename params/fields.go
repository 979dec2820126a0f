package params

import (
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"unsafe"

	"github.com/rampart-go/rampart/di"
)

// Fields returns a dependency on a struct of tagged fields, each a
// parameter, so that one declaration reads many parameters:
//
//	type ItemParams struct {
//		ItemID    int       `path:"item_id"`
//		Limit     int       `query:"limit" default:"10" validate:"ge=1,le=100"`
//		Tags      []string  `query:"tag" default:""`
//		UserAgent string    `header:"user_agent"`
//		Session   *string   `cookie:"session"`
//	}
//
//	var itemParams = params.Fields[ItemParams]()
//
// The tags path, query, header and cookie name the parameter and where it
// is read, with the rules of [Path], [Query], [Header] (underscores become
// hyphens) and [Cookie]. The constraint tags validate, pattern, enum,
// default, doc, title, format and deprecated are those
// [openapi.ParseConstraints] reads; format:"password" marks a secret. Every
// field of T must have exactly one location tag, except unexported
// fields, which are skipped.
//
// Every field is decoded even when others fail, and all the problems are
// reported together. The OpenAPI metadata lists the parameters in field
// order.
//
// Fields panics, naming T, the field and the declaration site, if a field
// cannot be a parameter.
func Fields[T any]() di.Dep[T] {
	site := declared(1)
	t := reflect.TypeFor[T]()
	specs, err := fieldSpecs(t, site)
	if err != nil {
		panic(err.Error())
	}
	f := &fieldsParam[T]{specs: specs}

	var dep di.Dep[T]
	if f.usesQuery() {
		dep = di.Func2(f.eval, di.Request(), queryDep)
	} else {
		dep = di.Func1(func(r *http.Request) (T, error) { return f.eval(r, nil) }, di.Request())
	}
	dep = di.WithName(dep, fmt.Sprintf("parameters %v", t))
	return di.WithMeta(dep, &parametersMeta{specs: specs})
}

// fieldsParam is the parameters of one struct type.
type fieldsParam[T any] struct {
	specs []*spec
}

func (f *fieldsParam[T]) usesQuery() bool {
	for _, sp := range f.specs {
		if sp.in == "query" {
			return true
		}
	}
	return false
}

// eval decodes every field of a new T.
func (f *fieldsParam[T]) eval(r *http.Request, q *query) (T, error) {
	var v T
	base := unsafe.Pointer(&v)
	var errs []FieldError
	for _, sp := range f.specs {
		values := sp.values(r, q)
		errs = sp.decodeInto(unsafe.Add(base, sp.offset), values, errs)
	}
	if errs != nil {
		return v, invalid(errs...)
	}
	return v, nil
}

// values returns the texts of the parameter found in the request.
func (sp *spec) values(r *http.Request, q *query) []string {
	var s string
	var ok bool
	switch sp.in {
	case "path":
		s = r.PathValue(sp.key)
		ok = s != ""
	case "query":
		if sp.vt.shape == shapeSlice {
			return q.all(sp.key)
		}
		s, ok = q.last(sp.key)
	case "header":
		return r.Header[sp.canon]
	case "cookie":
		s, ok = cookie(r, sp.key)
	}
	if !ok {
		return nil
	}
	return []string{s}
}

// locations are the tags that place a field of a Fields struct.
var locations = [...]string{"path", "query", "header", "cookie"}

// fieldSpecs builds the specs of the fields of struct type t, reporting
// every field that cannot be a parameter.
func fieldSpecs(t reflect.Type, site string) ([]*spec, error) {
	where := fmt.Sprintf("params: Fields[%v] (%s)", t, site)
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("%s: %v is not a struct", where, t)
	}
	var specs []*spec
	var problems []string
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		sp, err := fieldSpec(t, sf, where)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		specs = append(specs, sp)
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s:\n\t%s", where, strings.Join(problems, "\n\t"))
	}
	return specs, nil
}

// fieldSpec builds the spec of one field of a Fields struct.
func fieldSpec(t reflect.Type, sf reflect.StructField, where string) (*spec, error) {
	var in, name string
	for _, loc := range locations {
		v, ok := sf.Tag.Lookup(loc)
		if !ok {
			continue
		}
		if in != "" {
			return nil, fmt.Errorf("field %s has both a %s and a %s tag", sf.Name, in, loc)
		}
		in, name = loc, v
	}
	if in == "" {
		return nil, fmt.Errorf("field %s has no path, query, header or cookie tag", sf.Name)
	}
	if name == "" {
		return nil, fmt.Errorf("field %s: the %s tag names no parameter", sf.Name, in)
	}

	label := fmt.Sprintf("%s.%s", t, sf.Name)
	sp, err := newSpec(in, name, label, sf.Type, sf.Tag, false)
	if err != nil {
		return nil, fmt.Errorf("field %s: %v", sf.Name, err)
	}
	sp.label = where + ": field " + sf.Name
	sp.offset = sf.Offset
	switch {
	case in == "header":
		sp.key, sp.canon = headerKey(name, true)
		sp.secret = sp.secret || secretName(sp.key)
	case in == "path" && (sp.vt.shape != shapeValue || sp.hasDefault):
		return nil, fmt.Errorf("field %s: a path parameter is always present: use a plain type without a default", sf.Name)
	case in == "path":
		sp.required = true
	case in == "cookie" && sp.vt.shape == shapeSlice:
		return nil, fmt.Errorf("field %s: a cookie holds one value: use a scalar type", sf.Name)
	}
	return sp, nil
}
