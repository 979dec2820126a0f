package openapi

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
)

// Constraints is the parsed form of the tags that describe and restrict one
// field or parameter. One declaration serves twice: package params
// validates requests with it, and [Constraints.Apply] writes it into the
// field's schema. [ParseConstraints] reads it from these tags:
//
//	validate:"gt=0,le=100,multiple_of=5"   numeric bounds
//	validate:"min_length=1,max_length=50"  length of a string, slice or map
//	validate:"min_items=1,max_items=3"     length of a slice or array
//	validate:"required"                    must be present, even if optional
//	pattern:"^[a-z]+$"                     a regular expression for strings
//	enum:"a,b,c"                           the allowed values
//	default:"10"                           the value of a missing field
//	example:"42"                           an example value
//	doc:"The item's name."                 the description
//	title:"Item Name"                      the title, instead of the name's
//	format:"password"                      the format, e.g. email or uuid
//	deprecated:"true"                      marks the field deprecated
//
// The validate keys and their meaning follow FastAPI's Query, Path and
// Field arguments. Pattern has its own tag so that its commas are free; it
// is Go's RE2 syntax, which for the usual patterns is also the ECMA-262
// syntax JSON Schema asks for. Default, enum and example values are parsed
// to the field's type; a slice's default and example are lists of
// elements separated by commas.
//
// The zero value constrains nothing.
type Constraints struct {
	// Required is set by the bare word required in the validate tag.
	Required bool

	// Gt, Ge, Lt and Le bound a number: greater than, greater than or
	// equal, less than, less than or equal.
	Gt, Ge, Lt, Le *float64
	// MultipleOf requires a number to be a multiple of it; it is above 0.
	MultipleOf *float64

	// MinLength and MaxLength bound the length of a string in characters
	// (runes), of a slice or array in elements, or of a map in keys.
	MinLength, MaxLength *int
	// MinItems and MaxItems bound the length of a slice or array.
	MinItems, MaxItems *int

	// Pattern is the compiled pattern tag. As in JSON Schema, a string
	// matches if the pattern matches any part of it; anchor it with ^ and $
	// to match the whole.
	Pattern *regexp.Regexp

	// Enum holds the enum tag's values as written, and EnumValues the same
	// values parsed to the field's type (the type it points to, for a
	// pointer field).
	Enum       []string
	EnumValues []any

	// HasDefault reports whether the field has a default tag; Default is
	// its text, which may be empty, and DefaultValue the text parsed to the
	// field's type (the type it points to, for a pointer field).
	HasDefault   bool
	Default      string
	DefaultValue any

	// HasExample, Example and ExampleValue do the same for the example
	// tag.
	HasExample   bool
	Example      string
	ExampleValue any

	Title       string
	Description string
	Format      string
	Deprecated  bool

	// The JSON forms of the values above, for the schema: a duration or a
	// text-marshalled value is written as the text of its tag.
	enumJSON                 []any
	defaultJSON, exampleJSON any
}

// ParseConstraints reads the constraint tags of a field or parameter whose
// Go type is t; field names it in errors, e.g. "models.User.Age".
//
// ParseConstraints reports every problem it finds, not only the first: the
// error is a [*TagError], or several joined with [errors.Join], one per
// line. Each names the field, the tag and the offending value: an unknown
// constraint (with a suggestion when one is near), a value that does not
// parse, a constraint that does not fit the type, such as gt on a string,
// or bounds that exclude every value.
func ParseConstraints(field string, tag reflect.StructTag, t reflect.Type) (Constraints, error) {
	p := &tagParser{field: field, typ: t, shape: shapeOf(t)}
	c := &p.c

	if v, ok := tag.Lookup("validate"); ok {
		p.validate(v)
	}
	if v, ok := tag.Lookup("pattern"); ok {
		p.pattern(v)
	}
	if v, ok := tag.Lookup("enum"); ok {
		p.enum(v)
	}
	if v, ok := tag.Lookup("default"); ok {
		c.HasDefault, c.Default = true, v
		c.DefaultValue, c.defaultJSON = p.value("default", v, v)
	}
	if v, ok := tag.Lookup("example"); ok {
		c.HasExample, c.Example = true, v
		c.ExampleValue, c.exampleJSON = p.value("example", v, v)
	}
	if c.Required && c.HasDefault {
		p.fail("validate", "required",
			"a field with a default tag is never required; drop one of the two")
	}

	c.Title = tag.Get("title")
	c.Description = tag.Get("doc")
	c.Format = tag.Get("format")
	if v, ok := tag.Lookup("deprecated"); ok {
		b, err := strconv.ParseBool(v)
		if err != nil {
			p.fail("deprecated", v, "want true or false")
		}
		c.Deprecated = b
	}
	return p.c, errors.Join(p.errs...)
}

