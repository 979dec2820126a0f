package params

import (
	"errors"
	"fmt"
	"net/textproto"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"unsafe"

	"github.com/rampart-go/rampart/openapi"
)

// spec describes one parameter: where it is read, how its text becomes a
// Go value, what it must satisfy and how the OpenAPI document shows it.
// It is built once, when the parameter is declared, and only read by
// requests.
type spec struct {
	in    string // "path", "query", "header", "cookie", or "body" for forms
	name  string // the name the program gave
	key   string // the name on the wire
	canon string // a header's key in canonical form
	label string // how errors name the parameter, with its site

	vt   valueType
	cons openapi.Constraints
	list listChecks

	required   bool
	secret     bool
	hasDefault bool
	defaults   []string // the default as text, one entry per element

	offset uintptr // of the field, in a Fields or Form struct
}

// declared returns "file.go:line" for the caller skip frames above it.
func declared(skip int) string {
	_, file, line, ok := runtime.Caller(skip + 1)
	if !ok {
		return "unknown site"
	}
	return fmt.Sprintf("%s:%d", filepath.Base(file), line)
}

// newSpec builds the spec of a parameter of type t named name, read from
// in, with the constraints in tag. files admits upload fields, in forms.
func newSpec(in, name, label string, t reflect.Type, tag reflect.StructTag, files bool) (*spec, error) {
	sp := &spec{in: in, name: name, key: name, label: label}
	vt, err := newValueType(t, files)
	if err != nil {
		return nil, err
	}
	sp.vt = vt

	var errs []error
	if vt.sc.kind != kindFile || tag != "" {
		sp.cons, err = openapi.ParseConstraints(label, tag, t)
		errs = append(errs, err)
	}
	errs = append(errs, sp.setChecks())
	errs = append(errs, sp.setDefault())
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}

	c := &sp.cons
	switch vt.shape {
	case shapeValue:
		sp.required = !c.HasDefault
	case shapePointer:
		sp.required = c.Required
	case shapeSlice:
		// FastAPI: a list parameter without a default is required, and
		// an empty list counts as absent.
		sp.required = !c.HasDefault
	}
	sp.secret = c.Format == "password" || secretName(name)
	return sp, nil
}

// setChecks turns the parsed constraints into the checks of each value,
// and of the list for a slice parameter.
func (sp *spec) setChecks() error {
	c := &sp.cons
	sc := &sp.vt.sc
	elem := *c
	if sp.vt.shape == shapeSlice {
		sp.list = listChecks{minLen: or(c.MinLength, c.MinItems), maxLen: or(c.MaxLength, c.MaxItems)}
		elem = openapi.Constraints{}
	}
	chk, err := newChecks(&elem, sc)
	sc.chk = chk
	return err
}

func or[T any](p, q *T) *T {
	if p != nil {
		return p
	}
	return q
}

// setDefault splits the default into the texts of its values and checks
// that each one decodes and satisfies the constraints, so that a bad
// default is found when the program starts rather than on a request.
func (sp *spec) setDefault() error {
	c := &sp.cons
	if !c.HasDefault {
		return nil
	}
	sp.hasDefault = true
	sp.defaults = []string{c.Default}
	if sp.vt.shape == shapeSlice {
		sp.defaults = []string{}
		if c.Default != "" {
			sp.defaults = strings.Split(c.Default, ",")
		}
		for i, s := range sp.defaults {
			sp.defaults[i] = strings.TrimSpace(s)
		}
	}
	if sp.vt.sc.kind == kindFile {
		return fmt.Errorf("a file field cannot have a default")
	}
	for _, s := range sp.defaults {
		if fe := decodeAny(&sp.vt.sc, s, allocScalar(&sp.vt.sc)); fe != nil {
			return fmt.Errorf("default %q: %s", s, fe.Msg)
		}
	}
	return nil
}

// secretName reports whether a parameter of this name holds a credential
// whose value must never be echoed in an error.
func secretName(name string) bool {
	switch strings.ToLower(strings.ReplaceAll(name, "-", "_")) {
	case "password", "client_secret", "token", "access_token",
		"refresh_token", "api_key", "x_api_key", "authorization",
		"proxy_authorization", "cookie":
		return true
	}
	return false
}

// headerKey returns the header a parameter named name reads: FastAPI's
// convert_underscores turns user_agent into user-agent unless convert is
// false. Matching is case-insensitive, through the canonical form.
func headerKey(name string, convert bool) (key, canon string) {
	key = name
	if convert {
		key = strings.ReplaceAll(name, "_", "-")
	}
	return key, textproto.CanonicalMIMEHeaderKey(key)
}

// fail places a problem with one value of the parameter.
func (sp *spec) fail(fe *FieldError, path ...any) FieldError {
	loc := make([]any, 0, 2+len(path))
	loc = append(loc, sp.in, sp.key)
	return at(fe, sp.secret, append(loc, path...)...)
}

// missing reports the parameter as absent.
func (sp *spec) missing() FieldError {
	return missingError([]any{sp.in, sp.key}, nil)
}

// decodeInto decodes the values of the parameter found in a request into
// the field at p, which holds a value of the parameter's type: the first
// value for a scalar, all of them for a list. An absent parameter takes
// its default, or its zero value, or is reported missing. Problems are
// appended to errs.
func (sp *spec) decodeInto(p unsafe.Pointer, values []string, errs []FieldError) []FieldError {
	if len(values) == 0 {
		if !sp.hasDefault {
			if sp.required {
				errs = append(errs, sp.missing())
			}
			return errs
		}
		values = sp.defaults
		if sp.vt.shape != shapeSlice {
			values = values[:1]
		}
	}

	sc := &sp.vt.sc
	switch sp.vt.shape {
	case shapeValue:
		if fe := decodeAny(sc, values[0], p); fe != nil {
			errs = append(errs, sp.fail(fe))
		}
	case shapePointer:
		mem := allocScalar(sc)
		if fe := decodeAny(sc, values[0], mem); fe != nil {
			return append(errs, sp.fail(fe))
		}
		*(*unsafe.Pointer)(p) = mem
	case shapeSlice:
		data, n, more := sp.decodeList(values, errs)
		errs = more
		setSlice(p, data, n)
	}
	return errs
}

// decodeList decodes each value into a new backing array and checks the
// list's length, returning the array and its length.
func (sp *spec) decodeList(values []string, errs []FieldError) (unsafe.Pointer, int, []FieldError) {
	sc := &sp.vt.sc
	size := sc.typ.Size()
	data := allocSlice(sc, len(values))
	failed := false
	for i, s := range values {
		if fe := decodeAny(sc, s, unsafe.Add(data, uintptr(i)*size)); fe != nil {
			errs = append(errs, sp.fail(fe, i))
			failed = true
		}
	}
	if !failed {
		if fe := sp.list.list(len(values), listInput(values, sp.secret)); fe != nil {
			errs = append(errs, sp.fail(fe))
		}
	}
	return data, len(values), errs
}

// listInput is the input a list error shows.
func listInput(values []string, secret bool) any {
	if secret {
		return nil
	}
	return values
}
