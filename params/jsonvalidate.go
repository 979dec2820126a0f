package params

import (
	"encoding"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/rampart-go/rampart/openapi"
)

// jkind is how a JSON value is validated against a Go type.
type jkind uint8

const (
	jAny    jkind = iota // interfaces and types with UnmarshalJSON
	jString              // strings
	jText                // types with UnmarshalText
	jBytes               // []byte, a base64 string
	jBool
	jInt
	jUint
	jFloat
	jTime
	jStruct
	jSlice
	jMap
	jPtr
)

// jtype is the compiled validator of one Go type against a decoded JSON
// value. It is built by compileJSON when the [Body] is declared; a
// request walks it without looking at Go types.
type jtype struct {
	kind   jkind
	size   uintptr      // of an integer
	typ    reflect.Type // for text types
	elem   *jtype       // of a slice, map or pointer
	fields []jfield     // of a struct
	names  map[string]bool
	chk    checks // an enum type's own values
	secret bool   // a struct with secret fields
}

// jfield is one member of a JSON object: the validator of its type and
// the constraints of its tags.
type jfield struct {
	name     string
	t        *jtype
	chk      checks
	list     listChecks
	required bool
	def      any // the default, as a decoded JSON value
	hasDef   bool
	secret   bool
}

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
)

// compileJSON builds the validator of t.
func compileJSON(t reflect.Type) (*jtype, error) {
	c := &jcompiler{seen: map[reflect.Type]*jtype{}}
	jt := c.compile(t)
	if len(c.errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(c.errs, "\n\t"))
	}
	return jt, nil
}

type jcompiler struct {
	seen map[reflect.Type]*jtype
	errs []string
}

func (c *jcompiler) compile(t reflect.Type) *jtype {
	if jt, ok := c.seen[t]; ok {
		return jt
	}
	jt := &jtype{typ: t}
	c.seen[t] = jt // before recursing, so that recursive types terminate
	implements := func(iface reflect.Type) bool {
		return t.Implements(iface) || reflect.PointerTo(t).Implements(iface)
	}

	switch {
	case t.Kind() == reflect.Pointer:
		jt.kind, jt.elem = jPtr, c.compile(t.Elem())
		return jt
	case t == timeType:
		jt.kind = jTime
		return jt
	case implements(jsonUnmarshaler) || t.Kind() == reflect.Interface:
		jt.kind = jAny
		return jt
	case implements(textUnmarshaler):
		jt.kind = jText
		return jt
	}

	switch t.Kind() {
	case reflect.String:
		jt.kind = jString
	case reflect.Bool:
		jt.kind = jBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		jt.kind, jt.size = jInt, t.Size()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		jt.kind, jt.size = jUint, t.Size()
	case reflect.Float32, reflect.Float64:
		jt.kind = jFloat
	case reflect.Slice, reflect.Array:
		if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
			jt.kind = jBytes
			break
		}
		jt.kind, jt.elem = jSlice, c.compile(t.Elem())
	case reflect.Map:
		jt.kind, jt.elem = jMap, c.compile(t.Elem())
	case reflect.Struct:
		jt.kind = jStruct
		c.object(jt, t)
	default:
		c.errs = append(c.errs, fmt.Sprintf("type %v has no JSON form", t))
	}
	if t.Implements(enumerType) {
		sc := scalar{typ: t}
		jt.chk, _ = newChecks(&openapi.Constraints{}, &sc)
	}
	return jt
}

// object compiles the JSON members of struct type t, following
// encoding/json's rules for names, "-" and embedded structs.
func (c *jcompiler) object(jt *jtype, t reflect.Type) {
	jt.names = map[string]bool{}
	c.members(jt, t, false)
}

func (c *jcompiler) members(jt *jtype, t reflect.Type, optional bool) {
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		ft := sf.Type
		if sf.Anonymous && name == "" {
			inner := ft
			if inner.Kind() == reflect.Pointer {
				inner = inner.Elem()
			}
			if inner.Kind() == reflect.Struct {
				c.members(jt, inner, optional || ft.Kind() == reflect.Pointer)
				continue
			}
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		if jt.names[name] {
			continue // the first field of a name wins
		}
		jt.names[name] = true
		c.member(jt, t, sf, name, optional || strings.Contains(opts, "omit"))
	}
}

