package openapi

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"strings"
	"time"
)

// Schemas generates JSON Schemas from Go types and keeps the components
// they refer to. [Schemas.For] describes a type; [Schemas.Components] gives
// the components to put in [Components.Schemas]; [Schemas.Err] reports
// every type and tag that could not be described.
//
// The zero value is ready to use. A Schemas is not safe for concurrent use:
// a router fills one while it is built, then only reads it.
//
// # Component names
//
// A named struct type, and a named type that implements [Enumer], becomes
// a component named after the type: main.User is "User". When two types
// share a name, the first described keeps it and the next is qualified by
// its package: "billing_User", then by its package path,
// "example.com_shop_billing_User", then numbered, "User_2". The names thus
// depend on the order in which types are described, which for a router is
// the order its routes are declared: adding a route never renames a
// component that older routes use. FastAPI instead qualifies every model
// whose name is shared, which renames components as models are added.
// A generic instantiation such as Page[models.User] is named "Page_User_",
// as pydantic names Page[User], and titled "Page[User]".
//
// "ValidationError" and "HTTPValidationError" are kept for FastAPI's
// validation errors (see [Schemas.HTTPValidationError]); Go types of those
// names are qualified by their package.
type Schemas struct {
	defs   map[string]*Schema      // component name -> its schema
	owners map[string]reflect.Type // component name -> its Go type, nil if defined by hand
	names  map[reflect.Type]string // Go type -> component name
	active map[reflect.Type]bool   // named slice, array and map types being described
	errs   []error
	seen   map[string]bool // texts of errs, to report each problem once
}

// For returns the schema of values of type t, following the rules of
// encoding/json and what pydantic emits for the matching Python types:
//
//   - bool is "boolean"; integers are "integer" and floats "number",
//     without a format, as FastAPI writes them; strings are "string".
//   - A pointer is nullable: anyOf the schema of what it points to and
//     {"type": "null"}, as pydantic writes Optional[X].
//   - A named struct is a $ref to a component titled with the type's name
//     (see [Schemas] for how components are named); an unnamed struct is
//     described inline. The properties of both follow the rules below.
//   - A slice or array is an "array" of its elements; an array also gets
//     minItems and maxItems of its length. []byte is a "string" with
//     contentEncoding "base64", as encoding/json writes it.
//   - A map with string, integer or text-marshalled keys is an "object"
//     whose additionalProperties are its values.
//   - time.Time is a "string" of format "date-time". time.Duration is a
//     "string" of format "duration" in the syntax of time.ParseDuration,
//     such as "1m30s" (not pydantic's ISO 8601 "PT1M30S"), as parameters
//     read it; as a field of a struct, which is JSON, it is an "integer"
//     of nanoseconds, as encoding/json writes it.
//   - A type that implements [SchemaProvider] is described by it, one that
//     implements [Enumer] becomes a component with an enum of its values.
//     Other types with MarshalJSON, and interfaces such as any, get the
//     empty schema {}, which accepts any value; a type with MarshalText is
//     a "string".
//   - Channels, functions, complex numbers and maps with other keys have
//     no JSON form: For returns {} and records a [*TypeError].
//
// The properties of a struct are its JSON fields as encoding/json finds
// them: exported, named by their json tag, with "-" skipped and the fields
// of embedded structs promoted. Each property is titled after its JSON
// name (see [Title]), unless it is a bare $ref, and carries the
// constraints of the field's tags (see [Constraints]). A field is required
// unless it is a pointer, is tagged omitempty or omitzero, has a default
// tag, or is promoted through an embedded pointer; validate:"required"
// makes any field required.
//
// Recursive types work: a type that refers to itself gets a $ref to its own
// component. Problems with tags and types are recorded for [Schemas.Err],
// not returned, so that one pass over all routes reports them all; the
// schema returned is still the best description available.
//
// For returns a new schema on each call, which the caller may modify; a
// $ref leaves the component itself untouched.
func (s *Schemas) For(t reflect.Type) *Schema {
	return s.schema(t, "")
}

// Define adds a component built by hand, such as the form body of a route,
// and returns a $ref to it. The name must be a valid component name:
// letters, digits, ".", "-" and "_". Defining a name again with the same
// schema is allowed; a name taken by another schema or by a Go type is
// recorded as an error for [Schemas.Err].
func (s *Schemas) Define(name string, schema *Schema) *Schema {
	ref := Ref(name)
	if !validComponentName(name) {
		s.fail(fmt.Errorf(
			"openapi: component name %q may hold only letters, digits, '.', '-' and '_'", name))
		return ref
	}
	if owner, taken := s.owners[name]; taken {
		switch {
		case owner != nil:
			s.fail(fmt.Errorf("openapi: component name %q is taken by type %s", name, owner))
		case s.defs[name] != schema:
			s.fail(fmt.Errorf(
				"openapi: component %q is defined twice with different schemas", name))
		}
		return ref
	}
	s.claim(name, nil)
	s.defs[name] = schema
	return ref
}

