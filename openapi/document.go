package openapi

import (
	"fmt"
	"net/http"
	"strings"
)

// Version is the OpenAPI version that documents built with this package
// declare, and the one FastAPI declares.
const Version = "3.1.0"

// Document is the root of an OpenAPI 3.1 document. Marshalled with
// [encoding/json] it gives the same document twice for the same value:
// paths keep their declaration order and every map is written with sorted
// keys.
type Document struct {
	// OpenAPI is the version of the specification, normally [Version].
	OpenAPI    string      `json:"openapi"`
	Info       Info        `json:"info"`
	Paths      Paths       `json:"paths"`
	Components *Components `json:"components,omitempty"`
	// Security lists the requirements that apply to every operation that
	// does not set its own.
	Security []SecurityRequirement `json:"security,omitempty"`
}

// Info describes the API. Title and Version are required by the
// specification.
type Info struct {
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	Version     string `json:"version"`
}

// Paths maps URL templates such as /items/{item_id} to the operations on
// them, in the order the routes were declared.
type Paths = OrderedMap[*PathItem]

// Components holds the schemas and security schemes that the rest of the
// document refers to by name. Both maps are written with sorted keys.
type Components struct {
	Schemas         map[string]*Schema         `json:"schemas,omitempty"`
	SecuritySchemes map[string]*SecurityScheme `json:"securitySchemes,omitempty"`
}

// PathItem holds the operations on one path, one per HTTP method.
type PathItem struct {
	Get     *Operation `json:"get,omitempty"`
	Put     *Operation `json:"put,omitempty"`
	Post    *Operation `json:"post,omitempty"`
	Delete  *Operation `json:"delete,omitempty"`
	Options *Operation `json:"options,omitempty"`
	Head    *Operation `json:"head,omitempty"`
	Patch   *Operation `json:"patch,omitempty"`
	Trace   *Operation `json:"trace,omitempty"`
}

// Operation returns the operation for an HTTP method such as "GET", or nil
// if the path item has none. Methods are matched without regard to case.
func (p *PathItem) Operation(method string) *Operation {
	if slot := p.slot(method); slot != nil {
		return *slot
	}
	return nil
}

// SetOperation stores op as the operation for an HTTP method such as
// "POST". It returns an error for a method that OpenAPI cannot describe,
// such as CONNECT.
func (p *PathItem) SetOperation(method string, op *Operation) error {
	slot := p.slot(method)
	if slot == nil {
		return fmt.Errorf("openapi: method %q has no place in a path item", method)
	}
	*slot = op
	return nil
}

// slot returns the field that holds the operation for method, or nil.
func (p *PathItem) slot(method string) **Operation {
	switch strings.ToUpper(method) {
	case http.MethodGet:
		return &p.Get
	case http.MethodPut:
		return &p.Put
	case http.MethodPost:
		return &p.Post
	case http.MethodDelete:
		return &p.Delete
	case http.MethodOptions:
		return &p.Options
	case http.MethodHead:
		return &p.Head
	case http.MethodPatch:
		return &p.Patch
	case http.MethodTrace:
		return &p.Trace
	}
	return nil
}

// Operation describes one method on one path. Its fields follow the order
// in which FastAPI writes them.
type Operation struct {
	Tags        []string     `json:"tags,omitempty"`
	Summary     string       `json:"summary,omitempty"`
	Description string       `json:"description,omitempty"`
	OperationID string       `json:"operationId,omitempty"`
	Deprecated  bool         `json:"deprecated,omitempty"`
	Parameters  []*Parameter `json:"parameters,omitempty"`
	RequestBody *RequestBody `json:"requestBody,omitempty"`
	Responses   Responses    `json:"responses,omitempty"`
	// Security lists alternative requirements: a request must satisfy one
	// of them. An empty [SecurityRequirement] among them makes the
	// security optional, as FastAPI's auto_error=False schemes do.
	Security []SecurityRequirement `json:"security,omitempty"`
}

// Parameter describes one path, query, header or cookie parameter.
type Parameter struct {
	Name string `json:"name"`
	// In is "path", "query", "header" or "cookie".
	In string `json:"in"`
	// Required is always written, as FastAPI does; path parameters must
	// set it.
	Required    bool    `json:"required"`
	Deprecated  bool    `json:"deprecated,omitempty"`
	Schema      *Schema `json:"schema,omitempty"`
	Description string  `json:"description,omitempty"`
}

// RequestBody describes the body an operation accepts, by media type, such
// as "application/json" or "application/x-www-form-urlencoded".
type RequestBody struct {
	Description string               `json:"description,omitempty"`
	Content     map[string]MediaType `json:"content"`
	Required    bool                 `json:"required,omitempty"`
}

// MediaType gives the schema of a body in one media type.
type MediaType struct {
	Schema *Schema `json:"schema,omitempty"`
}

// Responses maps status codes such as "200", "422" or "default" to the
// responses an operation gives. [encoding/json] writes map keys sorted, so
// the responses come out ordered by status code with "default" last, as
// every code is three characters that sort before letters.
type Responses map[string]*Response

// Response describes one response. Description is required by the
// specification, even when empty.
type Response struct {
	Description string               `json:"description"`
	Headers     map[string]*Header   `json:"headers,omitempty"`
	Content     map[string]MediaType `json:"content,omitempty"`
}

// Header describes a response header, such as WWW-Authenticate.
type Header struct {
	Description string  `json:"description,omitempty"`
	Required    bool    `json:"required,omitempty"`
	Deprecated  bool    `json:"deprecated,omitempty"`
	Schema      *Schema `json:"schema,omitempty"`
}
