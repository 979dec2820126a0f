// Package router serves routes whose handlers are dependency graphs of
// package di, with FastAPI's errors, a generated OpenAPI 3.1 document and
// docs pages.
//
// # Routes
//
// A route is a method, a path and a handler: a [di.Dependency] whose value
// becomes the response. Paths are net/http [http.ServeMux] patterns, with
// {name} and {name...} wildcards:
//
//	rt := router.New(router.Title("Items"))
//	rt.Get("/users/me/", di.Func1(readUsersMe, activeUser))
//	rt.Get("/users/me/items/", di.Func1(readOwnItems, di.Security(activeUser, "items")))
//	if err := rt.Build(); err != nil { // every problem at once
//		log.Fatal(err)
//	}
//	http.ListenAndServe("127.0.0.1:8000", rt)
//
// [Router.Build] compiles each route's graph into a plan once; a request
// runs the plan with no reflection. [Group] shares a prefix, tags and
// dependencies among routes, FastAPI's APIRouter; a group with an empty
// prefix declared on the router gives every route in it the dependencies
// that FastAPI's app-level dependencies=[...] would:
//
//	app := rt.Group("", router.Dependencies(verifyKey))
//	app.Get("/items/", listItems)
//
// # Responses
//
// A handler's value is written as JSON with the route's [Status] (200 by
// default). A handler that needs more returns a [Responder]: [JSON] with a
// status and headers, [Created], [NoContent], [Raw] bytes or a [Stream].
// Any dependency can take [CurrentResponse] to set headers, cookies or the
// status, or to queue background tasks that run after the response.
//
// # Errors
//
// Errors are answered as FastAPI answers them. An error with a StatusCode
// method, such as [*HTTPError] or the validation and authentication errors
// of packages params and security, gives {"detail": ...} with its status
// and headers; [OnError] installs a handler of its own for an error type.
// An unknown path is 404 {"detail":"Not Found"}, a known path with another
// method 405 with Allow, and a path that differs from a route's only by a
// trailing slash is redirected with 307 before any dependency runs. A body
// over [MaxBodyBytes] is 413. Any other error, and any panic, is a logged
// 500 {"detail":"Internal Server Error"}; the dependencies' cleanups run
// and the server goes on.
//
// Headers and cookies set through [Response] apply to successful
// responses; an error answer carries only its own headers, as in FastAPI.
//
// # OpenAPI and docs
//
// Building the router also builds its OpenAPI 3.1 document, served at
// /openapi.json: each operation's parameters, request body and security
// come from its whole dependency graph, the scopes of each security scheme
// gathered along the paths that reach it. Swagger UI is served at /docs,
// with its assets embedded so that it works offline, and ReDoc at /redoc.
// [OpenAPIURL], [DocsURL] and [RedocURL] move or turn off each of them.
//
// # Differences from FastAPI
//
// A GET route also answers HEAD, as net/http does; FastAPI answers 405.
// Background tasks run on the request's goroutine after the response has
// been flushed with its Content-Length, with a context that is not
// canceled when the client leaves.
package router
