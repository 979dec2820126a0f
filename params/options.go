package params

import (
	"encoding"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// An Option changes one parameter built by [Path], [Query], [Header],
// [Cookie] or [Body]. Options print themselves as they were written, such
// as Gt(0), so that they read well in panics and test output.
//
// An option that does not fit the parameter, such as [Gt] on a string or
// [NoUnderscoreConversion] on a query parameter, makes the constructor
// panic with a message naming the parameter and where it was declared:
// the mistake is in the program, and the first test that builds the route
// finds it.
type Option interface {
	apply(*settings)
	String() string
}

// settings gathers what the options of one parameter ask for. Constraint
// options are kept as struct tag text, so that [openapi.ParseConstraints]
// checks and parses them exactly as it does the tags of a struct field.
type settings struct {
	alias        string
	description  string
	deprecated   bool
	secret       bool
	embed        bool
	noUnderscore bool

	hasDefault bool
	def        string // the default as tag text

	validate []string // items of the validate tag, such as "gt=0"
	pattern  *string
	enum     *string

	errs []string // options that cannot be turned into tags
}

// tag returns the struct tag that holds the constraint options.
func (s *settings) tag() reflect.StructTag {
	var parts []string
	add := func(key, val string) {
		parts = append(parts, key+":"+strconv.Quote(val))
	}
	if len(s.validate) > 0 {
		add("validate", strings.Join(s.validate, ","))
	}
	if s.pattern != nil {
		add("pattern", *s.pattern)
	}
	if s.enum != nil {
		add("enum", *s.enum)
	}
	if s.hasDefault {
		add("default", s.def)
	}
	if s.description != "" {
		add("doc", s.description)
	}
	if s.deprecated {
		add("deprecated", "true")
	}
	return reflect.StructTag(strings.Join(parts, " "))
}

type option struct {
	desc string
	f    func(*settings)
}

func (o option) apply(s *settings) { o.f(s) }
func (o option) String() string    { return o.desc }

// number is the set of Go types that bounds such as [Gt] accept.
type number interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 |
		~float32 | ~float64
}

// formatNumber writes v as a validate tag reads it.
func formatNumber[N number](v N) string {
	return strconv.FormatFloat(float64(v), 'g', -1, 64)
}

// Default gives the value a missing parameter takes, FastAPI's
// Query(default=...), and makes the parameter optional. v is a value of
// the parameter's type (of the type it points to, for a pointer), or a
// string in the parameter's wire syntax, such as "10" or "1m30s"; a
// slice parameter takes a slice, or a comma-separated string. The default
// is checked against the parameter's type and constraints when the
// parameter is built, and appears in the OpenAPI document.
func Default(v any) Option {
	return option{fmt.Sprintf("Default(%#v)", v), func(s *settings) {
		text, err := defaultText(v)
		if err != nil {
			s.errs = append(s.errs, fmt.Sprintf("Default(%#v): %v", v, err))
			return
		}
		s.hasDefault, s.def = true, text
	}}
}

// defaultText writes a default value as the text of a default tag.
func defaultText(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", fmt.Errorf("a nil default is what a pointer parameter has already; drop the option")
	case string:
		return v, nil
	case time.Time:
		return v.Format(time.RFC3339Nano), nil
	case time.Duration:
		return v.String(), nil
	case encoding.TextMarshaler:
		b, err := v.MarshalText()
		return string(b), err
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice {
		return fmt.Sprint(v), nil
	}
	parts := make([]string, rv.Len())
	for i := range parts {
		text, err := defaultText(rv.Index(i).Interface())
		if err != nil {
			return "", err
		}
		if strings.Contains(text, ",") {
			return "", fmt.Errorf("element %q holds a comma, which separates the elements", text)
		}
		parts[i] = text
	}
	return strings.Join(parts, ","), nil
}

// Alias names the parameter on the wire when its Go-side name differs,
// FastAPI's alias: Query[string]("item_query", Alias("item-query")) reads
// ?item-query=... and reports errors at ["query", "item-query"]. A header
// alias is used as it is, without underscore conversion.
func Alias(name string) Option {
	return option{fmt.Sprintf("Alias(%q)", name), func(s *settings) {
		s.alias = name
	}}
}

