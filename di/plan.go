package di

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"

	"go.uber.org/dig"
)

// Plan is a compiled dependency graph whose root yields a T. It is built
// once by [Compile] and run once per request by [Plan.Run]. A Plan is
// immutable and safe for concurrent use; each run takes its own frame of
// typed storage from a pool, so a run allocates nothing of its own. A
// pooled frame keeps the values of its last run referenced until its next
// run or until the pool drops it at a garbage collection; no later run can
// read them.
type Plan[T any] struct {
	p *plan
}

// plan is the untyped part of a Plan: what a frame needs to be built.
type plan struct {
	slots   []slotDef
	steps   []stepDef
	root    int // slot of the root's value
	reqSlot int // slot of the request, or -1
	nclean  int // most cleanups one run can register
	info    []Step
	pool    sync.Pool
}

// slotDef describes one slot of a frame: a step's output, or a constant
// filled when the frame is made.
type slotDef struct {
	newSlot func() slot
	fill    func(slot)
}

// stepDef is one step: the node to bind, the slots it reads and writes, and
// the earlier steps whose failure means it must be skipped.
type stepDef struct {
	n     *node
	in    []int
	out   int
	needs []int
}

// Step describes one step of a plan, for debugging and for generators of
// documentation such as the router's OpenAPI document.
type Step struct {
	// Name and Site name the dependency and where it was declared.
	Name string
	Site string
	// Type is the Go type of the value the step yields.
	Type reflect.Type
	// Scopes is every scope on the paths that reach the step, in the order
	// first seen. For a step that uses [SecurityScopes] it is the one scope
	// list the step runs under.
	Scopes []string
	// Key is the step's cache key: its name, plus its sorted scopes when it
	// uses them.
	Key string
	// Cached is false for a step that exists because of an [Uncached] edge.
	Cached bool
	// Constant is true for a value fixed at compile time, such as a
	// [Value], a [Singleton] or a [Scopes] value.
	Constant bool
	// Inputs are the indexes, in the plan's steps, of the step's arguments.
	Inputs []int
	// Meta is what [WithMeta] attached, or nil.
	Meta any
}

// Compile builds the plan of root with opts. It checks the whole graph and
// returns every problem it finds, each a [*BuildError] naming the chain of
// dependencies that leads to it, joined with [errors.Join].
func Compile[T any](root Dep[T], opts ...Option) (*Plan[T], error) {
	c := &compiler{
		overrides: map[*node]*edge{},
		keys:      map[stepKey]int{},
		consts:    map[stepKey]int{},
		uses:      map[*node]int8{},
		reqSlot:   -1,
	}
	for _, o := range opts {
		o.apply(c)
	}
	for _, e := range c.before {
		c.visit(e, nil, nil, 0)
	}
	rootSlot := c.visit(root.e, nil, nil, 0)
	if len(c.errs) > 0 {
		return nil, errors.Join(c.errs...)
	}

	p := &plan{slots: c.slots, steps: c.steps, root: rootSlot, info: c.info, reqSlot: c.reqSlot}
	for _, st := range c.steps {
		if st.n.cleanup {
			p.nclean++
		}
	}
	p.pool.New = func() any { return p.newFrame() }
	return &Plan[T]{p: p}, nil
}

// CompileAny is like [Compile] for a dependency whose type is known only at
// run time, such as a route's handler: the plan yields the value as an any.
// The value is boxed once per run, which allocates nothing for pointers.
func CompileAny(root Dependency, opts ...Option) (*Plan[any], error) {
	if root == nil {
		return nil, &BuildError{Err: errors.New("nil dependency")}
	}
	return Compile(root.boxed(), opts...)
}

// MustCompile is like [Compile] but panics on error. It suits examples and
// tests whose graphs are fixed.
func MustCompile[T any](root Dep[T], opts ...Option) *Plan[T] {
	pl, err := Compile(root, opts...)
	if err != nil {
		panic(err)
	}
	return pl
}

// Steps describes the plan's steps in evaluation order, constants included.
// The result is a fresh copy.
func (pl *Plan[T]) Steps() []Step {
	out := slices.Clone(pl.p.info)
	for i := range out {
		out[i].Scopes = slices.Clone(out[i].Scopes)
		out[i].Inputs = slices.Clone(out[i].Inputs)
	}
	return out
}

