package openapi

import (
	"fmt"
	"reflect"
	"strings"
)

// TagError reports a struct tag that cannot be used: a malformed value, an
// unknown constraint, or a constraint that does not fit the field's type.
// [ParseConstraints] and [Schemas.Err] return it, joined with the others
// when there are several; match it with [errors.As].
type TagError struct {
	// Field names the field, e.g. "models.User.Age", as the caller of
	// [ParseConstraints] named it.
	Field string
	// Type is the field's Go type.
	Type reflect.Type
	// Tag is the tag's key, e.g. "validate" or "default", and Value the
	// offending part of its value, e.g. "gt=abc".
	Tag   string
	Value string
	// Err says what is wrong.
	Err error
}

func (e *TagError) Error() string {
	var b strings.Builder
	b.WriteString("openapi: ")
	b.WriteString(fieldPrefix(e.Field, e.Type))
	fmt.Fprintf(&b, "tag %s:%q: %v", e.Tag, e.Value, e.Err)
	return b.String()
}

func (e *TagError) Unwrap() error { return e.Err }

var (
	_ error = (*TagError)(nil)
	_ error = (*TypeError)(nil)
)

// TypeError reports a Go type that has no JSON Schema, such as a channel, a
// function or a map with struct keys: encoding/json cannot encode it
// either. [Schemas.Err] returns it; match it with [errors.As].
type TypeError struct {
	// Field names the field whose type holds Type, if any, e.g.
	// "models.User.Events".
	Field string
	// Type is the offending type, which may sit deep inside the field's
	// own type, e.g. chan int inside map[string]chan int.
	Type reflect.Type
	// Reason says what is wrong, e.g. "channels have no JSON form".
	Reason string
}

func (e *TypeError) Error() string {
	return fmt.Sprintf("openapi: %stype %s: %s",
		fieldPrefix(e.Field, nil), e.Type, e.Reason)
}

// fieldPrefix returns "field F of type T: " with the parts that are known.
func fieldPrefix(field string, t reflect.Type) string {
	switch {
	case field != "" && t != nil:
		return fmt.Sprintf("field %s of type %s: ", field, t)
	case field != "":
		return fmt.Sprintf("field %s: ", field)
	case t != nil:
		return fmt.Sprintf("type %s: ", t)
	}
	return ""
}
