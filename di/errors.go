package di

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// BuildError reports a graph that cannot be compiled. Chain lists the
// dependencies from the root down to the one at fault, each with the site
// where it was declared; Arg is the 1-based argument of the last one that
// could not be satisfied (0 when the fault is not an argument), Want the Go
// type it needs. Err is the cause, such as dig's explanation of a missing
// provider. Match it with [errors.As].
type BuildError struct {
	Chain []string
	Arg   int
	Want  string
	Err   error
}

func (e *BuildError) Error() string {
	var b strings.Builder
	b.WriteString("di: ")
	if len(e.Chain) > 0 {
		b.WriteString(strings.Join(e.Chain, " <- "))
		b.WriteString(": ")
	}
	if e.Arg > 0 {
		fmt.Fprintf(&b, "argument %d", e.Arg)
		if e.Want != "" {
			fmt.Fprintf(&b, " (%s)", e.Want)
		}
		b.WriteString(": ")
	}
	b.WriteString(strings.TrimPrefix(fmt.Sprint(e.Err), "di: "))
	return b.String()
}

func (e *BuildError) Unwrap() error { return e.Err }

// PanicError is the outcome a [Cleanup] receives when a dependency or the
// code using the run's value panicked. After the cleanups have run, the
// panic goes on with its original value.
type PanicError struct {
	Value any    // the value passed to panic
	Stack []byte // the panicking goroutine's stack
}

func newPanicError(v any) *PanicError {
	return &PanicError{Value: v, Stack: debug.Stack()}
}

func (e *PanicError) Error() string { return fmt.Sprintf("di: panic: %v", e.Value) }

// Unwrap returns the panic value when it is an error.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// Accumulator is implemented by errors that should not end a run at once,
// such as the validation errors of request parameters. When a dependency
// returns one, the run goes on with every dependency that does not need the
// failed one, and the errors are merged with Accumulate, so that a client
// learns every problem of its request at once. An error that does not
// implement Accumulator still ends the run at once and wins over any
// accumulated errors.
type Accumulator interface {
	error
	// Accumulate returns an error reporting both the receiver's problems
	// and those of next, which is also an Accumulator.
	Accumulate(next error) error
}
