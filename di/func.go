package di

// Cleanup is returned by a dependency built with [Yield0] to [Yield6]. It
// runs after the run's value has been used, in reverse order of setup, and
// receives the outcome: nil on success, the error that ended the run, or a
// [*PanicError] when something panicked. A transaction dependency uses it to
// commit or roll back.
type Cleanup func(outcome error)

// Func0 returns a dependency that calls fn, which takes no arguments, and
// yields its result. An error from fn ends the run.
func Func0[T any](fn func() (T, error)) Dep[T] {
	n := newNode[T](funcName(fn), 1)
	n.bind = func(_ *frame, _ []slot, out slot) func() error {
		o := out.(*box[T])
		return func() error {
			v, err := fn()
			if err != nil {
				return err
			}
			o.v = v
			return nil
		}
	}
	return depOf[T](n)
}

// Yield0 is like [Func0] for a function that also returns a [Cleanup],
// FastAPI's dependency with yield. The cleanup is registered even when fn
// returns an error with it, so a half-acquired resource can be released.
func Yield0[T any](fn func() (T, Cleanup, error)) Dep[T] {
	n := newNode[T](funcName(fn), 1)
	n.cleanup = true
	n.bind = func(fr *frame, _ []slot, out slot) func() error {
		o := out.(*box[T])
		return func() error {
			v, c, err := fn()
			if c != nil {
				fr.cleanups = append(fr.cleanups, c)
			}
			if err != nil {
				return err
			}
			o.v = v
			return nil
		}
	}
	return depOf[T](n)
}

// Func1 returns a dependency that calls fn with the values of one dependency
// and yields its result. An error from fn ends the run.
func Func1[A, T any](fn func(A) (T, error), a Dep[A]) Dep[T] {
	n := newNode[T](funcName(fn), 1, a.e)
	n.bind = func(_ *frame, in []slot, out slot) func() error {
		a := in[0].(*box[A])
		o := out.(*box[T])
		return func() error {
			v, err := fn(a.v)
			if err != nil {
				return err
			}
			o.v = v
			return nil
		}
	}
	return depOf[T](n)
}

// Yield1 is like [Func1] for a function that also returns a [Cleanup],
// FastAPI's dependency with yield. The cleanup is registered even when fn
// returns an error with it, so a half-acquired resource can be released.
func Yield1[A, T any](fn func(A) (T, Cleanup, error), a Dep[A]) Dep[T] {
	n := newNode[T](funcName(fn), 1, a.e)
	n.cleanup = true
	n.bind = func(fr *frame, in []slot, out slot) func() error {
		a := in[0].(*box[A])
		o := out.(*box[T])
		return func() error {
			v, c, err := fn(a.v)
			if c != nil {
				fr.cleanups = append(fr.cleanups, c)
			}
			if err != nil {
				return err
			}
			o.v = v
			return nil
		}
	}
	return depOf[T](n)
}

// Func2 returns a dependency that calls fn with the values of 2 dependencies, in order,
// and yields its result. An error from fn ends the run.
func Func2[A, B, T any](fn func(A, B) (T, error), a Dep[A], b Dep[B]) Dep[T] {
	n := newNode[T](funcName(fn), 1, a.e, b.e)
	n.bind = func(_ *frame, in []slot, out slot) func() error {
		a := in[0].(*box[A])
		b := in[1].(*box[B])
		o := out.(*box[T])
		return func() error {
			v, err := fn(a.v, b.v)
			if err != nil {
				return err
			}
			o.v = v
			return nil
		}
	}
	return depOf[T](n)
}

// Yield2 is like [Func2] for a function that also returns a [Cleanup],
// FastAPI's dependency with yield. The cleanup is registered even when fn
// returns an error with it, so a half-acquired resource can be released.
func Yield2[A, B, T any](fn func(A, B) (T, Cleanup, error), a Dep[A], b Dep[B]) Dep[T] {
	n := newNode[T](funcName(fn), 1, a.e, b.e)
	n.cleanup = true
	n.bind = func(fr *frame, in []slot, out slot) func() error {
		a := in[0].(*box[A])
		b := in[1].(*box[B])
		o := out.(*box[T])
		return func() error {
			v, c, err := fn(a.v, b.v)
			if c != nil {
				fr.cleanups = append(fr.cleanups, c)
			}
			if err != nil {
				return err
			}
			o.v = v
			return nil
		}
	}
	return depOf[T](n)
}

