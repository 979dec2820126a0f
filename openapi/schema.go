package openapi

import "reflect"

// RefPrefix is where component schemas live in the document; a $ref to the
// component "User" is RefPrefix + "User".
const RefPrefix = "#/components/schemas/"

// Schema is the subset of JSON Schema 2020-12, the dialect of OpenAPI 3.1,
// that FastAPI and pydantic emit. The zero value is the empty schema {},
// which accepts any value.
//
// A value that may be null is written as anyOf with a {"type": "null"}
// branch, as pydantic 2 does, rather than with a list of types.
type Schema struct {
	// Ref points to a component, e.g. "#/components/schemas/User"; see
	// [Ref].
	Ref         string `json:"$ref,omitempty"`
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
	// Type is one of "string", "integer", "number", "boolean", "array",
	// "object" or "null"; empty means any type.
	Type string `json:"type,omitempty"`
	// Format refines Type, e.g. "date-time", "duration", "password".
	Format string `json:"format,omitempty"`
	// ContentEncoding is "base64" for []byte, which encoding/json writes
	// as a base64 string.
	ContentEncoding  string `json:"contentEncoding,omitempty"`
	ContentMediaType string `json:"contentMediaType,omitempty"`

	// Const and Enum restrict the value to one or a few JSON values.
	Const any   `json:"const,omitempty"`
	Enum  []any `json:"enum,omitempty"`
	// Default is the value a missing field takes, written as JSON.
	Default any `json:"default,omitempty"`

	// Properties lists an object's known fields in struct field order, and
	// Required the names among them that must be present.
	Properties           OrderedMap[*Schema] `json:"properties,omitzero"`
	Required             []string            `json:"required,omitempty"`
	AdditionalProperties *Schema             `json:"additionalProperties,omitempty"`
	MinProperties        *int                `json:"minProperties,omitempty"`
	MaxProperties        *int                `json:"maxProperties,omitempty"`

	// Items is the schema of every element of an array.
	Items    *Schema `json:"items,omitempty"`
	MinItems *int    `json:"minItems,omitempty"`
	MaxItems *int    `json:"maxItems,omitempty"`

	// AnyOf accepts a value that matches at least one of the schemas.
	AnyOf []*Schema `json:"anyOf,omitempty"`

	// The bounds are numbers, as OpenAPI 3.1 has them, not the booleans of
	// OpenAPI 3.0.
	Minimum          *float64 `json:"minimum,omitempty"`
	Maximum          *float64 `json:"maximum,omitempty"`
	ExclusiveMinimum *float64 `json:"exclusiveMinimum,omitempty"`
	ExclusiveMaximum *float64 `json:"exclusiveMaximum,omitempty"`
	MultipleOf       *float64 `json:"multipleOf,omitempty"`

	MinLength *int   `json:"minLength,omitempty"`
	MaxLength *int   `json:"maxLength,omitempty"`
	Pattern   string `json:"pattern,omitempty"`

	Examples   []any `json:"examples,omitempty"`
	Deprecated bool  `json:"deprecated,omitempty"`
}

// Ref returns a schema that refers to the component with the given name.
func Ref(name string) *Schema {
	return &Schema{Ref: RefPrefix + name}
}

// Nullable returns a schema that accepts what s accepts and null, written
// as pydantic writes an Optional field: anyOf with a null branch. A schema
// that already accepts null, the empty schema included, is returned as it
// is.
func Nullable(s *Schema) *Schema {
	if s.IsNullable() || s.Type == "null" || reflect.ValueOf(*s).IsZero() {
		return s
	}
	return &Schema{AnyOf: []*Schema{s, {Type: "null"}}}
}

// IsNullable reports whether s has the shape [Nullable] gives: anyOf with a
// {"type": "null"} branch.
func (s *Schema) IsNullable() bool {
	for _, b := range s.AnyOf {
		if b.Type == "null" {
			return true
		}
	}
	return false
}

// nonNull returns the branch of a nullable schema that holds the value's
// own constraints, or s itself if s is not nullable or has several other
// branches.
func (s *Schema) nonNull() *Schema {
	if len(s.AnyOf) != 2 || !s.IsNullable() {
		return s
	}
	if s.AnyOf[0].Type == "null" {
		return s.AnyOf[1]
	}
	return s.AnyOf[0]
}
