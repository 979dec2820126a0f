// Package routertest is an in-process test client for routers built with
// package router, on [net/http/httptest]: requests go straight to the
// router's ServeHTTP, with helpers for JSON, form and bearer requests and
// for reading JSON answers. A client may carry dependency overrides, which
// apply to its own copy of the router and never leak into other tests.
package routertest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/rampart-go/rampart/di"
	"github.com/rampart-go/rampart/router"
)

// Client sends requests to a router in process. It is safe for concurrent
// use.
type Client struct {
	t  testing.TB
	rt *router.Router
}

// New returns a client of rt. With overrides (built with [di.Override]),
// the client serves its own copy of rt compiled with them; rt itself is not
// changed. A router that does not build fails the test.
func New(t testing.TB, rt *router.Router, overrides ...di.Option) *Client {
	t.Helper()
	if len(overrides) > 0 {
		rt = rt.Clone(router.CompileOptions(overrides...))
	}
	if err := rt.Build(); err != nil {
		t.Fatalf("routertest: building the router: %v", err)
	}
	return &Client{t: t, rt: rt}
}

// NewUnbuilt returns a client of rt that does not build it first, to test
// how a router that fails to build answers.
func NewUnbuilt(t testing.TB, rt *router.Router) *Client {
	return &Client{t: t, rt: rt}
}

// Router returns the router the client serves.
func (c *Client) Router() *router.Router { return c.rt }

// A RequestOption changes a request before it is sent.
type RequestOption func(*http.Request)

// Header sets a request header.
func Header(key, value string) RequestOption {
	return func(r *http.Request) { r.Header.Set(key, value) }
}

// Bearer sets the Authorization header to "Bearer token".
func Bearer(token string) RequestOption {
	return Header("Authorization", "Bearer "+token)
}

// Cookie adds a cookie.
func Cookie(name, value string) RequestOption {
	return func(r *http.Request) { r.AddCookie(&http.Cookie{Name: name, Value: value}) }
}

// Get sends a GET request to target, a path with an optional query.
func (c *Client) Get(target string, opts ...RequestOption) *Response {
	c.t.Helper()
	return c.Do(http.MethodGet, target, nil, opts...)
}

// PostJSON sends v encoded as JSON.
func (c *Client) PostJSON(target string, v any, opts ...RequestOption) *Response {
	c.t.Helper()
	return c.sendJSON(http.MethodPost, target, v, opts)
}

// PutJSON sends v encoded as JSON with PUT.
func (c *Client) PutJSON(target string, v any, opts ...RequestOption) *Response {
	c.t.Helper()
	return c.sendJSON(http.MethodPut, target, v, opts)
}

func (c *Client) sendJSON(method, target string, v any, opts []RequestOption) *Response {
	c.t.Helper()
	body, err := json.Marshal(v)
	if err != nil {
		c.t.Fatalf("routertest: encoding the %s %s body: %v", method, target, err)
	}
	opts = append([]RequestOption{Header("Content-Type", "application/json")}, opts...)
	return c.Do(method, target, bytes.NewReader(body), opts...)
}

// PostForm sends form URL-encoded, as an HTML form or an OAuth2 token
// request does.
func (c *Client) PostForm(target string, form url.Values, opts ...RequestOption) *Response {
	c.t.Helper()
	opts = append([]RequestOption{Header("Content-Type", "application/x-www-form-urlencoded")}, opts...)
	return c.Do(http.MethodPost, target, strings.NewReader(form.Encode()), opts...)
}

// Do sends a request with any method and body.
func (c *Client) Do(method, target string, body io.Reader, opts ...RequestOption) *Response {
	c.t.Helper()
	req := httptest.NewRequest(method, target, body)
	for _, o := range opts {
		o(req)
	}
	return c.Send(req)
}

// Send serves req and records the answer.
func (c *Client) Send(req *http.Request) *Response {
	c.t.Helper()
	rec := httptest.NewRecorder()
	c.rt.ServeHTTP(rec, req)
	res := rec.Result()
	return &Response{t: c.t, Status: res.StatusCode, Header: res.Header, Body: rec.Body.Bytes()}
}

// Response is a recorded answer.
type Response struct {
	t      testing.TB
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v, failing the test if it is not JSON.
func (r *Response) JSON(v any) {
	r.t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		r.t.Fatalf("routertest: response body is not JSON (%v): %s", err, r.Body)
	}
}

// Map decodes a JSON object body.
func (r *Response) Map() map[string]any {
	r.t.Helper()
	var m map[string]any
	r.JSON(&m)
	return m
}

// String returns the body as a string.
func (r *Response) String() string { return string(r.Body) }

// URL parses the Location header.
func (r *Response) Location() *url.URL {
	r.t.Helper()
	u, err := url.Parse(r.Header.Get("Location"))
	if err != nil {
		r.t.Fatalf("routertest: bad Location %q: %v", r.Header.Get("Location"), err)
	}
	return u
}
