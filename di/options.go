package di

import (
	"fmt"
	"strings"

	"go.uber.org/dig"
)

// An Option changes how [Compile] builds a plan. Options print themselves
// legibly through String.
type Option interface {
	apply(*compiler)
	String() string
}

type optionFunc struct {
	desc string
	f    func(*compiler)
}

func (o optionFunc) apply(c *compiler) { o.f(c) }
func (o optionFunc) String() string    { return o.desc }

// Override replaces orig with repl in the plans compiled with this option,
// FastAPI's dependency_overrides, for tests. The replacement takes the
// original's place wherever it is reached, at any depth, and receives the
// scopes the original would have. Its own dependencies are compiled as usual
// and may be overridden too. An override costs nothing per request, and it
// affects only the plans compiled with it: there is no global registry.
func Override[T any](orig, repl Dep[T]) Option {
	desc := fmt.Sprintf("di.Override(%v, %v)", orig, repl)
	return optionFunc{desc, func(c *compiler) {
		if orig.e == nil || repl.e == nil {
			c.fail(nil, fmt.Errorf("di: %s: both dependencies must be non-zero", desc))
			return
		}
		c.overrides[orig.e.n] = repl.e
	}}
}

// Overrides combines several options into one, so that a set of overrides
// can be passed around as a value.
func Overrides(opts ...Option) Option {
	descs := make([]string, len(opts))
	for i, o := range opts {
		descs[i] = o.String()
	}
	return optionFunc{"di.Overrides(" + strings.Join(descs, ", ") + ")", func(c *compiler) {
		for _, o := range opts {
			o.apply(c)
		}
	}}
}

// Container makes c the source of the values of [Singleton] dependencies.
// Each such value is resolved when the plan is compiled, never per request.
func Container(c *dig.Container) Option {
	return optionFunc{"di.Container", func(cc *compiler) { cc.container = c }}
}

// Before adds dependencies that run before the root, in order, for their
// effects and errors; their values are discarded. It is how a group of
// routes shares dependencies, FastAPI's dependencies=[...] on a router. Their
// scopes apply to their own branches only.
func Before(deps ...Dependency) Option {
	names := make([]string, len(deps))
	for i, d := range deps {
		names[i] = fmt.Sprint(d)
	}
	return optionFunc{"di.Before(" + strings.Join(names, ", ") + ")", func(c *compiler) {
		for _, d := range deps {
			c.before = append(c.before, d.edge())
		}
	}}
}
