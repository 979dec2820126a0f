package params

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/openapi"
)

// BodyError reports a request body that could not be read: the client
// went away, or the body is larger than the limit the server set with
// [net/http.MaxBytesReader]. It is not a validation error: it ends the
// run at once, and the router answers it with its StatusCode, 413 for a
// body over the limit (match it with errors.As and
// [*net/http.MaxBytesError]) and 400 otherwise, as FastAPI answers a body
// it cannot parse.
type BodyError struct {
	Err error
}

func (e *BodyError) Error() string {
	return "params: reading the request body: " + e.Err.Error()
}

func (e *BodyError) Unwrap() error { return e.Err }

// StatusCode reports 413 Content Too Large for a body over the limit,
// 400 Bad Request otherwise.
func (e *BodyError) StatusCode() int {
	var mb *http.MaxBytesError
	if errors.As(e.Err, &mb) {
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusBadRequest
}

// Detail returns the message of the response body's "detail" member.
func (e *BodyError) Detail() any {
	if e.StatusCode() == http.StatusRequestEntityTooLarge {
		return "Request body too large"
	}
	return "There was an error parsing the body"
}

// Header returns nil: the error sets no response header.
func (e *BodyError) Header() http.Header { return nil }

// rawBody is the request body, read once per request by the dependency
// that every body, form and JSON, shares.
type rawBody struct {
	data      []byte
	mediaType string // lowercased, without parameters; "" when absent
	params    map[string]string
	badType   bool // a Content-Type that does not parse
}

var bodyDep = di.WithName(di.Func1(readBody, di.Request()), "request body")

// readBody reads the whole body. Its size is bounded by whatever the
// server wrapped it with; a read error is a [*BodyError].
func readBody(r *http.Request) (*rawBody, error) {
	b := &rawBody{}
	if r == nil {
		return b, nil
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, params, err := mime.ParseMediaType(ct)
		b.mediaType, b.params, b.badType = mt, params, err != nil
	}
	if r.Body == nil || r.Body == http.NoBody {
		return b, nil
	}
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, &BodyError{Err: err}
	}
	b.data = data
	return b, nil
}

// isJSON reports whether FastAPI would parse the body as JSON: when it
// has no Content-Type, or an application/json or application/*+json one.
// A body of any other type is validated as the raw text it is, which
// fails for every type but a string.
func (b *rawBody) isJSON() bool {
	switch {
	case b.mediaType == "" && !b.badType:
		return true
	case b.badType:
		return false
	}
	sub, ok := strings.CutPrefix(b.mediaType, "application/")
	return ok && (sub == "json" || strings.HasSuffix(sub, "+json"))
}

// jsonBody is the request body decoded once into a generic tree, shared
// by every [Body] of a route.
type jsonBody struct {
	raw    *rawBody
	tree   any
	isJSON bool
}

var jsonDep = di.WithName(di.Func1(decodeJSON, bodyDep), "JSON body")

// decodeJSON decodes the body as JSON, numbers kept as written. A syntax
// error is reported here, once, however many bodies the route reads, in
// FastAPI's form: json_invalid at ["body", position].
func decodeJSON(b *rawBody) (*jsonBody, error) {
	jb := &jsonBody{raw: b, isJSON: b.isJSON()}
	if len(b.data) == 0 || !jb.isJSON {
		return jb, nil
	}
	dec := json.NewDecoder(bytes.NewReader(b.data))
	dec.UseNumber()
	if err := dec.Decode(&jb.tree); err != nil {
		return nil, invalid(jsonInvalid(b.data, err))
	}
	rest := b.data[dec.InputOffset():]
	if trimmed := bytes.TrimLeft(rest, " \t\r\n"); len(trimmed) > 0 {
		pos := len(b.data) - len(trimmed)
		return nil, invalid(jsonError(b.data, pos, "Extra data"))
	}
	return jb, nil
}

