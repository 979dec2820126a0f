package params

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"reflect"
	"strings"
	"unsafe"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/openapi"
)

// maxFormMemory is how much of a multipart form's files is kept in
// memory; the rest goes to temporary files, removed after the request.
const maxFormMemory = 32 << 20

// formData is the request body parsed as a form, once per request, for
// every [Form] of a route.
type formData struct {
	values map[string][]string
	files  map[string][]*multipart.FileHeader
}

var formDep = di.WithName(di.Yield1(parseForm, bodyDep), "form body")

// parseForm parses an application/x-www-form-urlencoded or
// multipart/form-data body. A body of any other type gives an empty form,
// whose required fields are then reported missing, as in FastAPI. The
// cleanup removes the temporary files of a multipart form once the
// request is done, as FastAPI closes its uploaded files.
func parseForm(b *rawBody) (*formData, di.Cleanup, error) {
	fd := &formData{}
	switch b.mediaType {
	case "application/x-www-form-urlencoded":
		var q query
		q.parse(string(b.data))
		fd.values = make(map[string][]string, len(q.pairs))
		for _, p := range q.pairs {
			fd.values[p.key] = append(fd.values[p.key], p.value)
		}
	case "multipart/form-data":
		if len(b.data) == 0 {
			break
		}
		mr := multipart.NewReader(bytes.NewReader(b.data), b.params["boundary"])
		form, err := mr.ReadForm(maxFormMemory)
		if err != nil {
			return nil, nil, &BodyError{Err: err}
		}
		fd.values, fd.files = form.Value, form.File
		return fd, func(error) { _ = form.RemoveAll() }, nil
	}
	return fd, nil, nil
}

// Form returns a dependency on the request's form body decoded into the
// struct T, FastAPI's form model (a parameter annotated with Form()).
// The body is application/x-www-form-urlencoded, or multipart/form-data
// when T has file fields.
//
// Each exported field is a form field named by its form tag, or else its
// json tag, or else the Go field name; form:"-" skips it. A field's type
// is a scalar, a pointer to one or a slice of them, as for [Query], or
// *multipart.FileHeader, or []*multipart.FileHeader for several files.
// The constraint tags of [Fields] apply. As in FastAPI, an empty value
// counts as absent; a field is required unless it is a pointer, has a
// default, or is tagged omitempty (form:"avatar,omitempty").
//
// Errors are reported at ["body", field]. Fields named password or
// client_secret, and fields tagged format:"password", are never echoed.
// Form panics, naming T, the field and the declaration site, if a field
// cannot be a form field.
func Form[T any]() di.Dep[T] {
	site := declared(1)
	t := reflect.TypeFor[T]()
	specs, err := formSpecs(t, site)
	if err != nil {
		panic(err.Error())
	}
	f := &formParam[T]{specs: specs}
	for _, sp := range specs {
		f.multipart = f.multipart || sp.vt.sc.kind == kindFile
	}
	dep := di.Func1(f.eval, formDep)
	dep = di.WithName(dep, fmt.Sprintf("form %v", t))
	return di.WithMeta(dep, f)
}

// formParam is one form struct, and its own OpenAPI metadata.
type formParam[T any] struct {
	specs     []*spec
	multipart bool
}

// eval decodes every field of a new T.
func (f *formParam[T]) eval(fd *formData) (T, error) {
	var v T
	base := unsafe.Pointer(&v)
	var errs []FieldError
	for _, sp := range f.specs {
		p := unsafe.Add(base, sp.offset)
		if sp.vt.sc.kind == kindFile {
			errs = sp.files(p, fd.files[sp.key], errs)
			continue
		}
		errs = sp.decodeInto(p, formValues(sp, fd.values[sp.key]), errs)
	}
	if errs != nil {
		return v, invalid(errs...)
	}
	return v, nil
}

// formValues returns the values of a form field, treating an empty value
// as absent, as FastAPI does.
func formValues(sp *spec, values []string) []string {
	if sp.vt.shape == shapeSlice || len(values) == 0 {
		return values
	}
	last := values[len(values)-1] // Starlette's FormData.get keeps the last
	if last == "" {
		return nil
	}
	return values[len(values)-1:]
}

// files stores the uploaded files of a file field.
func (sp *spec) files(p unsafe.Pointer, fhs []*multipart.FileHeader, errs []FieldError) []FieldError {
	if len(fhs) == 0 {
		if sp.required {
			errs = append(errs, sp.missing())
		}
		return errs
	}
	if sp.vt.shape == shapeSlice {
		*(*[]*multipart.FileHeader)(p) = fhs
		return errs
	}
	*(**multipart.FileHeader)(p) = fhs[len(fhs)-1]
	return errs
}

// formSpecs builds the specs of the fields of a form struct.
func formSpecs(t reflect.Type, site string) ([]*spec, error) {
	where := fmt.Sprintf("params: Form[%v] (%s)", t, site)
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("%s: %v is not a struct", where, t)
	}
	var specs []*spec
	var problems []string
	for i := range t.NumField() {
		sf := t.Field(i)
		name, omit, skip := formName(sf)
		if skip {
			continue
		}
		label := fmt.Sprintf("%s.%s", t, sf.Name)
		sp, err := newSpec("body", name, label, sf.Type, sf.Tag, true)
		if err != nil {
			problems = append(problems, fmt.Sprintf("field %s: %v", sf.Name, err))
			continue
		}
		sp.label = where + ": field " + sf.Name
		sp.offset = sf.Offset
		sp.required = sp.required && !omit
		specs = append(specs, sp)
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s:\n\t%s", where, strings.Join(problems, "\n\t"))
	}
	return specs, nil
}

// formName returns the form name of a field and whether it is tagged
// omitempty, or skip for a field that is not a form field.
func formName(sf reflect.StructField) (name string, omit, skip bool) {
	if !sf.IsExported() {
		return "", false, true
	}
	tag, ok := sf.Tag.Lookup("form")
	if !ok {
		tag = sf.Tag.Get("json")
	}
	if tag == "-" {
		return "", false, true
	}
	name, opts, _ := strings.Cut(tag, ",")
	if name == "" {
		name = sf.Name
	}
	return name, strings.Contains(opts, "omitempty"), false
}

// OpenAPIRequestBody describes the form as FastAPI does: an inline object
// whose properties are the fields in order, each titled after its name,
// files as binary strings and secrets with format password, under
// multipart/form-data when there are files and
// application/x-www-form-urlencoded otherwise. The router names the
// schema Body_<operationId>, as FastAPI does.
func (f *formParam[T]) OpenAPIRequestBody(s *openapi.Schemas) *openapi.RequestBody {
	obj := &openapi.Schema{Type: "object"}
	required := false
	for _, sp := range f.specs {
		obj.Properties.Set(sp.key, sp.schema(s))
		if sp.required {
			obj.Required = append(obj.Required, sp.key)
			required = true
		}
	}
	media := "application/x-www-form-urlencoded"
	if f.multipart {
		media = "multipart/form-data"
	}
	return &openapi.RequestBody{
		Content:  map[string]openapi.MediaType{media: {Schema: obj}},
		Required: required,
	}
}