// Components returns the components described so far, by name, for
// [Components.Schemas]. The map is a copy; the schemas are shared.
func (s *Schemas) Components() map[string]*Schema {
	return maps.Clone(s.defs)
}

// Err returns every problem recorded while describing types, one per line
// in the order found, or nil: [*TagError] for struct tags, [*TypeError] for
// types without a JSON form, and errors for component names.
func (s *Schemas) Err() error {
	return errors.Join(s.errs...)
}

// fail records err, once.
func (s *Schemas) fail(err error) {
	if s.seen == nil {
		s.seen = make(map[string]bool)
	}
	if msg := err.Error(); !s.seen[msg] {
		s.seen[msg] = true
		s.errs = append(s.errs, err)
	}
}

// schema describes t; field names the struct field that holds t, for
// errors, or is empty.
func (s *Schemas) schema(t reflect.Type, field string) *Schema {
	if t == nil {
		return &Schema{}
	}
	if t.Kind() == reflect.Pointer {
		return Nullable(s.schema(deref(t), field))
	}

	switch classify(t) {
	case classProvider:
		return reflect.New(t).Interface().(SchemaProvider).OpenAPISchema()
	case classEnum:
		return s.component(t, func() *Schema { return s.enum(t, field) })
	case classTime:
		return &Schema{Type: "string", Format: "date-time"}
	case classDuration:
		if field != "" {
			// A field of a JSON body: encoding/json writes and reads a
			// Duration as an integer of nanoseconds.
			return &Schema{Type: "integer", Format: "int64"}
		}
		return &Schema{Type: "string", Format: "duration"}
	case classAny:
		return &Schema{}
	case classText, classString:
		return &Schema{Type: "string"}
	case classBool:
		return &Schema{Type: "boolean"}
	case classInt:
		return &Schema{Type: "integer"}
	case classFloat:
		return &Schema{Type: "number"}
	case classBytes:
		return &Schema{Type: "string", ContentEncoding: "base64"}
	case classSlice:
		return s.composite(t, func() *Schema {
			return &Schema{Type: "array", Items: s.schema(t.Elem(), field)}
		})
	case classArray:
		return s.composite(t, func() *Schema {
			n := t.Len()
			return &Schema{Type: "array", Items: s.schema(t.Elem(), field),
				MinItems: &n, MaxItems: &n}
		})
	case classMap:
		return s.composite(t, func() *Schema { return s.dict(t, field) })
	case classStruct:
		if t.Name() == "" {
			return s.object(t, field)
		}
		return s.component(t, func() *Schema { return s.object(t, t.String()) })
	}

	s.fail(&TypeError{Field: field, Type: t,
		Reason: "encoding/json cannot write it, so it has no JSON Schema"})
	return &Schema{}
}

// component returns a $ref to the component for the named type t,
// registering it and building its schema the first time.
func (s *Schemas) component(t reflect.Type, build func() *Schema) *Schema {
	if name, ok := s.names[t]; ok {
		return Ref(name)
	}
	// Register the name before building, so that a type that refers to
	// itself meets its own $ref instead of recursing for ever.
	name := s.register(t)
	def := build()
	def.Title = shortTypeName(t.Name())
	s.defs[name] = def
	return Ref(name)
}

// composite describes a slice, array or map type with build. Such a type
// is described inline, unless it is named and contains itself, like
//
//	type Tree map[string]Tree
//
// which becomes a component so that its schema can refer to itself.
func (s *Schemas) composite(t reflect.Type, build func() *Schema) *Schema {
	if t.Name() == "" {
		return build()
	}
	if name, ok := s.names[t]; ok {
		return Ref(name)
	}
	if s.active[t] {
		// Met again inside its own description: make it a component,
		// whose schema the outer call below stores.
		return Ref(s.register(t))
	}

	if s.active == nil {
		s.active = make(map[reflect.Type]bool)
	}
	s.active[t] = true
	def := build()
	delete(s.active, t)

	name, recursive := s.names[t]
	if !recursive {
		return def
	}
	def.Title = shortTypeName(t.Name())
	s.defs[name] = def
	return Ref(name)
}

// enum describes a type that implements Enumer.
func (s *Schemas) enum(t reflect.Type, field string) *Schema {
	values := enumValues(t)
	if len(values) == 0 {
		s.fail(&TypeError{Field: field, Type: t,
			Reason: "its Enum method returns no values, so no value is valid"})
	}
	return &Schema{Type: enumType(values), Enum: values}
}