// jsonInvalid turns a decoding error into FastAPI's json_invalid error.
// The message is that of Python's json module for the same fault, as
// near as Go's error allows, and the position is a character index, as
// Python counts it.
func jsonInvalid(data []byte, err error) FieldError {
	var se *json.SyntaxError
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		pos, msg := truncatedJSON(data)
		return jsonError(data, pos, msg)
	}
	if !errors.As(err, &se) {
		return jsonError(data, len(data), "Expecting value")
	}
	pos := int(se.Offset) - 1
	msg := se.Error()
	switch {
	case strings.Contains(msg, "unexpected end"):
		if start, open := openString(data); open {
			return jsonError(data, start, "Unterminated string starting at")
		}
		return jsonError(data, len(data), "Expecting value")
	case strings.Contains(msg, "looking for beginning of object key"):
		msg = "Expecting property name enclosed in double quotes"
	case strings.Contains(msg, "after object key:value pair"),
		strings.Contains(msg, "after array element"):
		msg = "Expecting ',' delimiter"
	case strings.Contains(msg, "after object key"):
		msg = "Expecting ':' delimiter"
	case strings.Contains(msg, "in string escape code"):
		msg = "Invalid \\escape"
	case strings.Contains(msg, "in string literal"):
		msg = "Invalid control character at"
	case strings.Contains(msg, "after top-level value"):
		msg = "Extra data"
	default:
		msg = "Expecting value"
	}
	return jsonError(data, max(pos, 0), msg)
}

// truncatedJSON says what Python's json module expects where data, a
// prefix of valid JSON, ends: the position and message of its error. A
// string left open is reported where it starts, and a literal or number
// cut short where it starts, as Python reports them.
func truncatedJSON(data []byte) (pos int, msg string) {
	const (
		wantValue = iota // a value: at the top, after ':' or after ','
		wantKey          // after '{' or ',' in an object
		wantColon        // after a key
		wantComma        // after a value inside an object or array
	)
	var stack []byte // open containers
	state := wantValue
	afterValue := func() {
		state = wantComma
		if len(stack) == 0 {
			state = -1 // a complete top-level value; nothing is expected
		}
	}
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		case c == '"':
			start := i
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
			if i >= len(data) {
				return start, "Unterminated string starting at"
			}
			if state == wantKey {
				state = wantColon
			} else {
				afterValue()
			}
		case c == '{' || c == '[':
			stack = append(stack, c)
			state = wantValue
			if c == '{' {
				state = wantKey
			}
		case c == '}' || c == ']':
			stack = stack[:max(len(stack)-1, 0)]
			afterValue()
		case c == ':':
			state = wantValue
		case c == ',':
			state = wantValue
			if len(stack) > 0 && stack[len(stack)-1] == '{' {
				state = wantKey
			}
		default: // a literal or a number
			start := i
			for i < len(data) && !strings.ContainsRune(" \t\n\r,:]}", rune(data[i])) {
				i++
			}
			if i >= len(data) && !completeScalar.Match(data[start:]) {
				return start, "Expecting value"
			}
			i--
			afterValue()
		}
	}
	switch state {
	case wantKey:
		return len(data), "Expecting property name enclosed in double quotes"
	case wantColon:
		return len(data), "Expecting ':' delimiter"
	case wantComma:
		return len(data), "Expecting ',' delimiter"
	}
	return len(data), "Expecting value"
}

// completeScalar matches a JSON number or literal that is whole even at the
// end of the input, which Python's decoder accepts before asking for what
// follows.
var completeScalar = regexp.MustCompile(`^(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?|true|false|null)$`)

// openString reports whether data ends inside a string, and where that
// string starts.
func openString(data []byte) (start int, open bool) {
	for i := 0; i < len(data); i++ {
		switch {
		case data[i] == '"' && !open:
			start, open = i, true
		case data[i] == '\\' && open:
			i++
		case data[i] == '"':
			open = false
		}
	}
	return start, open
}

func jsonError(data []byte, pos int, msg string) FieldError {
	chars := utf8.RuneCount(data[:min(pos, len(data))])
	return FieldError{
		Type: "json_invalid", Loc: []any{"body", chars}, Msg: "JSON decode error",
		Input: map[string]any{}, Ctx: map[string]any{"error": msg},
	}
}