// Description sets the parameter's description in the OpenAPI document.
func Description(text string) Option {
	return option{fmt.Sprintf("Description(%q)", text), func(s *settings) {
		s.description = text
	}}
}

// Deprecated marks the parameter deprecated in the OpenAPI document. The
// parameter is still read.
func Deprecated() Option {
	return option{"Deprecated()", func(s *settings) { s.deprecated = true }}
}

// Secret marks a parameter whose value must never be echoed: its
// validation errors carry a null input. Parameters named password,
// client_secret, token, access_token, refresh_token or api_key, and the
// Authorization, Proxy-Authorization and Cookie headers, are secret
// without it.
func Secret() Option {
	return option{"Secret()", func(s *settings) { s.secret = true }}
}

// NoUnderscoreConversion keeps the underscores of a [Header] name, FastAPI's
// Header(convert_underscores=False). By default user_agent reads the
// User-Agent header, since proxies often drop headers with underscores.
func NoUnderscoreConversion() Option {
	return option{"NoUnderscoreConversion()", func(s *settings) {
		s.noUnderscore = true
	}}
}

// Embed makes a [Body] read the member of the JSON body object named after
// the parameter, FastAPI's Body(embed=True): Body[Item]("item", Embed())
// reads {"item": {...}} and reports errors at ["body", "item", ...].
// Several embedded bodies share one request body.
func Embed() Option {
	return option{"Embed()", func(s *settings) { s.embed = true }}
}

// Gt requires a number greater than v.
func Gt[N number](v N) Option { return bound("Gt", "gt", v) }

// Ge requires a number greater than or equal to v.
func Ge[N number](v N) Option { return bound("Ge", "ge", v) }

// Lt requires a number less than v.
func Lt[N number](v N) Option { return bound("Lt", "lt", v) }

// Le requires a number less than or equal to v.
func Le[N number](v N) Option { return bound("Le", "le", v) }

// MultipleOf requires a number that is a multiple of v, which must be
// above 0.
func MultipleOf[N number](v N) Option { return bound("MultipleOf", "multiple_of", v) }

func bound[N number](name, key string, v N) Option {
	text := formatNumber(v)
	return option{name + "(" + text + ")", func(s *settings) {
		s.validate = append(s.validate, key+"="+text)
	}}
}

// MinLength requires a string of at least n characters (Unicode code
// points), or a list of at least n elements.
func MinLength(n int) Option {
	return option{fmt.Sprintf("MinLength(%d)", n), func(s *settings) {
		s.validate = append(s.validate, "min_length="+strconv.Itoa(n))
	}}
}

// MaxLength requires a string of at most n characters, or a list of at
// most n elements.
func MaxLength(n int) Option {
	return option{fmt.Sprintf("MaxLength(%d)", n), func(s *settings) {
		s.validate = append(s.validate, "max_length="+strconv.Itoa(n))
	}}
}

// Pattern requires a string in which the regular expression re finds a
// match, as JSON Schema and pydantic do; anchor it with ^ and $ to match
// the whole string. It is compiled when the parameter is built.
func Pattern(re string) Option {
	return option{fmt.Sprintf("Pattern(%q)", re), func(s *settings) {
		s.pattern = &re
	}}
}

// Enum restricts the parameter to the given values, which are of the
// parameter's type or written in its wire syntax.
func Enum(values ...any) Option {
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = fmt.Sprintf("%#v", v)
	}
	desc := "Enum(" + strings.Join(parts, ", ") + ")"
	return option{desc, func(s *settings) {
		texts := make([]string, len(values))
		for i, v := range values {
			text, err := defaultText(v)
			if err == nil && strings.Contains(text, ",") {
				err = fmt.Errorf("value %q holds a comma", text)
			}
			if err != nil {
				s.errs = append(s.errs, desc+": "+err.Error())
				return
			}
			texts[i] = text
		}
		joined := strings.Join(texts, ",")
		s.enum = &joined
	}}
}
