package openapi

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// Enumer is implemented by types whose values are limited to a fixed set,
// as a Python Enum class limits them. [Schemas.For] calls Enum on the
// type's zero value, so it must not depend on the receiver, and describes
// the type as a component with an enum of the values, e.g.
//
//	type Role string
//
//	func (Role) Enum() []any { return []any{RoleAdmin, RoleUser} }
type Enumer interface {
	Enum() []any
}

// SchemaProvider is implemented by types that describe themselves, such as
// an uploaded file or a type with its own MarshalJSON. [Schemas.For] calls
// OpenAPISchema on the type's zero value and uses the result as it is, so
// each call must return a schema the caller may modify.
type SchemaProvider interface {
	OpenAPISchema() *Schema
}

// class is how the generator and the tag parser see a Go type: the first
// rule of [Schemas.For] that it meets.
type class int

const (
	classInvalid  class = iota
	classProvider       // implements SchemaProvider
	classEnum           // implements Enumer
	classTime           // time.Time
	classDuration       // time.Duration
	classAny            // interfaces and other json.Marshalers
	classText           // encoding.TextMarshaler
	classBool
	classInt
	classFloat
	classString
	classBytes // []byte, written as base64
	classSlice
	classArray
	classMap
	classStruct
)

var (
	timeType          = reflect.TypeFor[time.Time]()
	durationType      = reflect.TypeFor[time.Duration]()
	providerType      = reflect.TypeFor[SchemaProvider]()
	enumerType        = reflect.TypeFor[Enumer]()
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
	textUnmarshaler   = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// classify returns the class of t, which must not be a pointer. Methods
// count whether declared on t or on *t, as encoding/json counts them for
// addressable values.
func classify(t reflect.Type) class {
	switch {
	case implements(t, providerType):
		return classProvider
	case implements(t, enumerType):
		return classEnum
	}
	return plainClass(t)
}

// plainClass returns the class of t, ignoring the interfaces through which
// a type describes itself.
func plainClass(t reflect.Type) class {
	switch {
	case t == timeType:
		return classTime
	case t == durationType:
		return classDuration
	case implements(t, jsonMarshalerType):
		return classAny // its wire form is whatever its MarshalJSON writes
	case implements(t, textMarshalerType):
		return classText
	}

	switch t.Kind() {
	case reflect.Bool:
		return classBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32,
		reflect.Uint64, reflect.Uintptr:
		return classInt
	case reflect.Float32, reflect.Float64:
		return classFloat
	case reflect.String:
		return classString
	case reflect.Slice:
		if isBytes(t) {
			return classBytes
		}
		return classSlice
	case reflect.Array:
		return classArray
	case reflect.Map:
		return classMap
	case reflect.Struct:
		return classStruct
	case reflect.Interface:
		return classAny
	}
	return classInvalid
}

// implements reports whether t or *t implements iface.
func implements(t, iface reflect.Type) bool {
	return t.Implements(iface) || reflect.PointerTo(t).Implements(iface)
}

// isBytes reports whether encoding/json writes the slice type t as a base64
// string: its elements are bytes without marshalling methods of their own.
func isBytes(t reflect.Type) bool {
	e := t.Elem()
	return e.Kind() == reflect.Uint8 &&
		!implements(e, jsonMarshalerType) && !implements(e, textMarshalerType)
}

// deref strips every level of pointer from t.
func deref(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// shape is the JSON type of a Go type's values, which decides the
// constraints that fit it.
type shape int

const (
	shapeAny shape = iota
	shapeString
	shapeNumber
	shapeBool
	shapeArray
	shapeObject
)

// plural names the values of the shape in messages.
func (s shape) plural() string {
	return [...]string{"values of any type", "strings", "numbers", "booleans",
		"slices and arrays", "maps and structs"}[s]
}

// shapeOf returns the JSON type of the values of t, or of the type t
// points to.
func shapeOf(t reflect.Type) shape {
	t = deref(t)
	if t == nil {
		return shapeAny
	}
	switch classify(t) {
	case classProvider:
		return shapeOfSchema(reflect.New(t).Interface().(SchemaProvider).OpenAPISchema())
	case classEnum:
		return shapeOfSchema(&Schema{Type: enumType(enumValues(t))})
	case classTime, classDuration, classText, classString, classBytes:
		return shapeString
	case classBool:
		return shapeBool
	case classInt, classFloat:
		return shapeNumber
	case classSlice, classArray:
		return shapeArray
	case classMap, classStruct:
		return shapeObject
	}
	return shapeAny
}

// shapeOfSchema returns the shape of the values a schema accepts.
func shapeOfSchema(s *Schema) shape {
	if s == nil {
		return shapeAny
	}
	switch s.nonNull().Type {
	case "string":
		return shapeString
	case "integer", "number":
		return shapeNumber
	case "boolean":
		return shapeBool
	case "array":
		return shapeArray
	case "object":
		return shapeObject
	}
	return shapeAny
}

// enumValues calls Enum on the zero value of t.
func enumValues(t reflect.Type) []any {
	return reflect.New(t).Interface().(Enumer).Enum()
}

// enumType returns the JSON Schema type shared by all the values, or ""
// when they differ; integers mixed with other numbers give "number".
func enumType(values []any) string {
	typ := ""
	for i, v := range values {
		vt := valueType(v)
		switch {
		case i == 0 || vt == typ:
			typ = vt
		case vt+typ == "integernumber" || vt+typ == "numberinteger":
			typ = "number"
		default:
			return ""
		}
	}
	return typ
}

// valueType returns the JSON Schema type that encoding/json gives v, or ""
// when it cannot tell.
func valueType(v any) string {
	t := reflect.TypeOf(v)
	if t == nil {
		return "null"
	}
	switch plainClass(deref(t)) {
	case classTime, classDuration, classText, classString, classBytes:
		return "string"
	case classBool:
		return "boolean"
	case classInt:
		return "integer"
	case classFloat:
		return "number"
	case classSlice, classArray:
		return "array"
	case classMap, classStruct:
		return "object"
	}
	return ""
}

// parseValue parses text from a default, enum or example tag to a value of
// t, or of the type t points to. It returns the typed value and the JSON
// value the schema shows: the text itself for types written as strings, so
// that a time.Duration appears as "1m30s", as its schema promises.
//
// A slice takes a comma-separated list of its elements.
func parseValue(text string, t reflect.Type) (typed, js any, err error) {
	t = deref(t)
	if t == nil {
		return nil, nil, errors.New("the field has no type")
	}
	stringy := shapeOf(t) == shapeString
	if t == durationType {
		d, err := time.ParseDuration(text)
		if err != nil {
			return nil, nil, fmt.Errorf("%q is not a duration such as 1m30s", text)
		}
		return d, text, nil
	}
	if stringy && implements(t, textUnmarshaler) {
		pv := reflect.New(t)
		u := pv.Interface().(encoding.TextUnmarshaler)
		if err := u.UnmarshalText([]byte(text)); err != nil {
			return nil, nil, fmt.Errorf("%q is not a %s: %v", text, t, err)
		}
		return pv.Elem().Interface(), text, nil
	}

	v := reflect.New(t).Elem()
	switch t.Kind() {
	case reflect.String:
		v.SetString(text)
	case reflect.Bool:
		b, err := strconv.ParseBool(text)
		if err != nil {
			return nil, nil, fmt.Errorf("%q is not true or false", text)
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(text, 10, t.Bits())
		if err != nil {
			return nil, nil, numberError(text, t, "an integer", err)
		}
		v.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32,
		reflect.Uint64, reflect.Uintptr:
		n, err := strconv.ParseUint(text, 10, t.Bits())
		if err != nil {
			return nil, nil, numberError(text, t, "an integer of 0 or more", err)
		}
		v.SetUint(n)
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(text, t.Bits())
		if err != nil {
			return nil, nil, numberError(text, t, "a number", err)
		}
		v.SetFloat(f)
	case reflect.Slice:
		if isBytes(t) {
			return nil, nil, fmt.Errorf("a value of type %s cannot be given in a tag", t)
		}
		return parseList(text, t)
	default:
		return nil, nil, fmt.Errorf("a value of type %s cannot be given in a tag", t)
	}
	if stringy {
		return v.Interface(), text, nil
	}
	return v.Interface(), v.Interface(), nil
}

// parseList parses a comma-separated list to a slice of type t.
func parseList(text string, t reflect.Type) (typed, js any, err error) {
	parts := strings.Split(text, ",")
	if text == "" {
		parts = nil // an empty tag gives an empty list, not one empty element
	}
	list := reflect.MakeSlice(t, 0, len(parts))
	jsList := make([]any, 0, len(parts))
	for _, part := range parts {
		typed, js, err := parseValue(strings.TrimSpace(part), t.Elem())
		if err != nil {
			return nil, nil, err
		}
		list = reflect.Append(list, elemValue(typed, t.Elem()))
		jsList = append(jsList, js)
	}
	return list.Interface(), jsList, nil
}

// elemValue returns typed, a value of deref(t), as a value of t itself,
// allocating the pointers a []*int needs.
func elemValue(typed any, t reflect.Type) reflect.Value {
	v := reflect.ValueOf(typed)
	for v.Type() != t {
		p := reflect.New(v.Type())
		p.Elem().Set(v)
		v = p
	}
	return v
}

// numberError explains why text did not parse as a number of type t.
func numberError(text string, t reflect.Type, want string, err error) error {
	if errors.Is(err, strconv.ErrRange) {
		return fmt.Errorf("%q is out of range for %s", text, t)
	}
	return fmt.Errorf("%q is not %s", text, want)
}
