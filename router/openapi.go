package router

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/openapi"
)

// Metadata that params and security attach to their dependencies with
// di.WithMeta describes each dependency for the OpenAPI document through
// these interfaces; the router finds them in each plan's steps.
type (
	parameterDescriber interface {
		OpenAPIParameters(s *openapi.Schemas) []*openapi.Parameter
	}
	bodyDescriber interface {
		OpenAPIRequestBody(s *openapi.Schemas) *openapi.RequestBody
	}
	securityDescriber interface {
		OpenAPISecurity() (name string, scheme *openapi.SecurityScheme, optional bool)
	}
)

var (
	responderType = reflect.TypeFor[Responder]()
	noContentType = reflect.TypeFor[NoContent]()
)

// document builds the OpenAPI 3.1 document of every route in the schema,
// FastAPI's way: one operation per route, its parameters, body and security
// gathered from its whole dependency graph.
func (rt *Router) document() (*openapi.Document, error) {
	doc := &openapi.Document{
		OpenAPI: "3.1.0",
		Info: openapi.Info{
			Title:       rt.cfg.title,
			Description: rt.cfg.description,
			Version:     rt.cfg.version,
		},
	}
	schemas := new(openapi.Schemas)
	schemes := map[string]*openapi.SecurityScheme{}
	schemeOwner := map[string]string{}
	var errs []error

	for _, r := range rt.served {
		if r.hidden {
			continue
		}
		op, err := r.operation(schemas, schemes, schemeOwner)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		path := docPath(r.path)
		item, ok := doc.Paths.Get(path)
		if !ok {
			item = &openapi.PathItem{}
			doc.Paths.Set(path, item)
		}
		if err := item.SetOperation(r.method, op); err != nil {
			errs = append(errs, fmt.Errorf("router: %s (declared at %s): %w", r, r.site, err))
		}
	}
	if err := schemas.Err(); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	comps := schemas.Components()
	if len(comps) > 0 || len(schemes) > 0 {
		doc.Components = &openapi.Components{Schemas: comps}
		if len(schemes) > 0 {
			doc.Components.SecuritySchemes = schemes
		}
	}
	return doc, nil
}

// operation describes one route.
func (r *route) operation(schemas *openapi.Schemas, schemes map[string]*openapi.SecurityScheme, owner map[string]string) (*openapi.Operation, error) {
	steps := r.plan.Steps()
	name := handlerName(steps)
	op := &openapi.Operation{
		Tags:        r.tags,
		Summary:     r.summary,
		Description: r.description,
		OperationID: r.operationID,
		Deprecated:  r.deprecated,
		Responses:   openapi.Responses{},
	}
	if op.Summary == "" {
		op.Summary = titleWords(name)
	}
	if op.OperationID == "" {
		op.OperationID = operationID(name, r.path, r.method)
	}

	validates := false
	var secNames []string
	secScopes := map[string][]string{}
	optional := false
	seenParam := map[string]bool{}
	for _, s := range steps {
		if p, ok := s.Meta.(parameterDescriber); ok {
			validates = true
			for _, param := range p.OpenAPIParameters(schemas) {
				key := param.In + " " + strings.ToLower(param.Name)
				if !seenParam[key] {
					seenParam[key] = true
					op.Parameters = append(op.Parameters, param)
				}
			}
		}
		if b, ok := s.Meta.(bodyDescriber); ok {
			validates = true
			op.RequestBody = namedBody(b.OpenAPIRequestBody(schemas), schemas, op.OperationID)
		}
		if sd, ok := s.Meta.(securityDescriber); ok {
			name, scheme, opt := sd.OpenAPISecurity()
			if prev, taken := schemes[name]; taken && !sameScheme(prev, scheme) {
				return nil, fmt.Errorf("router: %s (declared at %s): two different security schemes are named %q (the other is used by %s)", r, r.site, name, owner[name])
			}
			if _, taken := schemes[name]; !taken {
				schemes[name] = scheme
				owner[name] = r.String()
			}
			if _, ok := secScopes[name]; !ok {
				secNames = append(secNames, name)
			}
			secScopes[name] = appendNew(secScopes[name], s.Scopes)
			optional = optional || opt
		}
	}
	for _, name := range secNames {
		op.Security = append(op.Security, openapi.SecurityRequirement{name: nonNil(secScopes[name])})
	}
	if optional {
		op.Security = append(op.Security, openapi.SecurityRequirement{})
	}

	op.Responses[strconv.Itoa(r.status)] = r.successResponse(schemas)
	if validates {
		op.Responses["422"] = &openapi.Response{
			Description: "Validation Error",
			Content:     jsonContent(schemas.HTTPValidationError()),
		}
	}
	for _, x := range r.extra {
		resp := &openapi.Response{Description: x.description}
		if x.body != nil {
			resp.Content = jsonContent(schemas.For(reflect.TypeOf(x.body)))
		}
		op.Responses[strconv.Itoa(x.status)] = resp
	}
	return op, nil
}