// String lists the plan's steps, one per line, with their inputs and keys.
func (pl *Plan[T]) String() string {
	var b strings.Builder
	for i, s := range pl.p.info {
		fmt.Fprintf(&b, "%d: %s", i, s.Key)
		if s.Constant {
			b.WriteString(" = constant")
		}
		if len(s.Inputs) > 0 {
			fmt.Fprintf(&b, " <- %v", s.Inputs)
		}
		if !s.Cached {
			b.WriteString(" (uncached)")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// stepKey is the per-request cache key: a node and, when the node uses
// scopes, its sorted scope set.
type stepKey struct {
	n      *node
	scopes string
}

// compiler turns a graph into a plan. It walks the graph depth first,
// arguments before their function, so that appending a step as its walk
// finishes yields evaluation order. Each step's slot index equals its
// position in info, the list of all slots, constants included.
type compiler struct {
	overrides map[*node]*edge
	container *dig.Container
	before    []*edge

	slots  []slotDef
	steps  []stepDef
	info   []Step
	keys   map[stepKey]int
	consts map[stepKey]int
	uses   map[*node]int8 // 0 unknown, 1 no, 2 yes, 3 in progress
	errs   []error

	reqSlot int // slot of the request, or -1
}

// link is one entry of the chain from the root to the node being visited.
type link struct {
	n    *node
	prev *link
}

func (l *link) chain() []string {
	var out []string
	for ; l != nil; l = l.prev {
		if !l.n.hidden {
			out = append(out, l.n.describe())
		}
	}
	slices.Reverse(out)
	return out
}

func (l *link) has(n *node) bool {
	for ; l != nil; l = l.prev {
		if l.n == n {
			return true
		}
	}
	return false
}

func (c *compiler) fail(at *link, err error) {
	var be *BuildError
	if errors.As(err, &be) {
		c.errs = append(c.errs, err)
		return
	}
	c.errs = append(c.errs, &BuildError{Chain: at.chain(), Err: err})
}

// resolve applies overrides to e: the node that really runs there and the
// scopes the edge adds.
func (c *compiler) resolve(e *edge) (*node, []string) {
	ov, ok := c.overrides[e.n]
	if !ok {
		return e.n, e.scopes
	}
	return ov.n, appendScopes(slices.Clone(e.scopes), ov.scopes)
}

// visit compiles the edge e reached with the scopes acc from parent, the
// arg-th argument (1-based; 0 for a root). It returns the slot holding the
// edge's value, or -1 when the edge cannot be compiled.
func (c *compiler) visit(e *edge, acc []string, parent *link, arg int) int {
	if e == nil {
		err := errors.New("zero di.Dep: declare the dependency before using it")
		c.errs = append(c.errs, &BuildError{Chain: parent.chain(), Arg: arg, Err: err})
		return -1
	}
	n, edgeScopes := c.resolve(e)
	if parent.has(n) {
		err := fmt.Errorf("override makes %s depend on itself", n.describe())
		c.fail(parent, err)
		return -1
	}
	scopes := appendScopes(slices.Clone(acc), edgeScopes)
	here := &link{n: n, prev: parent}

	key := stepKey{n: n}
	if c.usesScopes(n) {
		key.scopes = scopeKey(scopes)
	}
	if n.constant != nil {
		return c.constant(n, key, scopes, here, arg)
	}
	if n.request {
		return c.requestSlot(n, key, scopes)
	}
	if i, ok := c.keys[key]; ok && !e.uncached {
		c.info[i].Scopes = appendScopes(c.info[i].Scopes, scopes)
		return i
	}

	in := make([]int, len(n.deps))
	ok := true
	for j, d := range n.deps {
		in[j] = c.visit(d, scopes, here, j+1)
		ok = ok && in[j] >= 0
	}
	if !ok {
		return -1
	}

	out := c.addSlot(n, key, scopes, !e.uncached, nil, in)
	c.steps = append(c.steps, stepDef{n: n, in: in, out: out, needs: c.needs(in)})
	if _, seen := c.keys[key]; !seen {
		c.keys[key] = out
	}
	return out
}

// constant compiles a node whose value is fixed at compile time.
func (c *compiler) constant(n *node, key stepKey, scopes []string, at *link, arg int) int {
	if i, ok := c.consts[key]; ok {
		return i
	}
	fill, err := n.constant(c, scopes)
	if err != nil {
		want := n.typ.String()
		c.errs = append(c.errs, &BuildError{Chain: at.prev.chain(), Arg: arg, Want: want, Err: err})
		return -1
	}
	i := c.addSlot(n, key, scopes, true, fill, nil)
	c.consts[key] = i
	return i
}

// requestSlot gives the request one slot, which Run fills directly: a step
// that only copied it would cost a call on every run.
func (c *compiler) requestSlot(n *node, key stepKey, scopes []string) int {
	if c.reqSlot >= 0 {
		c.info[c.reqSlot].Scopes = appendScopes(c.info[c.reqSlot].Scopes, scopes)
		return c.reqSlot
	}
	c.reqSlot = c.addSlot(n, key, scopes, true, nil, nil)
	return c.reqSlot
}

func (c *compiler) addSlot(n *node, key stepKey, scopes []string, cached bool, fill func(slot), in []int) int {
	i := len(c.slots)
	c.slots = append(c.slots, slotDef{newSlot: n.newSlot, fill: fill})
	k := n.name
	if key.scopes != "" || n.scopeAware {
		k += "[" + key.scopes + "]"
	}
	c.info = append(c.info, Step{
		Name: n.name, Site: n.site, Type: n.typ,
		Scopes: slices.Clone(scopes), Key: k, Cached: cached,
		Constant: fill != nil, Inputs: in, Meta: n.meta,
	})
	return i
}

// needs returns the steps among in, the slots a step reads, whose failure
// must skip it; constants never fail.
func (c *compiler) needs(in []int) []int {
	var out []int
	for _, i := range in {
		if c.slots[i].fill == nil {
			out = append(out, i)
		}
	}
	return out
}

// usesScopes reports whether n or anything below it, after overrides,
// receives [SecurityScopes]. Only such nodes have scopes in their cache
// key, so a scope-free dependency is shared across scope sets.
func (c *compiler) usesScopes(n *node) bool {
	switch c.uses[n] {
	case 1, 3: // no, or on the current path (a cycle, reported by visit)
		return false
	case 2:
		return true
	}
	c.uses[n] = 3
	yes := n.scopeAware
	for _, d := range n.deps {
		if d == nil {
			continue
		}
		child, _ := c.resolve(d)
		if c.usesScopes(child) {
			yes = true
		}
	}
	c.uses[n] = 1
	if yes {
		c.uses[n] = 2
	}
	return yes
}