// member compiles one field.
func (c *jcompiler) member(jt *jtype, t reflect.Type, sf reflect.StructField, name string, optional bool) {
	label := t.String() + "." + sf.Name
	cons, err := openapi.ParseConstraints(label, sf.Tag, sf.Type)
	if err != nil {
		c.errs = append(c.errs, err.Error())
		return
	}
	f := jfield{name: name, t: c.compile(sf.Type)}
	f.secret = cons.Format == "password" || secretName(name)
	jt.secret = jt.secret || f.secret

	elem := deref(sf.Type)
	switch elem.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map:
		if elem.Kind() != reflect.Slice || elem.Elem().Kind() != reflect.Uint8 {
			f.list = listChecks{minLen: or(cons.MinLength, cons.MinItems),
				maxLen: or(cons.MaxLength, cons.MaxItems)}
			cons.MinLength, cons.MaxLength = nil, nil
		}
	}
	sc := scalar{typ: elem}
	if k, err := scalarKind(elem); err == nil {
		sc.kind, sc.size = k, elem.Size()
	}
	f.chk, err = newChecks(&cons, &sc)
	if err != nil {
		c.errs = append(c.errs, label+": "+err.Error())
	}

	optional = optional || sf.Type.Kind() == reflect.Pointer || cons.HasDefault
	f.required = cons.Required || !optional
	if cons.HasDefault {
		f.hasDef = true
		f.def = jsonValue(cons.DefaultValue)
	}
	jt.fields = append(jt.fields, f)
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// jsonValue returns v as a decoded JSON value, the form defaults take in
// the tree.
func jsonValue(v any) any {
	data, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var out any
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	if dec.Decode(&out) != nil {
		return nil
	}
	return out
}

// validation gathers the problems of one body.
type validation struct {
	errs   []FieldError
	secret bool // hide every input
}

func (vc *validation) add(fe *FieldError, secret bool, loc []any) {
	vc.errs = append(vc.errs, at(fe, secret || vc.secret, loc...))
}

// child returns loc extended by one step, in a slice of its own.
func child(loc []any, step any) []any {
	out := make([]any, len(loc)+1)
	copy(out, loc)
	out[len(loc)] = step
	return out
}

// validate checks v against the type and returns the value encoding/json
// should decode, with pydantic's lax conversions applied, and whether it
// differs from v. Containers are copied before they are changed: the tree
// is shared by every body of the request.
func (jt *jtype) validate(v any, loc []any, vc *validation) (any, bool) {
	return jt.validateSecret(v, loc, vc, false)
}

func (jt *jtype) validateSecret(v any, loc []any, vc *validation, secret bool) (any, bool) {
	fail := func(typ, msg string) (any, bool) {
		vc.add(newError(typ, msg, v, nil), secret, loc)
		return v, false
	}
	switch jt.kind {
	case jAny:
		return v, false
	case jPtr:
		if v == nil {
			return nil, false
		}
		return jt.elem.validateSecret(v, loc, vc, secret)
	case jString, jBytes:
		s, ok := v.(string)
		if !ok {
			return fail("string_type", "Input should be a valid string")
		}
		if fe := jt.chk.str(s); fe != nil {
			vc.add(fe, secret, loc)
		}
		return v, false
	case jText:
		s, ok := v.(string)
		if !ok {
			return fail("string_type", "Input should be a valid string")
		}
		u := reflect.New(jt.typ).Interface().(encoding.TextUnmarshaler)
		if fe := decodeText(&scalar{}, s, u); fe != nil {
			vc.add(fe, secret, loc)
		}
		return v, false
	case jBool:
		return jt.boolean(v, loc, vc, secret)
	case jInt, jUint:
		return jt.integer(v, loc, vc, secret)
	case jFloat:
		return jt.float(v, loc, vc, secret)
	case jTime:
		return jt.datetime(v, loc, vc, secret)
	case jSlice:
		return jt.array(v, loc, vc, secret)
	case jMap:
		return jt.dict(v, loc, vc, secret)
	case jStruct:
		return jt.object(v, loc, vc, secret)
	}
	return v, false
}

