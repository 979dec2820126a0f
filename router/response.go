package router

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"reflect"

	"github.com/rampart-go/rampart/di"
)

// Response is the response of the request being served, as dependencies see
// it before the handler's value is written: FastAPI's Response parameter
// and BackgroundTasks in one. Take it with [CurrentResponse]. It is valid
// only while its request is served and is not safe for concurrent use.
type Response struct {
	w      trackingWriter
	header http.Header
	status int
	tasks  []func(context.Context) error
}

// currentResponse is the dependency on the Response a route hands to the
// plan as its first argument.
var currentResponse = di.WithName(di.Arg[*Response](0, "router.Response"), "router.Response")

// CurrentResponse returns the dependency that yields the [Response] of the
// request being served.
func CurrentResponse() di.Dep[*Response] { return currentResponse }

// Header returns the headers that will be added to the response. Setting a
// header here works from any dependency.
func (rs *Response) Header() http.Header {
	if rs.header == nil {
		rs.header = http.Header{}
	}
	return rs.header
}

// SetCookie adds a Set-Cookie header; an invalid cookie is dropped, as
// [http.SetCookie] does.
func (rs *Response) SetCookie(c *http.Cookie) {
	if v := c.String(); v != "" {
		rs.Header().Add("Set-Cookie", v)
	}
}

// SetStatus replaces the route's status code for a JSON response.
func (rs *Response) SetStatus(code int) { rs.status = code }

// AddTask queues task to run after the response has been sent, FastAPI's
// background tasks. Tasks run in order on the request's goroutine with a
// context that is not canceled when the client goes; a task's error or
// panic is logged and does not stop the next one.
func (rs *Response) AddTask(task func(ctx context.Context) error) {
	rs.tasks = append(rs.tasks, task)
}

func (rs *Response) reset() {
	rs.w = trackingWriter{}
	clear(rs.header)
	rs.status = 0
	clear(rs.tasks)
	rs.tasks = rs.tasks[:0]
}

// A Responder writes its own response. A handler returns one to choose the
// status, the headers or a body other than JSON; [JSON], [NoContent],
// [Raw] and [Stream] are the common ones. status is the route's status,
// or what [Response.SetStatus] chose; headers set through [Response] are
// already on w.
type Responder interface {
	Respond(w http.ResponseWriter, r *http.Request, status int) error
}

// Body is implemented by responders whose body has a Go type the OpenAPI
// document should describe.
type bodyTyper interface {
	BodyType() reflect.Type
}

// JSON is a response with a JSON body of type T and an optional status and
// headers. The route's OpenAPI document describes T.
type JSON[T any] struct {
	Status int // 0 means the route's status
	Header http.Header
	Body   T
}

// Created returns a 201 response with body and a Location header.
func Created[T any](location string, body T) JSON[T] {
	return JSON[T]{Status: http.StatusCreated, Header: http.Header{"Location": {location}}, Body: body}
}

// Respond writes the response.
func (j JSON[T]) Respond(w http.ResponseWriter, _ *http.Request, status int) error {
	if j.Status != 0 {
		status = j.Status
	}
	body, err := json.Marshal(j.Body)
	if err != nil {
		return err
	}
	copyHeader(w.Header(), j.Header)
	writeJSON(w, status, body)
	return nil
}

// BodyType reports T.
func (JSON[T]) BodyType() reflect.Type { return reflect.TypeFor[T]() }

// NoContent is a 204 response with no body.
type NoContent struct{}

// Respond writes the response.
func (NoContent) Respond(w http.ResponseWriter, _ *http.Request, _ int) error {
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// Raw is a response whose body is written as it is.
type Raw struct {
	Status      int // 0 means the route's status
	ContentType string
	Body        []byte
}

// Respond writes the response.
func (b Raw) Respond(w http.ResponseWriter, _ *http.Request, status int) error {
	writeHead(w, status, b.Status, b.ContentType)
	_, err := w.Write(b.Body)
	return err
}

// Stream is a response whose body Write produces piece by piece, flushed
// to the client after each write when the connection allows it.
type Stream struct {
	Status      int // 0 means the route's status
	ContentType string
	Write       func(w io.Writer) error
}

// Respond writes the response.
func (s Stream) Respond(w http.ResponseWriter, _ *http.Request, status int) error {
	writeHead(w, status, s.Status, s.ContentType)
	return s.Write(flushWriter{w})
}

// writeHead starts a Raw or Stream response: its own status when it has
// one, else the route's, and its content type when it names one.
func writeHead(w http.ResponseWriter, routeStatus, own int, contentType string) {
	if own != 0 {
		routeStatus = own
	}
	if contentType != "" {
		w.Header().Set("Content-Type", contentType)
	}
	w.WriteHeader(routeStatus)
}

type flushWriter struct{ w http.ResponseWriter }

func (f flushWriter) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	if fl, ok := f.w.(http.Flusher); ok {
		fl.Flush()
	}
	return n, err
}
