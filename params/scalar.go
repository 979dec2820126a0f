package params

import (
	"encoding"
	"fmt"
	"math"
	"mime/multipart"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/rampart-go/rampart/openapi"
)

// kind is how a parameter's text is turned into a Go value. It is chosen
// once, when the parameter is built, from the parameter's type.
type kind uint8

const (
	kindString kind = iota + 1
	kindBool
	kindInt
	kindUint
	kindFloat
	kindTime     // time.Time, RFC 3339 as pydantic reads a datetime
	kindDuration // time.Duration, Go's duration syntax
	kindText     // a type that implements encoding.TextUnmarshaler
	kindFile     // *multipart.FileHeader, in forms only
)

// shape is whether a parameter holds one value, a pointer to one, or a
// list of them.
type shape uint8

const (
	shapeValue shape = iota
	shapePointer
	shapeSlice
)

// scalar describes the values of one parameter, or of the elements of a
// list parameter: how to parse them and which constraints they must meet.
// Every field is set when the parameter is built; decoding reads them only.
type scalar struct {
	kind kind
	size uintptr      // of an integer or float, in bytes
	typ  reflect.Type // the element type, for text types and allocation
	chk  checks
}

// valueType is the full type of a parameter: a scalar, possibly behind a
// pointer or in a slice.
type valueType struct {
	shape shape
	sc    scalar
	typ   reflect.Type // the parameter's own type
}

var (
	timeType        = reflect.TypeFor[time.Time]()
	durationType    = reflect.TypeFor[time.Duration]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
	fileHeaderType  = reflect.TypeFor[*multipart.FileHeader]()
)

// newValueType classifies t, which must be a scalar, a pointer to one or
// a slice of them; files are accepted when files is set.
func newValueType(t reflect.Type, files bool) (valueType, error) {
	vt := valueType{typ: t}
	elem := t
	switch {
	case files && t == fileHeaderType:
		vt.sc = scalar{kind: kindFile, typ: t}
		return vt, nil
	case files && t.Kind() == reflect.Slice && t.Elem() == fileHeaderType:
		vt.shape, vt.sc = shapeSlice, scalar{kind: kindFile, typ: t.Elem()}
		return vt, nil
	case t.Kind() == reflect.Pointer:
		vt.shape, elem = shapePointer, t.Elem()
	case t.Kind() == reflect.Slice && !isText(t):
		vt.shape, elem = shapeSlice, t.Elem()
	}
	k, err := scalarKind(elem)
	if err != nil {
		return vt, err
	}
	vt.sc = scalar{kind: k, size: elem.Size(), typ: elem}
	return vt, nil
}

func isText(t reflect.Type) bool {
	return reflect.PointerTo(t).Implements(textUnmarshaler)
}

// scalarKind returns the kind of the element type t.
func scalarKind(t reflect.Type) (kind, error) {
	switch {
	case t == timeType:
		return kindTime, nil
	case t == durationType:
		return kindDuration, nil
	case isText(t):
		return kindText, nil
	}
	switch t.Kind() {
	case reflect.String:
		return kindString, nil
	case reflect.Bool:
		return kindBool, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return kindInt, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return kindUint, nil
	case reflect.Float32, reflect.Float64:
		return kindFloat, nil
	}
	return 0, fmt.Errorf("type %v cannot be read from text: use a string, bool, number, time.Time, time.Duration, a type with UnmarshalText, or a pointer to or slice of one", t)
}

// decodeAny parses s into the value p points to, a value of sc's type.
// Text types go through reflect: the one place where a parameter's type
// is looked at per request, since only reflect can make a method call on
// a value whose type is known only at run time. Top-level parameters of a
// text type avoid it (see decodeTop).
func decodeAny(sc *scalar, s string, p unsafe.Pointer) *FieldError {
	if sc.kind == kindText {
		u := reflect.NewAt(sc.typ, p).Interface().(encoding.TextUnmarshaler)
		return decodeText(sc, s, u)
	}
	return decodeValue(sc, s, p)
}

// decodeText parses s with UnmarshalText and checks s against the string
// constraints.
func decodeText(sc *scalar, s string, u encoding.TextUnmarshaler) *FieldError {
	if err := u.UnmarshalText([]byte(s)); err != nil {
		return valueError(s, err)
	}
	return sc.chk.str(s)
}