// Apply writes the constraints into s, as pydantic writes a field's
// constraints: gt becomes exclusiveMinimum, ge minimum, lt
// exclusiveMaximum, le maximum; min_length becomes minLength on a string,
// minItems on an array and minProperties on an object. Title, description,
// default, example and deprecated go on s itself; when s is nullable (see
// [Nullable]), the other constraints go on its non-null branch, where they
// apply. Apply leaves Required to the caller, which lists the field in its
// parent's required properties.
func (c Constraints) Apply(s *Schema) {
	if c.Title != "" {
		s.Title = c.Title
	}
	if c.Description != "" {
		s.Description = c.Description
	}
	if c.HasDefault {
		s.Default = pick(c.defaultJSON, c.DefaultValue, c.Default)
	}
	if c.HasExample {
		s.Examples = []any{pick(c.exampleJSON, c.ExampleValue, c.Example)}
	}
	if c.Deprecated {
		s.Deprecated = true
	}

	v := s.nonNull()
	v.ExclusiveMinimum = or(c.Gt, v.ExclusiveMinimum)
	v.Minimum = or(c.Ge, v.Minimum)
	v.ExclusiveMaximum = or(c.Lt, v.ExclusiveMaximum)
	v.Maximum = or(c.Le, v.Maximum)
	v.MultipleOf = or(c.MultipleOf, v.MultipleOf)
	switch v.Type {
	case "array":
		v.MinItems = or(c.MinLength, v.MinItems)
		v.MaxItems = or(c.MaxLength, v.MaxItems)
	case "object":
		v.MinProperties = or(c.MinLength, v.MinProperties)
		v.MaxProperties = or(c.MaxLength, v.MaxProperties)
	default:
		v.MinLength = or(c.MinLength, v.MinLength)
		v.MaxLength = or(c.MaxLength, v.MaxLength)
	}
	v.MinItems = or(c.MinItems, v.MinItems)
	v.MaxItems = or(c.MaxItems, v.MaxItems)
	if c.Pattern != nil {
		v.Pattern = c.Pattern.String()
	}
	if c.Enum != nil {
		v.Enum = c.enumJSONValues()
	}
	if c.Format != "" {
		v.Format = c.Format
	}
}

// pick returns the first of its arguments that is not nil. Apply uses it to
// fall back on the exported fields of a Constraints built by hand.
func pick(vs ...any) any {
	for _, v := range vs {
		if v != nil {
			return v
		}
	}
	return nil
}

// enumJSONValues returns the enum's values as the schema writes them.
func (c Constraints) enumJSONValues() []any {
	switch {
	case len(c.enumJSON) == len(c.Enum):
		return c.enumJSON
	case len(c.EnumValues) == len(c.Enum):
		return c.EnumValues
	}
	vs := make([]any, len(c.Enum))
	for i, v := range c.Enum {
		vs[i] = v
	}
	return vs
}

// or returns p if it is set, else q.
func or[T any](p, q *T) *T {
	if p != nil {
		return p
	}
	return q
}

// tagParser gathers the constraints of one field and every problem found
// on the way.
type tagParser struct {
	field string
	typ   reflect.Type
	shape shape
	c     Constraints
	errs  []error
}

// fail records a problem with the value of one tag.
func (p *tagParser) fail(tag, value, format string, args ...any) {
	p.errs = append(p.errs, &TagError{
		Field: p.field, Type: p.typ, Tag: tag, Value: value,
		Err: fmt.Errorf(format, args...),
	})
}

// validate parses the comma-separated key=value list of the validate tag.
func (p *tagParser) validate(tag string) {
	seen := make(map[string]bool)
	for item := range strings.SplitSeq(tag, ",") {
		item = strings.TrimSpace(item)
		key, val, hasValue := strings.Cut(item, "=")
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		switch {
		case item == "":
			p.fail("validate", tag, "empty constraint between commas")
			continue
		case seen[key]:
			p.fail("validate", item, "%s is given twice", key)
			continue
		}
		seen[key] = true

		if key == "required" {
			if hasValue {
				p.fail("validate", item, "required takes no value")
			}
			p.c.Required = true
			continue
		}
		if !hasValue {
			p.fail("validate", item, "%s needs a value, as in %s=1", key, key)
			continue
		}
		p.constraint(key, val, item)
	}
	p.checkBounds(tag)
}