// dict describes a map type as an object with additionalProperties.
func (s *Schemas) dict(t reflect.Type, field string) *Schema {
	// The key kinds encoding/json accepts; it ignores MarshalJSON on keys.
	switch k := t.Key(); k.Kind() {
	case reflect.String, reflect.Int, reflect.Int8, reflect.Int16,
		reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8,
		reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
	default:
		if k.Implements(textMarshalerType) {
			break
		}
		s.fail(&TypeError{Field: field, Type: t,
			Reason: "encoding/json writes only maps with string, integer or text-marshalled keys"})
	}
	return &Schema{Type: "object", AdditionalProperties: s.schema(t.Elem(), field)}
}

// object describes a struct type through its JSON fields. where names the
// struct in errors: its type, or the field that holds an unnamed struct.
func (s *Schemas) object(t reflect.Type, where string) *Schema {
	obj := &Schema{Type: "object"}
	for _, f := range jsonFields(t) {
		prop, required := s.property(f, where)
		obj.Properties.Set(f.name, prop)
		if required {
			obj.Required = append(obj.Required, f.name)
		}
	}
	return obj
}

// property describes one JSON field of a struct and reports whether the
// field is required.
func (s *Schemas) property(f field, where string) (*Schema, bool) {
	owner := f.owner.String()
	if f.owner.Name() == "" {
		owner = cmp.Or(where, "struct")
	}
	name := owner + "." + f.sf.Name

	c, err := ParseConstraints(name, f.sf.Tag, f.sf.Type)
	if err != nil {
		s.fail(err)
	}
	prop := s.schema(f.sf.Type, name)
	if prop.Ref == "" {
		// pydantic titles every property but a bare reference to a model.
		prop.Title = Title(f.name)
	}
	c.Apply(prop)
	if d, ok := c.DefaultValue.(time.Duration); ok {
		prop.Default = int64(d) // as encoding/json writes it
	}

	optional := f.sf.Type.Kind() == reflect.Pointer || f.omit ||
		c.HasDefault || f.optional
	return prop, c.Required || !optional
}

// register claims a component name for the Go type t and returns it.
func (s *Schemas) register(t reflect.Type) string {
	base := sanitize(shortTypeName(t.Name()))
	pkg := t.PkgPath()
	candidates := []string{
		base,
		sanitize(pkg[strings.LastIndexByte(pkg, '/')+1:]) + "_" + base,
		sanitize(pkg) + "_" + base,
	}
	for _, name := range candidates {
		if s.free(name) {
			s.claim(name, t)
			return name
		}
	}
	for i := 2; ; i++ {
		if name := fmt.Sprintf("%s_%d", base, i); s.free(name) {
			s.claim(name, t)
			return name
		}
	}
}

// free reports whether a Go type may take the component name.
func (s *Schemas) free(name string) bool {
	_, taken := s.owners[name]
	return !taken && name != "ValidationError" &&
		name != "HTTPValidationError"
}

// claim records that name belongs to t, or to a hand-built schema if t is
// nil.
func (s *Schemas) claim(name string, t reflect.Type) {
	if s.owners == nil {
		s.owners = make(map[string]reflect.Type)
		s.defs = make(map[string]*Schema)
		s.names = make(map[reflect.Type]string)
	}
	s.owners[name] = t
	if t != nil {
		s.names[t] = name
	}
}

// shortTypeName strips package paths from a type name, so that the
// instantiation "Page[example.com/shop/models.User]" gives "Page[User]".
// It also drops the "·1" that reflect appends to types declared inside
// functions.
func shortTypeName(name string) string {
	var b strings.Builder
	word := 0 // where the current qualified identifier started
	flush := func(end int) {
		w := name[word:end]
		w = w[strings.LastIndexByte(w, '/')+1:]
		w = w[strings.LastIndexByte(w, '.')+1:]
		w, _, _ = strings.Cut(w, "·")
		b.WriteString(w)
	}
	for i, c := range name {
		if strings.ContainsRune("[], *(){};", c) {
			flush(i)
			b.WriteRune(c)
			word = i + 1
		}
	}
	flush(len(name))
	return b.String()
}

// sanitize replaces the characters that a component name may not hold
// with underscores: "Page[User]" gives "Page_User_".
func sanitize(name string) string {
	return strings.Map(func(r rune) rune {
		if validComponentRune(r) {
			return r
		}
		return '_'
	}, name)
}

// validComponentName reports whether OpenAPI accepts name as a key in
// components: it matches ^[a-zA-Z0-9.\-_]+$.
func validComponentName(name string) bool {
	return name != "" && strings.IndexFunc(name, func(r rune) bool {
		return !validComponentRune(r)
	}) < 0
}

func validComponentRune(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' ||
		'0' <= r && r <= '9' || r == '.' || r == '-' || r == '_'
}