func (jt *jtype) boolean(v any, loc []any, vc *validation, secret bool) (any, bool) {
	var text string
	switch x := v.(type) {
	case bool:
		return v, false
	case string:
		text = x
	case json.Number:
		if x == "0" || x == "1" {
			return x == "1", true
		}
		vc.add(newError("bool_parsing", "Input should be a valid boolean, unable to interpret input", v, nil), secret, loc)
		return v, false
	default:
		vc.add(newError("bool_type", "Input should be a valid boolean", v, nil), secret, loc)
		return v, false
	}
	b, ok := parseBool(text)
	if !ok {
		vc.add(newError("bool_parsing", "Input should be a valid boolean, unable to interpret input", v, nil), secret, loc)
		return v, false
	}
	return b, true
}

func (jt *jtype) integer(v any, loc []any, vc *validation, secret bool) (any, bool) {
	var text string
	switch x := v.(type) {
	case json.Number:
		text = string(x)
		if strings.ContainsAny(text, ".eE") {
			f, _ := strconv.ParseFloat(text, 64)
			if f != math.Trunc(f) || math.IsInf(f, 0) {
				vc.add(newError("int_from_float", "Input should be a valid integer, got a number with a fractional part", v, nil), secret, loc)
				return v, false
			}
			if math.Abs(f) >= 1e19 {
				text = "1" + strings.Repeat("0", 20) // out of range for any Go integer
			} else {
				text = strconv.FormatFloat(f, 'f', -1, 64)
			}
		}
	case string:
		text = x
	default:
		vc.add(newError("int_type", "Input should be a valid integer", v, nil), secret, loc)
		return v, false
	}

	var fe *FieldError
	var out string
	if jt.kind == jInt {
		var n int64
		if n, fe = parseInt(text, jt.size); fe == nil {
			out = strconv.FormatInt(n, 10)
		}
	} else {
		var n uint64
		if n, fe = parseUint(text, jt.size); fe == nil {
			out = strconv.FormatUint(n, 10)
		}
	}
	if fe != nil {
		fe.Input = v
		vc.add(fe, secret, loc)
		return v, false
	}
	if fe := jt.chk.number(mustFloat(out), false); fe != nil {
		vc.add(withInput(fe, v), secret, loc)
	}
	n := json.Number(out)
	return n, n != v
}