// successResponse describes the handler's value: its type's schema for
// JSON, the body type of a [JSON] responder, nothing for [NoContent], and
// any content for other responders.
func (r *route) successResponse(schemas *openapi.Schemas) *openapi.Response {
	resp := &openapi.Response{Description: "Successful Response"}
	t := r.handler.Type()
	switch {
	case t == noContentType || r.status == http.StatusNoContent:
		return resp
	case t.Implements(responderType):
		if bt, ok := reflect.Zero(t).Interface().(bodyTyper); ok {
			resp.Content = jsonContent(schemas.For(valueType(bt.BodyType())))
		} else {
			resp.Content = jsonContent(&openapi.Schema{})
		}
	default:
		resp.Content = jsonContent(schemas.For(valueType(t)))
	}
	return resp
}

// valueType is the type a response schema describes: a handler returns
// *Token the way a FastAPI endpoint returns Token, so the response is the
// value, never null.
func valueType(t reflect.Type) reflect.Type {
	if t.Kind() == reflect.Pointer {
		return t.Elem()
	}
	return t
}

func jsonContent(s *openapi.Schema) map[string]openapi.MediaType {
	return map[string]openapi.MediaType{"application/json": {Schema: s}}
}

// namedBody gives a form body's inline schema a component of its own,
// named Body_<operationId> as FastAPI names the model it builds from
// Form(...) parameters.
func namedBody(body *openapi.RequestBody, schemas *openapi.Schemas, opID string) *openapi.RequestBody {
	if body == nil {
		return nil
	}
	for mt, media := range body.Content {
		if media.Schema == nil || media.Schema.Ref != "" || media.Schema.Properties.Len() == 0 {
			continue
		}
		name := "Body_" + opID
		if media.Schema.Title == "" {
			media.Schema.Title = name
		}
		body.Content[mt] = openapi.MediaType{Schema: schemas.Define(name, media.Schema)}
	}
	return body
}

func sameScheme(a, b *openapi.SecurityScheme) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

func appendNew(dst, add []string) []string {
	for _, s := range add {
		if !slices.Contains(dst, s) {
			dst = append(dst, s)
		}
	}
	return dst
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// handlerName returns the Go name of the route's handler function, the last
// step of its plan, without package or receiver: "readOwnItems". A function
// literal has no useful name and gives "".
func handlerName(steps []di.Step) string {
	if len(steps) == 0 {
		return ""
	}
	name := steps[len(steps)-1].Name
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	if strings.HasPrefix(name, "func") || strings.ContainsAny(name, " -") {
		return ""
	}
	return name
}

// titleWords turns a Go name into FastAPI's summary form:
// readOwnItems -> "Read Own Items".
func titleWords(name string) string {
	words := splitWords(name)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// splitWords splits camelCase, PascalCase and snake_case names into
// lower-case words, keeping initialisms together: "getHTTPStatus" ->
// get, http, status.
func splitWords(name string) []string {
	var words []string
	rs := []rune(name)
	start := 0
	flush := func(end int) {
		if end > start {
			words = append(words, strings.ToLower(string(rs[start:end])))
		}
	}
	for i := 0; i < len(rs); i++ {
		switch {
		case rs[i] == '_':
			flush(i)
			start = i + 1
		case i > start && unicode.IsUpper(rs[i]) &&
			(unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1])):
			flush(i)
			start = i
		}
	}
	flush(len(rs))
	return words
}

var nonWord = regexp.MustCompile(`\W`)

// operationID follows FastAPI's generate_unique_id: the handler's name in
// snake case, then the path and method, non-word characters as "_".
func operationID(name, path, method string) string {
	id := strings.Join(splitWords(name), "_") + docPath(path)
	return nonWord.ReplaceAllString(id, "_") + "_" + strings.ToLower(method)
}

// docPath turns a ServeMux pattern path into an OpenAPI path template:
// {name...} becomes {name}.
func docPath(path string) string {
	return strings.ReplaceAll(path, "...}", "}")
}