// decodeValue parses s into the value p points to, checks the constraints
// and stores it. p does not escape, so a caller's local variable stays on
// the stack: decoding a Path[int] allocates nothing.
func decodeValue(sc *scalar, s string, p unsafe.Pointer) *FieldError {
	c := &sc.chk
	switch sc.kind {
	case kindString:
		if fe := c.str(s); fe != nil {
			return fe
		}
		*(*string)(p) = s

	case kindBool:
		b, ok := parseBool(s)
		if !ok {
			return newError("bool_parsing", "Input should be a valid boolean, unable to interpret input", s, nil)
		}
		if c.enum != nil {
			if fe := c.enumCheck(enumKey{b: b, isBool: true}, nil); fe != nil {
				return withInput(fe, s)
			}
		}
		*(*bool)(p) = b

	case kindInt:
		n, fe := parseInt(s, sc.size)
		if fe != nil {
			return fe
		}
		if fe := c.number(float64(n), c.intMultiple > 1 && n%c.intMultiple != 0); fe != nil {
			return withInput(fe, s)
		}
		storeInt(p, sc.size, n)

	case kindUint:
		n, fe := parseUint(s, sc.size)
		if fe != nil {
			return fe
		}
		if fe := c.number(float64(n), c.intMultiple > 1 && n%uint64(c.intMultiple) != 0); fe != nil {
			return withInput(fe, s)
		}
		storeUint(p, sc.size, n)

	case kindFloat:
		f, ok := parseFloat(s)
		if !ok {
			return newError("float_parsing", "Input should be a valid number, unable to parse string as a number", s, nil)
		}
		if fe := c.number(f, !isMultiple(f, c.multipleOf)); fe != nil {
			return withInput(fe, s)
		}
		if sc.size == 4 {
			*(*float32)(p) = float32(f)
		} else {
			*(*float64)(p) = f
		}

	case kindTime:
		t, fe := parseDateTime(s)
		if fe != nil {
			return fe
		}
		*(*time.Time)(p) = t

	case kindDuration:
		d, err := time.ParseDuration(strings.TrimSpace(s))
		if err != nil {
			const msg = "invalid duration, expected Go's syntax such as 1h30m"
			return newError("time_delta_parsing", "Input should be a valid timedelta, "+msg, s, map[string]any{"error": msg})
		}
		if fe := c.number(float64(d), false); fe != nil {
			return withInput(fe, s)
		}
		*(*time.Duration)(p) = d
	}
	return nil
}

// storeInt writes n into the signed integer of the given size at p.
func storeInt(p unsafe.Pointer, size uintptr, n int64) {
	switch size {
	case 1:
		*(*int8)(p) = int8(n)
	case 2:
		*(*int16)(p) = int16(n)
	case 4:
		*(*int32)(p) = int32(n)
	default:
		*(*int64)(p) = n
	}
}

// storeUint writes n into the unsigned integer of the given size at p.
func storeUint(p unsafe.Pointer, size uintptr, n uint64) {
	switch size {
	case 1:
		*(*uint8)(p) = uint8(n)
	case 2:
		*(*uint16)(p) = uint16(n)
	case 4:
		*(*uint32)(p) = uint32(n)
	default:
		*(*uint64)(p) = n
	}
}

// allocScalar allocates one value of sc's type and returns a pointer to
// it. The memory is allocated as a Go type of the same layout, which is
// all the garbage collector looks at: a *Role built from a *string is a
// valid *Role.
func allocScalar(sc *scalar) unsafe.Pointer {
	switch sc.kind {
	case kindString:
		return unsafe.Pointer(new(string))
	case kindBool:
		return unsafe.Pointer(new(bool))
	case kindInt, kindUint, kindFloat, kindDuration:
		switch sc.size {
		case 1:
			return unsafe.Pointer(new(uint8))
		case 2:
			return unsafe.Pointer(new(uint16))
		case 4:
			return unsafe.Pointer(new(uint32))
		}
		return unsafe.Pointer(new(uint64))
	case kindTime:
		return unsafe.Pointer(new(time.Time))
	}
	return reflect.New(sc.typ).UnsafePointer()
}

