// Package di declares typed dependencies, joins them into graphs with OAuth2
// scopes on their edges, and compiles each graph once into a flat plan that
// a request runs without reflection.
//
// # Dependencies
//
// A dependency is a Go function of other dependencies that returns a value
// and an error. [Func0] to [Func6] turn such a function into a [Dep] of its
// result type, so the compiler checks that every argument is fed a value of
// the right type:
//
//	var currentUser = di.Func2(getCurrentUser, di.SecurityScopes(), token)
//	var activeUser = di.Func1(getCurrentActiveUser, di.Security(currentUser, "me"))
//
// [Yield0] to [Yield6] do the same for functions that also return a
// [Cleanup], FastAPI's dependencies with yield. [Value] makes a constant a
// dependency, [Request] and [Context] give the request being served,
// [Singleton] takes an application-scoped value from a go.uber.org/dig
// container, and [Arg] reads a value the caller of [Plan.Run] hands in.
//
// # Scopes
//
// [Security] attaches OAuth2 scopes to one edge of the graph. A dependency
// that asks for [SecurityScopes] receives a [Scopes] value holding the scopes
// of every Security edge on the path from the root down to it, outermost
// first. Scopes follow paths, not the whole graph: two sibling branches see
// only their own edges' scopes (FastAPI 0.92 let them leak; current FastAPI
// does not, and neither does di). A scope named twice on one path appears
// once, where it was first named.
//
// # Plans and caching
//
// [Compile] walks a graph once and returns a [Plan]: the graph's steps in
// evaluation order (depth first, arguments before the function, in
// declaration order), each reading its inputs from earlier steps. Within one
// run a dependency is evaluated once per key: the dependency plus the set of
// scopes it, or anything below it, receives through [SecurityScopes]. A
// dependency that uses no scopes, such as a database session, is therefore
// shared by every branch that reaches it, whatever scopes those branches
// carry. [Uncached] opts one edge out, FastAPI's use_cache=False: the
// dependency runs again every time that edge is reached.
//
// The cache is resolved when the plan is compiled, not per request: each
// key becomes one step. Running a plan walks a slice of closures over typed,
// pooled storage; it does no map look-ups and calls no reflect function.
//
// # Errors and cleanups
//
// The first error a dependency returns ends the run and is returned
// unchanged, so an HTTP error raised deep in a chain reaches the caller as
// it was raised. Errors that implement [Accumulator], such as validation
// errors, are gathered instead: the run goes on with the dependencies that
// do not need the failed ones and returns every problem together.
//
// Cleanups run after the value has been used, in reverse order of setup,
// always: on success, on error and on panic, each seeing the run's outcome.
//
// # Lifetimes
//
// Values from a [Container] are application-scoped: they are resolved once,
// when the plan is compiled. Everything else is request-scoped and lives for
// one [Plan.Run].
//
// # Overrides
//
// [Override] replaces a dependency with another of the same type in the
// plans compiled with it, for tests. The replacement sits where the original
// sat and receives the same scopes.
package di
