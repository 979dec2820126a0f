package di

import (
	"net/http"
)

// frame is the per-run state of a plan: typed storage for every slot, the
// plan's steps bound to that storage, and the cleanups registered so far.
// Frames are pooled per plan, so a run allocates nothing of its own.
type frame struct {
	p        *plan
	slots    []slot
	steps    []func() error
	cleanups []Cleanup
	failed   []bool // by slot; made on the first accumulated error
	req      *http.Request
	reqBox   *box[*http.Request] // the request's slot, if the plan uses it
	args     []any
}

// newFrame builds a frame: one slot per value, constants filled, and each
// step's function bound to the slots it reads and writes.
func (p *plan) newFrame() *frame {
	fr := &frame{
		p:        p,
		slots:    make([]slot, len(p.slots)),
		steps:    make([]func() error, len(p.steps)),
		cleanups: make([]Cleanup, 0, p.nclean),
	}
	for i, sd := range p.slots {
		fr.slots[i] = sd.newSlot()
		if sd.fill != nil {
			sd.fill(fr.slots[i])
		}
	}
	if p.reqSlot >= 0 {
		fr.reqBox = fr.slots[p.reqSlot].(*box[*http.Request])
	}
	for i, st := range p.steps {
		in := make([]slot, len(st.in))
		for j, k := range st.in {
			in[j] = fr.slots[k]
		}
		fr.steps[i] = st.n.bind(fr, in, fr.slots[st.out])
	}
	return fr
}

// Run evaluates the plan for the request r, passes the root's value to use
// (when use is not nil and nothing failed), then runs the cleanups. It
// returns the first error of the dependencies, or the accumulated
// [Accumulator] errors, or use's error. args are the values that [Arg]
// dependencies read.
//
// If a dependency or use panics, the cleanups run with a [*PanicError]
// outcome and the panic then goes on with its original value.
func (pl *Plan[T]) Run(r *http.Request, use func(T) error, args ...any) error {
	p := pl.p
	fr := p.pool.Get().(*frame)
	// Copying args into the frame's own slice keeps the caller's variadic
	// slice on its stack.
	fr.req = r
	if len(args) > 0 {
		fr.args = append(fr.args[:0], args...)
	}
	if fr.reqBox != nil {
		fr.reqBox.v = r
	}
	if p.nclean > 0 {
		return runGuarded(pl, fr, use)
	}

	// With no cleanup to run, a panic needs no handling here: it goes on,
	// and the frame it abandons is garbage, not corrupt pool state.
	err := fr.eval()
	if err == nil && use != nil {
		err = use(fr.slots[p.root].(*box[T]).v)
	}
	fr.release(err)
	return err
}

// runGuarded is Run for plans with cleanups, which must run on panic too.
func runGuarded[T any](pl *Plan[T], fr *frame, use func(T) error) (err error) {
	finished := false
	defer func() {
		if finished {
			return
		}
		// Only a panic or runtime.Goexit gets here.
		v := recover()
		var outcome error = errGoexit
		if v != nil {
			outcome = newPanicError(v)
		}
		fr.release(outcome)
		if v != nil {
			panic(v)
		}
	}()

	err = fr.eval()
	if err == nil && use != nil {
		err = use(fr.slots[pl.p.root].(*box[T]).v)
	}
	finished = true
	fr.release(err)
	return err
}

// Eval runs the plan for r and returns the root's value, its cleanups
// having run already. It suits roots whose value outlives its cleanups.
func (pl *Plan[T]) Eval(r *http.Request, args ...any) (T, error) {
	var v T
	err := pl.Run(r, func(got T) error { v = got; return nil }, args...)
	return v, err
}

// eval runs the steps in order until one fails.
func (fr *frame) eval() error {
	for i, step := range fr.steps {
		if err := step(); err != nil {
			if _, ok := err.(Accumulator); !ok {
				return err
			}
			return fr.evalGathering(i, err)
		}
	}
	return nil
}

// evalGathering goes on after step i failed with an [Accumulator] error,
// skipping every step that needs a failed one. A plain error still ends the
// run at once, as an HTTP error raised by a dependency does in FastAPI.
func (fr *frame) evalGathering(i int, acc error) error {
	p := fr.p
	if fr.failed == nil {
		fr.failed = make([]bool, len(p.slots))
	}
	fr.failed[p.steps[i].out] = true

	for j := i + 1; j < len(fr.steps); j++ {
		st := &p.steps[j]
		if fr.anyFailed(st.needs) {
			fr.failed[st.out] = true
			continue
		}
		err := fr.steps[j]()
		if err == nil {
			continue
		}
		if _, ok := err.(Accumulator); !ok {
			return err
		}
		fr.failed[st.out] = true
		acc = acc.(Accumulator).Accumulate(err)
	}
	return acc
}

func (fr *frame) anyFailed(slots []int) bool {
	for _, s := range slots {
		if fr.failed[s] {
			return true
		}
	}
	return false
}

// release runs the cleanups in reverse order with outcome and returns the
// frame to its pool.
//
// The values the steps stored stay in the frame until its next run
// overwrites them, or until the pool drops the frame at a garbage
// collection: clearing every slot would cost a third of a short chain's
// run. No run can read them, since a step reads only slots that earlier
// steps of the same run wrote, and the root is read only when every step
// succeeded.
func (fr *frame) release(outcome error) {
	if len(fr.cleanups) > 0 {
		fr.runCleanups(outcome)
	}
	if fr.failed != nil {
		clear(fr.failed)
	}
	if len(fr.args) > 0 {
		clear(fr.args)
		fr.args = fr.args[:0]
	}
	fr.req = nil
	fr.p.pool.Put(fr)
}

// runCleanups runs every cleanup even if one panics; the first panic goes on
// once all have run.
func (fr *frame) runCleanups(outcome error) {
	var first any
	for i := len(fr.cleanups) - 1; i >= 0; i-- {
		c := fr.cleanups[i]
		fr.cleanups[i] = nil
		if v := callCleanup(c, outcome); v != nil && first == nil {
			first = v
		}
	}
	fr.cleanups = fr.cleanups[:0]
	if first != nil {
		panic(first)
	}
}

func callCleanup(c Cleanup, outcome error) (panicked any) {
	defer func() { panicked = recover() }()
	c(outcome)
	return nil
}

type goexitError struct{}

func (goexitError) Error() string { return "di: goroutine exited during the run" }

// errGoexit is the outcome cleanups see when runtime.Goexit, as called by
// testing.T.FailNow, stops a run.
var errGoexit error = goexitError{}