// allocSlice allocates the backing array of n elements of sc's type and
// returns a pointer to its first element, laid out as allocScalar does.
func allocSlice(sc *scalar, n int) unsafe.Pointer {
	switch sc.kind {
	case kindString:
		return unsafe.Pointer(unsafe.SliceData(make([]string, n)))
	case kindBool:
		return unsafe.Pointer(unsafe.SliceData(make([]bool, n)))
	case kindInt, kindUint, kindFloat, kindDuration:
		switch sc.size {
		case 1:
			return unsafe.Pointer(unsafe.SliceData(make([]uint8, n)))
		case 2:
			return unsafe.Pointer(unsafe.SliceData(make([]uint16, n)))
		case 4:
			return unsafe.Pointer(unsafe.SliceData(make([]uint32, n)))
		}
		return unsafe.Pointer(unsafe.SliceData(make([]uint64, n)))
	case kindTime:
		return unsafe.Pointer(unsafe.SliceData(make([]time.Time, n)))
	case kindFile:
		return unsafe.Pointer(unsafe.SliceData(make([]*multipart.FileHeader, n)))
	}
	return reflect.MakeSlice(reflect.SliceOf(sc.typ), n, n).UnsafePointer()
}

// sliceHeader is the layout of every Go slice.
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

// setSlice makes the slice at p hold n elements starting at data.
func setSlice(p, data unsafe.Pointer, n int) {
	*(*sliceHeader)(p) = sliceHeader{data: data, len: n, cap: n}
}

// parseBool accepts what pydantic accepts in a string, ignoring case.
func parseBool(s string) (value, ok bool) {
	if len(s) > 5 {
		return false, false
	}
	switch strings.ToLower(s) {
	case "1", "on", "t", "true", "y", "yes":
		return true, true
	case "0", "off", "f", "false", "n", "no":
		return false, true
	}
	return false, false
}

