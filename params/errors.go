package params

import (
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// FieldError is one problem found in a request, in the shape current
// FastAPI gives the items of a 422 response's detail list: Type is a
// machine-readable kind such as "missing" or "int_parsing", Loc the
// location such as ["query", "limit"] or ["body", "items", 3, "name"], Msg a
// human-readable message, Input the rejected value (nil, rendered as null,
// when the value is missing or must not be echoed), and Ctx the details of a
// failed constraint, such as {"gt": 0}.
type FieldError struct {
	Type  string         `json:"type"`
	Loc   []any          `json:"loc"`
	Msg   string         `json:"msg"`
	Input any            `json:"input"`
	Ctx   map[string]any `json:"ctx,omitempty"`
}

// String formats the error as "query.limit: Input should be a valid
// integer (int_parsing)".
func (fe FieldError) String() string {
	parts := make([]string, len(fe.Loc))
	for i, l := range fe.Loc {
		parts[i] = fmt.Sprint(l)
	}
	return fmt.Sprintf("%s: %s (%s)", strings.Join(parts, "."), fe.Msg, fe.Type)
}

// ValidationError reports every problem found in a request's parameters
// and body. The router answers it with status 422 and the body
// {"detail": [...]} listing Errors, as FastAPI's RequestValidationError
// does. It implements [di.Accumulator], so the problems of every parameter
// of a request are gathered before the request is refused.
type ValidationError struct {
	Errors []FieldError
}

// Error lists the problems on one line, with the "params: " prefix.
func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Errors))
	for i, fe := range e.Errors {
		parts[i] = fe.String()
	}
	return "params: invalid request: " + strings.Join(parts, "; ")
}

// StatusCode reports 422 Unprocessable Content.
func (e *ValidationError) StatusCode() int { return http.StatusUnprocessableEntity }

// Detail returns the list of problems, the value of the response's
// "detail" member.
func (e *ValidationError) Detail() any { return e.Errors }

// Header returns nil: a validation error sets no response header.
func (e *ValidationError) Header() http.Header { return nil }

// Accumulate returns a ValidationError holding the problems of e followed
// by those of next when next is a *ValidationError, and next itself
// otherwise.
func (e *ValidationError) Accumulate(next error) error {
	other, ok := next.(*ValidationError)
	if !ok {
		return next
	}
	return &ValidationError{Errors: slices.Concat(e.Errors, other.Errors)}
}

// newError returns a problem without its location, which the caller adds.
func newError(typ, msg string, input any, ctx map[string]any) *FieldError {
	return &FieldError{Type: typ, Msg: msg, Input: input, Ctx: ctx}
}

// missingError reports a required value that is absent. input is what
// pydantic shows: null for a parameter, the enclosing object for a member
// of a JSON body.
func missingError(loc []any, input any) FieldError {
	return FieldError{Type: "missing", Loc: loc, Msg: "Field required", Input: input}
}

// boundError reports a number that crosses a bound, such as
// "Input should be greater than 0" with ctx {"gt": 0}. bound is an int64,
// a uint64 or a float64; a float that holds an integer is written as one,
// as pydantic writes the bound of Query(gt=0).
func boundError(typ, key, words string, bound, input any) *FieldError {
	v, text := ctxNumber(bound)
	return newError(typ, "Input should be "+words+" "+text, input, map[string]any{key: v})
}

// ctxNumber returns a bound as the ctx value and the text of a message.
func ctxNumber(bound any) (any, string) {
	switch b := bound.(type) {
	case int64:
		return b, strconv.FormatInt(b, 10)
	case uint64:
		return b, strconv.FormatUint(b, 10)
	case float64:
		if b == math.Trunc(b) && math.Abs(b) < 1e15 {
			return int64(b), strconv.FormatInt(int64(b), 10)
		}
		return b, pyNumber(b)
	}
	return bound, fmt.Sprint(bound)
}

// pyNumber writes f as Python's repr writes a float: positional notation
// from 1e-4 to 1e16, exponent notation outside.
func pyNumber(f float64) string {
	switch a := math.Abs(f); {
	case math.IsInf(f, 0) || math.IsNaN(f):
		return strings.ToLower(strconv.FormatFloat(f, 'g', -1, 64))
	case a != 0 && (a < 1e-4 || a >= 1e16):
		return strconv.FormatFloat(f, 'e', -1, 64)
	case f == math.Trunc(f):
		return strconv.FormatFloat(f, 'f', 1, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// at returns fe placed at loc, its input hidden when secret is set.
func at(fe *FieldError, secret bool, loc ...any) FieldError {
	e := *fe
	e.Loc = loc
	if secret {
		e.Input = nil
	}
	return e
}

// invalid wraps problems into the error a dependency returns.
func invalid(errs ...FieldError) error {
	return &ValidationError{Errors: errs}
}