// Func3 returns a dependency that calls fn with the values of 3 dependencies, in order,
// and yields its result. An error from fn ends the run.
func Func3[A, B, C, T any](fn func(A, B, C) (T, error), a Dep[A], b Dep[B], c Dep[C]) Dep[T] {
	n := newNode[T](funcName(fn), 1, a.e, b.e, c.e)
	n.bind = func(_ *frame, in []slot, out slot) func() error {
		a := in[0].(*box[A])
		b := in[1].(*box[B])
		c := in[2].(*box[C])
		o := out.(*box[T])
		return func() error {
			v, err := fn(a.v, b.v, c.v)
			if err != nil {
				return err
			}
			o.v = v
			return nil
		}
	}
	return depOf[T](n)
}

// Yield3 is like [Func3] for a function that also returns a [Cleanup],
// FastAPI's dependency with yield. The cleanup is registered even when fn
// returns an error with it, so a half-acquired resource can be released.
func Yield3[A, B, C, T any](fn func(A, B, C) (T, Cleanup, error), a Dep[A], b Dep[B], c Dep[C]) Dep[T] {
	n := newNode[T](funcName(fn), 1, a.e, b.e, c.e)
	n.cleanup = true
	n.bind = func(fr *frame, in []slot, out slot) func() error {
		a := in[0].(*box[A])
		b := in[1].(*box[B])
		c := in[2].(*box[C])
		o := out.(*box[T])
		return func() error {
			v, c, err := fn(a.v, b.v, c.v)
			if c != nil {
				fr.cleanups = append(fr.cleanups, c)
			}
			if err != nil {
				return err
			}
			o.v = v
			return nil
		}
	}
	return depOf[T](n)
}

// Func4 returns a dependency that calls fn with the values of 4 dependencies, in order,
// and yields its result. An error from fn ends the run.
func Func4[A, B, C, D, T any](fn func(A, B, C, D) (T, error), a Dep[A], b Dep[B], c Dep[C], d Dep[D]) Dep[T] {
	n := newNode[T](funcName(fn), 1, a.e, b.e, c.e, d.e)
	n.bind = func(_ *frame, in []slot, out slot) func() error {
		a := in[0].(*box[A])
		b := in[1].(*box[B])
		c := in[2].(*box[C])
		d := in[3].(*box[D])
		o := out.(*box[T])
		return func() error {
			v, err := fn(a.v, b.v, c.v, d.v)
			if err != nil {
				return err
			}
			o.v = v
			return nil
		}
	}
	return depOf[T](n)
}

// Yield4 is like [Func4] for a function that also returns a [Cleanup],
// FastAPI's dependency with yield. The cleanup is registered even when fn
// returns an error with it, so a half-acquired resource can be released.
func Yield4[A, B, C, D, T any](fn func(A, B, C, D) (T, Cleanup, error), a Dep[A], b Dep[B], c Dep[C], d Dep[D]) Dep[T] {
	n := newNode[T](funcName(fn), 1, a.e, b.e, c.e, d.e)
	n.cleanup = true
	n.bind = func(fr *frame, in []slot, out slot) func() error {
		a := in[0].(*box[A])
		b := in[1].(*box[B])
		c := in[2].(*box[C])
		d := in[3].(*box[D])
		o := out.(*box[T])
		return func() error {
			v, c, err := fn(a.v, b.v, c.v, d.v)
			if c != nil {
				fr.cleanups = append(fr.cleanups, c)
			}
			if err != nil {
				return err
			}
			o.v = v
			return nil
		}
	}
	return depOf[T](n)
}