func mustFloat(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

func (jt *jtype) float(v any, loc []any, vc *validation, secret bool) (any, bool) {
	switch x := v.(type) {
	case json.Number:
		return v, false
	case string:
		f, ok := parseFloat(x)
		if !ok {
			vc.add(newError("float_parsing", "Input should be a valid number, unable to parse string as a number", v, nil), secret, loc)
			return v, false
		}
		if math.IsInf(f, 0) || math.IsNaN(f) {
			// encoding/json cannot decode them into a float.
			vc.add(newError("finite_number", "Input should be a finite number", v, nil), secret, loc)
			return v, false
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), true
	}
	vc.add(newError("float_type", "Input should be a valid number", v, nil), secret, loc)
	return v, false
}

func (jt *jtype) datetime(v any, loc []any, vc *validation, secret bool) (any, bool) {
	var text string
	switch x := v.(type) {
	case string:
		text = x
	case json.Number:
		text = string(x)
	default:
		vc.add(newError("datetime_type", "Input should be a valid datetime", v, nil), secret, loc)
		return v, false
	}
	t, fe := parseDateTime(text)
	if fe != nil {
		fe.Input = v
		vc.add(fe, secret, loc)
		return v, false
	}
	out := t.Format(time.RFC3339Nano)
	return out, out != v
}

func (jt *jtype) array(v any, loc []any, vc *validation, secret bool) (any, bool) {
	list, ok := v.([]any)
	if !ok {
		vc.add(newError("list_type", "Input should be a valid list", v, nil), secret, loc)
		return v, false
	}
	var out []any
	for i, e := range list {
		ne, changed := jt.elem.validateSecret(e, child(loc, i), vc, secret)
		if changed {
			if out == nil {
				out = append([]any(nil), list...)
			}
			out[i] = ne
		}
	}
	if out == nil {
		return v, false
	}
	return out, true
}

func (jt *jtype) dict(v any, loc []any, vc *validation, secret bool) (any, bool) {
	obj, ok := v.(map[string]any)
	if !ok {
		vc.add(newError("dict_type", "Input should be a valid dictionary", v, nil), secret, loc)
		return v, false
	}
	var out map[string]any
	for k, e := range obj {
		ne, changed := jt.elem.validateSecret(e, child(loc, k), vc, secret)
		if changed {
			if out == nil {
				out = copyMap(obj)
			}
			out[k] = ne
		}
	}
	if out == nil {
		return v, false
	}
	return out, true
}

func copyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// object validates a JSON object against a struct: each field in order,
// defaults for absent ones, and keys that encoding/json would match
// without regard to case dropped, so that unknown keys are ignored as
// pydantic ignores them.
func (jt *jtype) object(v any, loc []any, vc *validation, secret bool) (any, bool) {
	obj, ok := v.(map[string]any)
	if !ok {
		vc.add(newError("model_attributes_type", "Input should be a valid dictionary or object to extract fields from", v, nil), secret, loc)
		return v, false
	}
	var out map[string]any
	set := func(k string, val any, drop bool) {
		if out == nil {
			out = copyMap(obj)
		}
		if drop {
			delete(out, k)
			return
		}
		out[k] = val
	}

	for i := range jt.fields {
		f := &jt.fields[i]
		fv, present := obj[f.name]
		if !present {
			switch {
			case f.hasDef:
				set(f.name, f.def, false)
			case f.required:
				vc.errs = append(vc.errs, missingError(child(loc, f.name), jt.redacted(obj, secret || vc.secret)))
			}
			continue
		}
		floc := child(loc, f.name)
		before := len(vc.errs)
		nv, changed := f.t.validateSecret(fv, floc, vc, secret || f.secret)
		if len(vc.errs) == before {
			f.check(nv, floc, vc, secret || f.secret)
		}
		if changed {
			set(f.name, nv, false)
		}
	}

	for k := range obj {
		if !jt.names[k] && jt.foldsToField(k) {
			set(k, nil, true)
		}
	}
	if out == nil {
		return v, false
	}
	return out, true
}

// foldsToField reports whether encoding/json would store key in a field
// whose name it matches only without regard to case.
func (jt *jtype) foldsToField(key string) bool {
	for name := range jt.names {
		if strings.EqualFold(name, key) {
			return true
		}
	}
	return false
}

// redacted returns obj as the input of a missing error: the whole
// object, as pydantic shows it, without the values of secret fields.
func (jt *jtype) redacted(obj map[string]any, secret bool) any {
	if secret {
		return nil
	}
	if !jt.secret {
		return obj
	}
	out := copyMap(obj)
	for _, f := range jt.fields {
		if f.secret {
			delete(out, f.name)
		}
	}
	return out
}

// check applies the constraints of a field's tags to its validated value.
func (f *jfield) check(v any, loc []any, vc *validation, secret bool) {
	var fe *FieldError
	switch x := v.(type) {
	case nil:
	case string:
		fe = f.chk.str(x)
	case json.Number:
		n := mustFloat(string(x))
		notMultiple := !isMultiple(n, f.chk.multipleOf)
		if f.chk.intMultiple > 1 {
			i, _ := strconv.ParseInt(string(x), 10, 64)
			notMultiple = i%f.chk.intMultiple != 0
		}
		fe = withInput(f.chk.number(n, notMultiple), x)
	case bool:
		if f.chk.enum != nil {
			fe = f.chk.enumCheck(enumKey{b: x, isBool: true}, x)
		}
	case []any:
		fe = f.list.list(len(x), x)
	case map[string]any:
		fe = f.list.dictLen(len(x), x)
	}
	if fe != nil {
		vc.add(fe, secret, loc)
	}
}

// dictLen checks the number of keys of an object.
func (c *listChecks) dictLen(n int, input any) *FieldError {
	fe := c.list(n, input)
	if fe != nil {
		fe.Msg = "Dictionary" + strings.TrimPrefix(fe.Msg, "List")
		fe.Ctx["field_type"] = "Dictionary"
	}
	return fe
}