// parseInt reads a signed integer the way pydantic reads one from a
// string: surrounding space ignored, underscores allowed between digits
// as in Python, and a fraction of zeros accepted ("21.0"). A value out of
// the range of the Go type is reported as the bound it crosses.
func parseInt(s string, size uintptr) (int64, *FieldError) {
	t, ok := intText(s)
	if !ok {
		return 0, intParsing(s)
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil && !isRange(err) {
		return 0, intParsing(s)
	}
	bits := size * 8
	lo, hi := int64(-1)<<(bits-1), int64(1)<<(bits-1)-1
	if bits == 64 {
		lo, hi = math.MinInt64, math.MaxInt64
	}
	switch {
	case err != nil && t[0] == '-', n < lo:
		return 0, boundError("greater_than_equal", "ge", "greater than or equal to", lo, s)
	case err != nil, n > hi:
		return 0, boundError("less_than_equal", "le", "less than or equal to", hi, s)
	}
	return n, nil
}

// parseUint is parseInt for unsigned integers.
func parseUint(s string, size uintptr) (uint64, *FieldError) {
	t, ok := intText(s)
	if !ok {
		return 0, intParsing(s)
	}
	if t[0] == '-' {
		if _, err := strconv.ParseInt(t, 10, 64); err != nil && !isRange(err) {
			return 0, intParsing(s)
		}
		if strings.Trim(t, "-0") == "" {
			return 0, nil // -0
		}
		return 0, boundError("greater_than_equal", "ge", "greater than or equal to", 0, s)
	}
	n, err := strconv.ParseUint(strings.TrimPrefix(t, "+"), 10, 64)
	if err != nil && !isRange(err) {
		return 0, intParsing(s)
	}
	hi := uint64(math.MaxUint64) >> (64 - size*8)
	if err != nil || n > hi {
		return 0, boundError("less_than_equal", "le", "less than or equal to", hi, s)
	}
	return n, nil
}

func isRange(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

func intParsing(s string) *FieldError {
	return newError("int_parsing", "Input should be a valid integer, unable to parse string as an integer", s, nil)
}

// intText reduces s to the text strconv parses: space trimmed, Python's
// digit separators removed and a zero fraction dropped. It allocates only
// when s has underscores.
func intText(s string) (string, bool) {
	t := strings.TrimSpace(s)
	if i := strings.IndexByte(t, '.'); i >= 0 {
		if strings.Trim(t[i+1:], "0") != "" {
			return "", false
		}
		t = t[:i]
	}
	t, ok := stripUnderscores(t)
	if !ok || t == "" || t == "+" || t == "-" {
		return "", false
	}
	return t, true
}

// stripUnderscores removes underscores that sit between two digits, as
// Python's int() allows; any other underscore makes the text invalid.
func stripUnderscores(t string) (string, bool) {
	if strings.IndexByte(t, '_') < 0 {
		return t, true
	}
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c != '_' {
			b.WriteByte(c)
			continue
		}
		if i == 0 || i == len(t)-1 || !isDigit(t[i-1]) || !isDigit(t[i+1]) {
			return "", false
		}
	}
	return b.String(), true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// parseFloat reads a number as pydantic does: decimal or exponent
// notation, inf, infinity and nan, with Python's digit separators;
// hexadecimal floats, which Go alone accepts, are refused.
func parseFloat(s string) (float64, bool) {
	t := strings.TrimSpace(s)
	u := strings.TrimLeft(t, "+-")
	if len(u) > 1 && u[0] == '0' && (u[1] == 'x' || u[1] == 'X') {
		return 0, false
	}
	t, ok := stripUnderscores(t)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil && !isRange(err) {
		return 0, false
	}
	return f, true
}

// valueError reports a value that a type's own parser refused.
func valueError(s string, err error) *FieldError {
	msg := err.Error()
	return newError("value_error", "Value error, "+msg, s, map[string]any{"error": msg})
}

// checks holds the constraints of one scalar in the form decoding uses.
type checks struct {
	gt, ge, lt, le *float64
	multipleOf     *float64
	intMultiple    int64 // multipleOf for integers; 1 when unset
	minLen, maxLen *int
	pattern        *regexp.Regexp
	enum           []enumKey
	expected       string // the enum's values as pydantic lists them
}

// listChecks holds the constraints of a list parameter as a whole.
type listChecks struct {
	minLen, maxLen *int
}

// enumKey is an enum value in comparable form.
type enumKey struct {
	s      string
	f      float64
	b      bool
	isBool bool
}

// newChecks gathers the constraints of c that apply to one value of sc.
func newChecks(c *openapi.Constraints, sc *scalar) (checks, error) {
	ch := checks{gt: c.Gt, ge: c.Ge, lt: c.Lt, le: c.Le, intMultiple: 1,
		multipleOf: c.MultipleOf, minLen: c.MinLength, maxLen: c.MaxLength}
	ch.pattern = c.Pattern
	if m := c.MultipleOf; m != nil && (sc.kind == kindInt || sc.kind == kindUint) {
		if *m != math.Trunc(*m) {
			return ch, fmt.Errorf("multiple_of=%v cannot divide an integer", *m)
		}
		ch.intMultiple = int64(*m)
	}
	values := c.EnumValues
	if sc.typ != nil && sc.typ.Implements(enumerType) && values == nil {
		values = reflect.New(sc.typ).Elem().Interface().(openapi.Enumer).Enum()
	}
	if values != nil {
		ch.enum, ch.expected = enumKeys(values)
	}
	return ch, nil
}

var enumerType = reflect.TypeFor[openapi.Enumer]()

// enumKeys converts enum values to comparable keys and lists them as
// pydantic does in a message: 'a', 'b' or 'c'.
func enumKeys(values []any) ([]enumKey, string) {
	keys := make([]enumKey, 0, len(values))
	names := make([]string, 0, len(values))
	for _, v := range values {
		rv := reflect.ValueOf(v)
		for rv.Kind() == reflect.Pointer && !rv.IsNil() {
			rv = rv.Elem()
		}
		var k enumKey
		var name string
		switch rv.Kind() {
		case reflect.String:
			k.s, name = rv.String(), pyRepr(rv.String())
		case reflect.Bool:
			k.b, k.isBool, name = rv.Bool(), true, "False"
			if rv.Bool() {
				name = "True"
			}
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			k.f, name = float64(rv.Int()), strconv.FormatInt(rv.Int(), 10)
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			k.f, name = float64(rv.Uint()), strconv.FormatUint(rv.Uint(), 10)
		case reflect.Float32, reflect.Float64:
			k.f, name = rv.Float(), pyNumber(rv.Float())
		default:
			k.s, name = fmt.Sprint(v), pyRepr(fmt.Sprint(v))
		}
		keys = append(keys, k)
		names = append(names, name)
	}
	return keys, joinOr(names)
}

// joinOr lists names as "a, b or c".
func joinOr(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// pyRepr quotes s as Python's repr quotes a str.
func pyRepr(s string) string {
	q := "'"
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		q = `"`
	}
	r := strings.NewReplacer(`\`, `\\`, q, `\`+q, "\n", `\n`, "\t", `\t`, "\r", `\r`)
	return q + r.Replace(s) + q
}

// enumCheck reports whether k is one of the enum's values.
func (c *checks) enumCheck(k enumKey, input any) *FieldError {
	for _, e := range c.enum {
		if e == k {
			return nil
		}
	}
	return newError("enum", "Input should be "+c.expected, input,
		map[string]any{"expected": c.expected})
}

// number checks a number against the enum and the bounds, in pydantic's
// order: multiple_of, le, lt, ge, gt. notMultiple says whether the value
// fails multiple_of, which integers and floats decide differently. The
// caller sets the error's input: taking it here as an any would allocate
// on every call.
func (c *checks) number(f float64, notMultiple bool) *FieldError {
	if c.enum != nil {
		if fe := c.enumCheck(enumKey{f: f}, nil); fe != nil {
			return fe
		}
	}
	switch {
	case c.multipleOf != nil && notMultiple:
		return boundError("multiple_of", "multiple_of", "a multiple of", *c.multipleOf, nil)
	case c.le != nil && !(f <= *c.le):
		return boundError("less_than_equal", "le", "less than or equal to", *c.le, nil)
	case c.lt != nil && !(f < *c.lt):
		return boundError("less_than", "lt", "less than", *c.lt, nil)
	case c.ge != nil && !(f >= *c.ge):
		return boundError("greater_than_equal", "ge", "greater than or equal to", *c.ge, nil)
	case c.gt != nil && !(f > *c.gt):
		return boundError("greater_than", "gt", "greater than", *c.gt, nil)
	}
	return nil
}

// withInput sets the input of a problem found without it.
func withInput(fe *FieldError, input any) *FieldError {
	if fe != nil {
		fe.Input = input
	}
	return fe
}

// isMultiple reports whether f is a multiple of m, with pydantic's
// tolerance for the rounding of floats.
func isMultiple(f float64, m *float64) bool {
	if m == nil {
		return true
	}
	rem := math.Mod(f, *m)
	tol := math.Abs(f) / 1e9
	return math.Abs(rem) <= tol || math.Abs(math.Abs(rem)-*m) <= tol
}

// str checks a string against the length bounds, the pattern and the
// enum, in pydantic's order.
func (c *checks) str(s string) *FieldError {
	if c.enum != nil {
		if fe := c.enumCheck(enumKey{s: s}, nil); fe != nil {
			return withInput(fe, s)
		}
	}
	if c.minLen == nil && c.maxLen == nil && c.pattern == nil {
		return nil
	}
	n := utf8.RuneCountInString(s)
	switch {
	case c.minLen != nil && n < *c.minLen:
		m := *c.minLen
		return newError("string_too_short",
			"String should have at least "+strconv.Itoa(m)+" character"+plural(m),
			s, map[string]any{"min_length": m})
	case c.maxLen != nil && n > *c.maxLen:
		m := *c.maxLen
		return newError("string_too_long",
			"String should have at most "+strconv.Itoa(m)+" character"+plural(m),
			s, map[string]any{"max_length": m})
	case c.pattern != nil && !c.pattern.MatchString(s):
		p := c.pattern.String()
		return newError("string_pattern_mismatch", "String should match pattern '"+p+"'",
			s, map[string]any{"pattern": p})
	}
	return nil
}

// list checks the length of a list of n elements.
func (c *listChecks) list(n int, input any) *FieldError {
	switch {
	case c.minLen != nil && n < *c.minLen:
		m := *c.minLen
		return newError("too_short", fmt.Sprintf(
			"List should have at least %d item%s after validation, not %d", m, plural(m), n),
			input, map[string]any{"field_type": "List", "min_length": m, "actual_length": n})
	case c.maxLen != nil && n > *c.maxLen:
		m := *c.maxLen
		return newError("too_long", fmt.Sprintf(
			"List should have at most %d item%s after validation, not %d", m, plural(m), n),
			input, map[string]any{"field_type": "List", "max_length": m, "actual_length": n})
	}
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