// Body returns a dependency on the request's JSON body decoded into a T,
// FastAPI's body parameter. The body is read once and decoded once per
// request, whatever the number of bodies, forms and dependencies that use
// it.
//
// The value is validated against T before it is built, the way pydantic
// validates a model in its lax mode, and every problem is reported, with
// its location: a missing field at ["body", "price"], a string where a
// number belongs at ["body", "items", 3, "price"], a constraint from a
// field's validate, pattern or enum tag (see [openapi.Constraints]).
// Numbers written as strings, integers written with a zero fraction and
// the other lax conversions of pydantic are accepted; unknown fields are
// ignored; a field with a default tag takes the default when absent. T is
// then built by [encoding/json], so the json tags and the UnmarshalJSON
// methods of its types apply.
//
// The body is required unless T is a pointer, which is nil when the body
// is empty or null. With [Embed] the body is an object and the parameter
// reads its member name; otherwise name only titles it in OpenAPI. A body
// whose Content-Type is neither application/json nor application/*+json
// is not parsed, as in FastAPI, and fails validation unless T is a
// string. Fields with format:"password" tags are never echoed in errors.
func Body[T any](name string, opts ...Option) di.Dep[T] {
	site := declared(1)
	label := fmt.Sprintf("params: body %q (%s)", name, site)
	var set settings
	for _, o := range opts {
		o.apply(&set)
	}
	if set.hasDefault || set.alias != "" || len(set.validate) > 0 ||
		set.pattern != nil || set.enum != nil || set.noUnderscore {
		set.errs = append(set.errs, "a body takes only Embed, Description, Deprecated and Secret; put constraints in the struct tags of its type")
	}
	if len(set.errs) > 0 {
		panic(label + ": " + strings.Join(set.errs, "; "))
	}

	t := reflect.TypeFor[T]()
	jt, err := compileJSON(t)
	if err != nil {
		panic(fmt.Sprintf("%s: %v", label, err))
	}
	b := &bodyParam[T]{name: name, embed: set.embed, jt: jt,
		required: t.Kind() != reflect.Pointer, secret: set.secret,
		description: set.description, deprecated: set.deprecated}
	dep := di.Func1(b.eval, jsonDep)
	dep = di.WithName(dep, fmt.Sprintf("body %q", name))
	return di.WithMeta(dep, b)
}

// bodyParam is one JSON body parameter, and its own OpenAPI metadata.
type bodyParam[T any] struct {
	name        string
	embed       bool
	jt          *jtype
	required    bool
	secret      bool
	description string
	deprecated  bool
}

// loc returns the location of the body's value.
func (b *bodyParam[T]) loc() []any {
	if b.embed {
		return []any{"body", b.name}
	}
	return []any{"body"}
}

// eval validates the body and builds the T.
func (b *bodyParam[T]) eval(jb *jsonBody) (T, error) {
	var v T
	value, present := b.value(jb)
	// A JSON null for a required body is missing, as FastAPI treats None.
	if !present || value == nil {
		if b.required {
			return v, invalid(missingError(b.loc(), nil))
		}
		return v, nil
	}

	vc := &validation{secret: b.secret}
	out, changed := b.jt.validate(value, b.loc(), vc)
	if vc.errs != nil {
		return v, invalid(vc.errs...)
	}

	data := jb.raw.data
	if changed || b.embed || !jb.isJSON {
		var err error
		if data, err = json.Marshal(out); err != nil {
			return v, invalid(buildError(b.loc(), err))
		}
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return v, invalid(buildError(b.loc(), err))
	}
	return v, nil
}

// value returns the JSON value the parameter reads, and whether the
// request holds one.
func (b *bodyParam[T]) value(jb *jsonBody) (any, bool) {
	if len(jb.raw.data) == 0 {
		return nil, false
	}
	if !jb.isJSON {
		if b.embed {
			return nil, false
		}
		return string(jb.raw.data), true
	}
	if !b.embed {
		return jb.tree, true
	}
	obj, ok := jb.tree.(map[string]any)
	if !ok {
		return nil, false
	}
	v, ok := obj[b.name]
	return v, ok
}

// buildError reports a value that passed validation but that
// encoding/json would not decode, such as a type whose UnmarshalJSON
// refuses it.
func buildError(loc []any, err error) FieldError {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		for p := range strings.SplitSeq(te.Field, ".") {
			loc = append(loc, p)
		}
	}
	msg := err.Error()
	return FieldError{Type: "value_error", Loc: loc, Msg: "Value error, " + msg,
		Input: nil, Ctx: map[string]any{"error": msg}}
}

// OpenAPIRequestBody describes the body as FastAPI does: the schema of T
// under application/json, a $ref for a named struct, required unless T is
// a pointer. An embedded body is an object with one property named after
// the parameter; the router merges the embedded bodies of a route into
// one object, as FastAPI does.
func (b *bodyParam[T]) OpenAPIRequestBody(s *openapi.Schemas) *openapi.RequestBody {
	sch := s.For(reflect.TypeFor[T]())
	if sch.Ref == "" {
		sch.Title = openapi.Title(b.name)
	}
	if b.deprecated {
		sch.Deprecated = true
	}
	if b.embed {
		obj := &openapi.Schema{Type: "object"}
		obj.Properties.Set(b.name, sch)
		if b.required {
			obj.Required = []string{b.name}
		}
		sch = obj
	}
	return &openapi.RequestBody{
		Description: b.description,
		Content:     map[string]openapi.MediaType{"application/json": {Schema: sch}},
		Required:    b.required,
	}
}
