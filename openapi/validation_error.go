package openapi

// The schemas FastAPI adds to every document whose routes can answer 422,
// as validation_error_definition in fastapi/openapi/utils.py has them since
// fastapi/fastapi#14791 (February 2026) added pydantic 2's input and ctx:
// the body {"detail": [...]} and each error in it.

// ValidationErrorSchema returns the schema of one request validation error
// as FastAPI documents it, the component "ValidationError": loc, the path
// to the offending value of strings and integers such as
// ["body", "items", 3, "name"]; msg, a readable message; type, a short code
// such as "missing"; input, the rejected value; and ctx, details such as
// the bound that was crossed. loc, msg and type are required.
func ValidationErrorSchema() *Schema {
	s := &Schema{
		Title:    "ValidationError",
		Type:     "object",
		Required: []string{"loc", "msg", "type"},
	}
	loc := &Schema{AnyOf: []*Schema{{Type: "string"}, {Type: "integer"}}}
	s.Properties.Set("loc", &Schema{Title: "Location", Type: "array", Items: loc})
	s.Properties.Set("msg", &Schema{Title: "Message", Type: "string"})
	s.Properties.Set("type", &Schema{Title: "Error Type", Type: "string"})
	s.Properties.Set("input", &Schema{Title: "Input"})
	s.Properties.Set("ctx", &Schema{Title: "Context", Type: "object"})
	return s
}

// HTTPValidationErrorSchema returns the schema of the body of a 422
// response as FastAPI documents it, the component "HTTPValidationError":
// an object whose detail lists errors by $ref to the component
// "ValidationError" (see [ValidationErrorSchema]).
func HTTPValidationErrorSchema() *Schema {
	s := &Schema{Title: "HTTPValidationError", Type: "object"}
	s.Properties.Set("detail", &Schema{
		Title: "Detail",
		Type:  "array",
		Items: Ref("ValidationError"),
	})
	return s
}

// HTTPValidationError defines the components "HTTPValidationError" and
// "ValidationError" the first time it is called, and returns a $ref to
// "HTTPValidationError", the schema of a 422 response body. Go types of
// those names never take them (see [Schemas]).
func (s *Schemas) HTTPValidationError() *Schema {
	const name = "HTTPValidationError"
	if _, ok := s.defs[name]; !ok {
		s.Define("ValidationError", ValidationErrorSchema())
		s.Define(name, HTTPValidationErrorSchema())
	}
	return Ref(name)
}
