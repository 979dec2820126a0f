// Package params declares the parameters of a request as dependencies of
// package di, the way FastAPI declares them: each is a [di.Dep] of a Go
// type, read from the request, converted, validated, and described for
// the OpenAPI document.
//
// # Parameters
//
// [Path], [Query], [Header] and [Cookie] read one parameter each:
//
//	var (
//		itemID = params.Path[int]("item_id", params.Gt(0))
//		q      = params.Query[*string]("q", params.MaxLength(50))
//		limit  = params.Query[int]("limit", params.Default(10), params.Le(100))
//		agent  = params.Header[string]("user_agent")
//	)
//
// [Fields] reads many at once from the tags of a struct, [Body] decodes a
// JSON body into a struct, and [Form] a URL-encoded or multipart form,
// files included. Options such as [Default], [Alias], [Gt] or [Pattern]
// set what FastAPI's Query(...) arguments set; struct fields use the tags
// that [openapi.ParseConstraints] reads.
//
// Everything that depends on a parameter's type, its parser, its
// constraints and its compiled pattern, is settled when the parameter is
// declared; a constructor panics there, naming the parameter and the file
// and line that declared it, when an option or a type does not fit. A
// request only runs the parsers: a Path[int] or a Header[string]
// allocates nothing. Every [Query] of a route reads one parse of the query
// string, and every [Body] and [Form] one read of the body, since they
// share unexported dependencies that di evaluates once per request.
//
// # Validation errors
//
// A parameter that is missing or invalid returns a [*ValidationError].
// It implements [di.Accumulator], so the run goes on with the other
// parameters and the client learns every problem of its request at once,
// in FastAPI's 422 format and with pydantic 2's types and messages:
//
//	{"type": "int_parsing", "loc": ["query", "limit"],
//	 "msg": "Input should be a valid integer, unable to parse string as an integer",
//	 "input": "ten"}
//
// Secrets, such as a form's password or a parameter marked [Secret], are
// never echoed: their input is null. A body that cannot be read, or is
// over the limit set with [net/http.MaxBytesReader], gives a [*BodyError]
// instead, which ends the run.
//
// # OpenAPI
//
// Each dependency carries, through [di.WithMeta], a value that a router
// finds in [di.Step.Meta] and asks, through one of two interfaces:
//
//	OpenAPIParameters(s *openapi.Schemas) []*openapi.Parameter
//	OpenAPIRequestBody(s *openapi.Schemas) *openapi.RequestBody
//
// the first for path, query, header and cookie parameters (several, in
// field order, for [Fields]), the second for bodies and forms.
//
// # Differences from FastAPI
//
// A datetime without an offset is taken as UTC, since Go has no naive
// time. A time.Duration is written in Go's syntax (1h30m) rather than ISO
// 8601. A value out of the range of a sized integer type, such as 300 for
// an int8, is reported as the bound it crosses (less_than_equal with
// le=127); pydantic's integers have no such bound. A JSON body is built by
// encoding/json once it has passed validation.
package params
