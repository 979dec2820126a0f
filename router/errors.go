package router

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
)

// HTTPError is an error with an HTTP meaning, FastAPI's HTTPException: the
// router answers it with its status, the body {"detail": detail} and its
// headers. Return one from any dependency or handler; the first error of a
// request ends it, so a 401 raised deep in a chain reaches the client as it
// was raised. Build one with [Error].
type HTTPError struct {
	status int
	detail any
	header http.Header
}

// Error returns an [*HTTPError] with status and detail, any JSON value.
// A nil detail renders as the status text ("Not Found"), as FastAPI's does.
func Error(status int, detail any) *HTTPError {
	return &HTTPError{status: status, detail: detail}
}

// WithHeader returns a copy of e that also sets the response header key to
// value, such as WWW-Authenticate.
func (e *HTTPError) WithHeader(key, value string) *HTTPError {
	c := *e
	c.header = e.header.Clone()
	if c.header == nil {
		c.header = http.Header{}
	}
	c.header.Add(key, value)
	return &c
}

func (e *HTTPError) Error() string {
	return fmt.Sprintf("router: %d %v", e.status, e.Detail())
}

// StatusCode reports the HTTP status.
func (e *HTTPError) StatusCode() int { return e.status }

// Detail reports the value of the body's "detail" member.
func (e *HTTPError) Detail() any {
	if e.detail == nil {
		return http.StatusText(e.status)
	}
	return e.detail
}

// Header reports the headers the response carries; it must not be
// modified.
func (e *HTTPError) Header() http.Header { return e.header }

// The router renders any error that has these methods, found with
// [errors.As], so that packages below it (params, security) can carry HTTP
// meaning without importing it.
type (
	statusCoder interface {
		error
		StatusCode() int
	}
	detailer interface{ Detail() any }
	headerer interface{ Header() http.Header }
)

// ErrorHandler answers an error of type E. Register one with [OnError].
type ErrorHandler[E error] func(w http.ResponseWriter, r *http.Request, err E)

// errorHandler is an ErrorHandler with its type erased: it reports whether
// it matched.
type errorHandler struct {
	handle func(w http.ResponseWriter, r *http.Request, err error) bool
}

// OnError makes rt answer every error that matches E (with [errors.As])
// with h, FastAPI's exception_handler. Handlers are tried in registration
// order before the built-in rendering. Register handlers before serving.
func OnError[E error](rt *Router, h ErrorHandler[E]) {
	rt.errorHandlers = append(rt.errorHandlers, errorHandler{
		handle: func(w http.ResponseWriter, r *http.Request, err error) bool {
			var target E
			if !errors.As(err, &target) {
				return false
			}
			h(w, r, target)
			return true
		},
	})
}

// renderError answers err: a custom handler's answer if one matches, else
// the error's own status, detail and headers, else 413 for a body over the
// limit, else a logged 500.
func (rt *Router) renderError(w http.ResponseWriter, r *http.Request, route string, err error) {
	for _, h := range rt.errorHandlers {
		if h.handle(w, r, err) {
			return
		}
	}

	var sc statusCoder
	if errors.As(err, &sc) {
		var detail any = http.StatusText(sc.StatusCode())
		if d, ok := sc.(detailer); ok {
			detail = d.Detail()
		}
		if h, ok := sc.(headerer); ok {
			copyHeader(w.Header(), h.Header())
		}
		WriteDetail(w, sc.StatusCode(), detail)
		return
	}

	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		WriteDetail(w, http.StatusRequestEntityTooLarge, "Request body too large")
		return
	}

	rt.logger.LogAttrs(r.Context(), slog.LevelError, "request failed",
		slog.String("route", route), slog.String("error", err.Error()))
	WriteDetail(w, http.StatusInternalServerError, "Internal Server Error")
}

// WriteDetail writes the FastAPI error body {"detail": detail} with status.
// Use it in custom error handlers to answer in the same shape.
func WriteDetail(w http.ResponseWriter, status int, detail any) {
	body, err := json.Marshal(struct {
		Detail any `json:"detail"`
	}{detail})
	if err != nil {
		body = []byte(`{"detail":"Internal Server Error"}`)
		status = http.StatusInternalServerError
	}
	writeJSON(w, status, body)
}

func copyHeader(dst, src http.Header) {
	for k, vs := range src {
		for _, v := range vs {
			dst.Add(k, v)
		}
	}
}

// jsonContentType is shared by every JSON response; assigning it to a
// header map saves the allocation of Header.Set. Appending to it copies
// (its capacity is 1); middleware that overwrote its element in place,
// rather than replacing the slice as Header.Set does, would change it for
// every response.
var jsonContentType = []string{"application/json"}

func writeJSON(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h["Content-Type"] = jsonContentType
	w.WriteHeader(status)
	if status != http.StatusNoContent && status != http.StatusNotModified {
		w.Write(body) //nolint:errcheck // the client is gone; nothing to do
	}
}
