package router

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/rampart-go/rampart/di"
)

// route is one declared route and, once built, its compiled plan.
type route struct {
	method, path string
	handler      di.Dependency
	site         string
	deps         []di.Dependency

	status      int
	summary     string
	description string
	tags        []string
	operationID string
	deprecated  bool
	hidden      bool
	extra       []extraResponse

	rt   *Router
	plan *di.Plan[any]
	name string // "GET /users/me/", for logs
}

type extraResponse struct {
	status      int
	description string
	body        any
}

func (r *route) String() string { return r.method + " " + r.path }

// compile builds the route's plan, with the group's and route's
// dependencies first.
func (r *route) compile(rt *Router) error {
	r.rt = rt
	r.name = r.String()
	opts := rt.compileOptions()
	if len(r.deps) > 0 {
		opts = append(opts, di.Before(r.deps...))
	}
	pl, err := di.CompileAny(r.handler, opts...)
	if err != nil {
		lines := strings.Split(err.Error(), "\n")
		for i, l := range lines {
			lines[i] = strings.TrimPrefix(l, "di: ")
		}
		return fmt.Errorf("router: %s (declared at %s): %s", r, r.site, strings.Join(lines, "\n\t"))
	}
	r.plan = pl
	return nil
}

// ServeHTTP runs the route's plan and writes its value.
func (r *route) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	rt := r.rt
	if rt.cfg.maxBody > 0 && req.Body != nil && req.Body != http.NoBody {
		req.Body = http.MaxBytesReader(w, req.Body, rt.cfg.maxBody)
	}
	rs := rt.states.Get().(*Response)
	ww := &rs.w
	ww.ResponseWriter = w
	defer r.recover(ww, req, rs)

	err := r.plan.Run(req, func(v any) error { return r.respond(ww, req, rs, v) }, rs)
	switch {
	case err != nil && !ww.wrote:
		rt.renderError(ww, req, r.name, err)
	case err != nil:
		// The response has started; all that is left is to say so.
		rt.logger.LogAttrs(req.Context(), slog.LevelError, "response failed after it started",
			slog.String("route", r.name), slog.String("error", err.Error()))
	}
	if len(rs.tasks) > 0 {
		r.runTasks(ww, req, rs)
	}
	rs.reset()
	rt.states.Put(rs)
}

// recover answers a panic with a logged 500, once the plan's cleanups have
// run. http.ErrAbortHandler keeps its meaning: the connection is dropped.
func (r *route) recover(w *trackingWriter, req *http.Request, rs *Response) {
	v := recover()
	if v == nil {
		return
	}
	if v == http.ErrAbortHandler {
		panic(v)
	}
	r.rt.logger.LogAttrs(req.Context(), slog.LevelError, "handler panicked",
		slog.String("route", r.name), slog.Any("panic", v), slog.String("stack", string(debug.Stack())))
	if !w.wrote {
		WriteDetail(w, http.StatusInternalServerError, "Internal Server Error")
	}
	rs.reset()
}

// respond writes the handler's value v: a Responder writes itself, nil
// writes only the status, anything else is JSON.
func (r *route) respond(w *trackingWriter, req *http.Request, rs *Response, v any) error {
	status := r.status
	if rs.status != 0 {
		status = rs.status
	}
	if rs.header != nil {
		copyHeader(w.Header(), rs.header)
	}
	if res, ok := v.(Responder); ok {
		return res.Respond(w, req, status)
	}
	body, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("router: %s: encoding the response: %w", r.name, err)
	}
	if len(rs.tasks) > 0 {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	}
	writeJSON(w, status, body)
	return nil
}

// runTasks runs the background tasks after the response, flushed first so
// the client has it: respond gave the body a Content-Length, so the client
// sees it complete. The tasks' context outlives the client's.
func (r *route) runTasks(w *trackingWriter, req *http.Request, rs *Response) {
	w.Flush()
	ctx := context.WithoutCancel(req.Context())
	for _, task := range rs.tasks {
		if err := r.runTask(ctx, task); err != nil {
			r.rt.logger.LogAttrs(ctx, slog.LevelError, "background task failed",
				slog.String("route", r.name), slog.String("error", err.Error()))
		}
	}
}

func (r *route) runTask(ctx context.Context, task func(context.Context) error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v", v)
		}
	}()
	return task(ctx)
}

// trackingWriter notes whether the response has started, so an error after
// that is logged instead of written into the middle of a body.
type trackingWriter struct {
	http.ResponseWriter
	wrote bool
}

func (w *trackingWriter) WriteHeader(code int) {
	w.wrote = true
	w.ResponseWriter.WriteHeader(code)
}

func (w *trackingWriter) Write(p []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(p)
}

func (w *trackingWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		w.wrote = true
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *trackingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