// constraint parses one key=value item of the validate tag.
func (p *tagParser) constraint(key, val, item string) {
	c := &p.c
	switch key {
	case "gt", "ge", "lt", "le", "multiple_of":
		if !p.fits(key, item, "numbers", shapeNumber) {
			return
		}
		f, err := strconv.ParseFloat(val, 64)
		if err != nil {
			p.fail("validate", item, "%q is not a number", val)
			return
		}
		if key == "multiple_of" && f <= 0 {
			p.fail("validate", item, "multiple_of must be above 0")
			return
		}
		dst := map[string]**float64{
			"gt": &c.Gt, "ge": &c.Ge, "lt": &c.Lt, "le": &c.Le,
			"multiple_of": &c.MultipleOf,
		}[key]
		*dst = &f

	case "min_length", "max_length", "min_items", "max_items":
		what, want := "strings, slices, arrays and maps",
			[]shape{shapeString, shapeArray, shapeObject}
		if strings.HasSuffix(key, "_items") {
			what, want = "slices and arrays", []shape{shapeArray}
		}
		if !p.fits(key, item, what, want...) {
			return
		}
		n, err := strconv.Atoi(val)
		if err != nil || n < 0 {
			p.fail("validate", item, "%q is not a whole number of 0 or more", val)
			return
		}
		dst := map[string]**int{
			"min_length": &c.MinLength, "max_length": &c.MaxLength,
			"min_items": &c.MinItems, "max_items": &c.MaxItems,
		}[key]
		*dst = &n

	default:
		msg := fmt.Sprintf("unknown constraint %q", key)
		if s := p.suggest(key); s != "" {
			msg += " (did you mean " + s + "?)"
		}
		p.fail("validate", item, "%s", msg)
	}
}

// fits reports whether the field's type has one of the wanted shapes,
// and records the problem if not; what names the wanted shapes.
func (p *tagParser) fits(key, item, what string, want ...shape) bool {
	for _, w := range want {
		if p.shape == w {
			return true
		}
	}
	tag := "validate"
	if key == "pattern" || key == "enum" {
		tag = key
	}
	p.fail(tag, item, "%s applies only to %s, not to %s", key, what, p.shape.plural())
	return false
}

// suggest names the constraint that an unknown key most likely meant, or
// returns "".
func (p *tagParser) suggest(key string) string {
	norm := strings.ToLower(strings.NewReplacer("_", "", "-", "").Replace(key))
	lengthy := p.shape == shapeString || p.shape == shapeArray ||
		p.shape == shapeObject
	switch norm {
	case "gte", "minimum":
		return "ge"
	case "lte", "maximum":
		return "le"
	case "exclusiveminimum":
		return "gt"
	case "exclusivemaximum":
		return "lt"
	case "min":
		if lengthy {
			return "min_length"
		}
		return "ge"
	case "max":
		if lengthy {
			return "max_length"
		}
		return "le"
	case "minlength", "minlen":
		return "min_length"
	case "maxlength", "maxlen":
		return "max_length"
	case "minitems":
		return "min_items"
	case "maxitems":
		return "max_items"
	case "multipleof":
		return "multiple_of"
	case "pattern", "regex", "regexp":
		return `a pattern:"..." tag`
	case "enum", "oneof":
		return `an enum:"..." tag`
	case "default":
		return `a default:"..." tag`
	}
	return ""
}

// checkBounds reports lower bounds above upper bounds, which no value could
// satisfy.
func (p *tagParser) checkBounds(tag string) {
	c := &p.c
	lo, hi := c.Ge, c.Le
	if c.Gt != nil && (lo == nil || *c.Gt >= *lo) {
		lo = c.Gt
	}
	if c.Lt != nil && (hi == nil || *c.Lt <= *hi) {
		hi = c.Lt
	}
	if lo != nil && hi != nil && (*lo > *hi ||
		*lo == *hi && (lo == c.Gt || hi == c.Lt)) {
		p.fail("validate", tag, "no number satisfies both bounds")
	}
	for _, b := range [][2]*int{
		{c.MinLength, c.MaxLength}, {c.MinItems, c.MaxItems},
	} {
		if b[0] != nil && b[1] != nil && *b[0] > *b[1] {
			p.fail("validate", tag, "the least length is above the greatest")
		}
	}
}

// pattern compiles the pattern tag.
func (p *tagParser) pattern(tag string) {
	if !p.fits("pattern", tag, "strings", shapeString) {
		return
	}
	re, err := regexp.Compile(tag)
	if err != nil {
		p.fail("pattern", tag, "%v", err)
		return
	}
	p.c.Pattern = re
}

// enum parses each comma-separated value of the enum tag to the field's
// type.
func (p *tagParser) enum(tag string) {
	if !p.fits("enum", tag, "strings, numbers and booleans",
		shapeString, shapeNumber, shapeBool) {
		return
	}
	c := &p.c
	c.Enum = []string{}
	for v := range strings.SplitSeq(tag, ",") {
		v = strings.TrimSpace(v)
		typed, js := p.value("enum", v, tag)
		c.Enum = append(c.Enum, v)
		c.EnumValues = append(c.EnumValues, typed)
		c.enumJSON = append(c.enumJSON, js)
	}
}

// value parses text, the whole or part of a tag's value, to the field's
// type, recording a problem under the tag's name if it does not parse.
func (p *tagParser) value(tag, text, whole string) (typed, js any) {
	typed, js, err := parseValue(text, p.typ)
	if err != nil {
		p.fail(tag, whole, "%v", err)
		return nil, nil
	}
	return typed, js
}