// Func5 returns a dependency that calls fn with the values of 5 dependencies, in order,
// and yields its result. An error from fn ends the run.
func Func5[A, B, C, D, E, T any](fn func(A, B, C, D, E) (T, error), a Dep[A], b Dep[B], c Dep[C], d Dep[D], e Dep[E]) Dep[T] {
	n := newNode[T](funcName(fn), 1, a.e, b.e, c.e, d.e, e.e)
	n.bind = func(_ *frame, in []slot, out slot) func() error {
		a := in[0].(*box[A])
		b := in[1].(*box[B])
		c := in[2].(*box[C])
		d := in[3].(*box[D])
		e := in[4].(*box[E])
		o := out.(*box[T])
		return func() error {
			v, err := fn(a.v, b.v, c.v, d.v, e.v)
			if err != nil {
				return err
			}
			o.v = v
			return nil
		}
	}
	return depOf[T](n)
}

// Yield5 is like [Func5] for a function that also returns a [Cleanup],
// FastAPI's dependency with yield. The cleanup is registered even when fn
// returns an error with it, so a half-acquired resource can be released.
func Yield5[A, B, C, D, E, T any](fn func(A, B, C, D, E) (T, Cleanup, error), a Dep[A], b Dep[B], c Dep[C], d Dep[D], e Dep[E]) Dep[T] {
	n := newNode[T](funcName(fn), 1, a.e, b.e, c.e, d.e, e.e)
	n.cleanup = true
	n.bind = func(fr *frame, in []slot, out slot) func() error {
		a := in[0].(*box[A])
		b := in[1].(*box[B])
		c := in[2].(*box[C])
		d := in[3].(*box[D])
		e := in[4].(*box[E])
		o := out.(*box[T])
		return func() error {
			v, c, err := fn(a.v, b.v, c.v, d.v, e.v)
			if c != nil {
				fr.cleanups = append(fr.cleanups, c)
			}
			if err != nil {
				return err
			}
			o.v = v
			return nil
		}
	}
	return depOf[T](n)
}

// Func6 returns a dependency that calls fn with the values of 6 dependencies, in order,
// and yields its result. An error from fn ends the run.
func Func6[A, B, C, D, E, F, T any](fn func(A, B, C, D, E, F) (T, error), a Dep[A], b Dep[B], c Dep[C], d Dep[D], e Dep[E], f Dep[F]) Dep[T] {
	n := newNode[T](funcName(fn), 1, a.e, b.e, c.e, d.e, e.e, f.e)
	n.bind = func(_ *frame, in []slot, out slot) func() error {
		a := in[0].(*box[A])
		b := in[1].(*box[B])
		c := in[2].(*box[C])
		d := in[3].(*box[D])
		e := in[4].(*box[E])
		f := in[5].(*box[F])
		o := out.(*box[T])
		return func() error {
			v, err := fn(a.v, b.v, c.v, d.v, e.v, f.v)
			if err != nil {
				return err
			}
			o.v = v
			return nil
		}
	}
	return depOf[T](n)
}

// Yield6 is like [Func6] for a function that also returns a [Cleanup],
// FastAPI's dependency with yield. The cleanup is registered even when fn
// returns an error with it, so a half-acquired resource can be released.
func Yield6[A, B, C, D, E, F, T any](fn func(A, B, C, D, E, F) (T, Cleanup, error), a Dep[A], b Dep[B], c Dep[C], d Dep[D], e Dep[E], f Dep[F]) Dep[T] {
	n := newNode[T](funcName(fn), 1, a.e, b.e, c.e, d.e, e.e, f.e)
	n.cleanup = true
	n.bind = func(fr *frame, in []slot, out slot) func() error {
		a := in[0].(*box[A])
		b := in[1].(*box[B])
		c := in[2].(*box[C])
		d := in[3].(*box[D])
		e := in[4].(*box[E])
		f := in[5].(*box[F])
		o := out.(*box[T])
		return func() error {
			v, c, err := fn(a.v, b.v, c.v, d.v, e.v, f.v)
			if c != nil {
				fr.cleanups = append(fr.cleanups, c)
			}
			if err != nil {
				return err
			}
			o.v = v
			return nil
		}
	}
	return depOf[T](n)
}
