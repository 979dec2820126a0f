package di

import (
	"errors"
	"fmt"
	"reflect"
)

// Singleton returns a dependency on the application-scoped value of type T
// that the go.uber.org/dig container given to [Compile] with [Container]
// provides: settings, a database handle, key material. The value is
// resolved once, when the plan is compiled, and every run reads it; dig
// itself builds it at most once per container. Compiling without a
// container, or with one that cannot provide T, fails with dig's
// explanation and the chain of dependencies that needed the value.
func Singleton[T any]() Dep[T] {
	typ := reflect.TypeFor[T]()
	n := newNode[T](fmt.Sprintf("singleton %v", typ), 1)
	n.constant = func(c *compiler, _ []string) (func(slot), error) {
		v, err := c.resolveSingleton(typ)
		if err != nil {
			return nil, err
		}
		t := v.(T)
		return func(s slot) { s.(*box[T]).v = t }, nil
	}
	return depOf[T](n)
}

// resolveSingleton asks the container for a value of type typ. Invoke is
// given a function built with reflect, whose one parameter is typ, so dig
// sees exactly the type the dependency declared.
func (c *compiler) resolveSingleton(typ reflect.Type) (any, error) {
	if c.container == nil {
		return nil, fmt.Errorf("no dig container was given to di.Compile to provide %v (use di.Container)", typ)
	}
	var got any
	fnType := reflect.FuncOf([]reflect.Type{typ}, nil, false)
	fn := reflect.MakeFunc(fnType, func(args []reflect.Value) []reflect.Value {
		got = args[0].Interface()
		return nil
	})
	if err := c.container.Invoke(fn.Interface()); err != nil {
		return nil, fmt.Errorf("the container cannot provide it: %w", rootCause(err))
	}
	return got, nil
}

// rootCause strips dig's description of the function built by
// resolveSingleton, which would only name reflect's internals, and keeps
// dig's explanation of what is missing.
func rootCause(err error) error {
	if inner := errors.Unwrap(err); inner != nil {
		return inner
	}
	return err
}
