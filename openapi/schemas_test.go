package openapi_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/rampart-go/rampart/openapi"
)

// schemaOutput is what the golden files of TestSchemasFor hold.
type schemaOutput struct {
	Schema     *openapi.Schema            `json:"schema"`
	Components map[string]*openapi.Schema `json:"components,omitempty"`
}

func TestSchemasFor(t *testing.T) {
	tests := []struct {
		name string
		typ  reflect.Type
	}{
		{"string", reflect.TypeFor[string]()},
		{"int", reflect.TypeFor[int]()},
		{"pointer", reflect.TypeFor[**float64]()},
		{"bytes", reflect.TypeFor[[]byte]()},
		{"time", reflect.TypeFor[time.Time]()},
		{"duration", reflect.TypeFor[time.Duration]()},
		{"any", reflect.TypeFor[any]()},
		{"slice", reflect.TypeFor[[]string]()},
		{"slice_of_pointers", reflect.TypeFor[[]*int]()},
		{"map", reflect.TypeFor[map[string][]int]()},
		{"scalars", reflect.TypeFor[Everything]()},
		{"user", reflect.TypeFor[User]()},
		{"item", reflect.TypeFor[Item]()},
		{"enum", reflect.TypeFor[Role]()},
		{"enum_pointer", reflect.TypeFor[*Priority]()},
		{"recursive_struct", reflect.TypeFor[Node]()},
		{"recursive_map", reflect.TypeFor[Tree]()},
		{"generic", reflect.TypeFor[Page[Address]]()},
		{"embedded_conflicts", reflect.TypeFor[Outer]()},
		{"unnamed_struct", reflect.TypeFor[struct {
			Name string `json:"name"`
		}]()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s openapi.Schemas
			got := s.For(tt.typ)
			if err := s.Err(); err != nil {
				t.Fatalf("For(%v) recorded errors:\n%v", tt.typ, err)
			}
			out := schemaOutput{Schema: got, Components: s.Components()}
			golden(t, "schemas/"+tt.name+".json", indent(t, out))
		})
	}
}

func TestSchemasForComponentOnce(t *testing.T) {
	var s openapi.Schemas
	a := s.For(reflect.TypeFor[User]())
	b := s.For(reflect.TypeFor[*User]())
	if a.Ref != "#/components/schemas/User" {
		t.Errorf("For(User).Ref = %q, want #/components/schemas/User", a.Ref)
	}
	if len(b.AnyOf) != 2 || b.AnyOf[0].Ref != a.Ref {
		t.Errorf("For(*User) = %+v, want anyOf [$ref User, null]", b)
	}

	// Changing what For returned leaves the component alone.
	a.Description = "changed"
	if got := s.Components()["User"].Description; got != "" {
		t.Errorf("component User has description %q after a change to its $ref", got)
	}
}

func TestSchemasComponentNames(t *testing.T) {
	// Local types that share their name with the package-level Address.
	pkgLevel := reflect.TypeFor[Address]()
	pkgPage := reflect.TypeFor[Page[Address]]()
	type Address struct{ Line string }
	local := reflect.TypeFor[Address]()
	var nested, nested2 reflect.Type
	{
		type Address struct{ Zip string }
		nested = reflect.TypeFor[Address]()
	}
	{
		type Address struct{ Box string }
		nested2 = reflect.TypeFor[Address]()
	}
	const pkg = "github.com_rampart-go_rampart_openapi_test"

	var s openapi.Schemas
	s.HTTPValidationError()
	tests := []struct {
		typ  reflect.Type
		want string
	}{
		{reflect.TypeFor[Location](), "Location"},
		{reflect.TypeFor[time.Location](), "time_Location"},
		{reflect.TypeFor[ValidationError](), "openapi_test_ValidationError"},
		{reflect.TypeFor[Location](), "Location"},
		{pkgLevel, "Address"},
		{local, "openapi_test_Address"},
		{nested, pkg + "_Address"},
		{nested2, "Address_2"},
		{pkgPage, "Page_Address_"},
		{reflect.TypeFor[Page[Address]](), "openapi_test_Page_Address_"},
		{reflect.TypeFor[Page[Location]](), "Page_Location_"},
	}
	for _, tt := range tests {
		if got := s.For(tt.typ).Ref; got != openapi.RefPrefix+tt.want {
			t.Errorf("For(%v).Ref = %q, want %q", tt.typ, got, openapi.RefPrefix+tt.want)
		}
	}
	if err := s.Err(); err != nil {
		t.Errorf("Err() = %v, want nil", err)
	}
	if got := s.Components()["Page_Address_"].Title; got != "Page[Address]" {
		t.Errorf("title of Page_Address_ = %q, want Page[Address]", got)
	}
}

// Bad has a problem in every field.
type Bad struct {
	Name  string              `json:"name" validate:"gt=0"`
	Age   int                 `json:"age" validate:"gte=1"`
	Size  int                 `json:"size" default:"big"`
	Ch    chan int            `json:"ch"`
	Funcs map[string]func()   `json:"funcs"`
	Keys  map[[2]int]string   `json:"keys"`
	Empty Empty               `json:"empty"`
	Fine  string              `json:"fine"`
	Again struct{ Bad2 Bad2 } `json:"again"`
}

// Bad2 repeats a problem of Bad, which Err reports once per field.
type Bad2 struct {
	Name string `json:"name" validate:"gt=0"`
}

// Empty is an enum without values.
type Empty string

func (Empty) Enum() []any { return nil }

func TestSchemasErr(t *testing.T) {
	var s openapi.Schemas
	s.For(reflect.TypeFor[Bad]())
	s.For(reflect.TypeFor[Bad]()) // a second time reports nothing new
	err := s.Err()
	if err == nil {
		t.Fatal("Err() = nil, want the problems of Bad")
	}

	// One line for each problem, in field order, each naming the field.
	want := []string{
		`openapi: field openapi_test.Bad.Name of type string: tag validate:"gt=0": gt applies only to numbers, not to strings`,
		`openapi: field openapi_test.Bad.Age of type int: tag validate:"gte=1": unknown constraint "gte" (did you mean ge?)`,
		`openapi: field openapi_test.Bad.Size of type int: tag default:"big": "big" is not an integer`,
		`openapi: field openapi_test.Bad.Ch: type chan int: encoding/json cannot write it`,
		`openapi: field openapi_test.Bad.Funcs: type func(): encoding/json cannot write it`,
		`openapi: field openapi_test.Bad.Keys: type map[[2]int]string: encoding/json writes only maps with string, integer or text-marshalled keys`,
		`openapi: field openapi_test.Bad.Empty: type openapi_test.Empty: its Enum method returns no values`,
		`openapi: field openapi_test.Bad2.Name of type string: tag validate:"gt=0"`,
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != len(want) {
		t.Errorf("Err() has %d lines, want %d:\n%v", len(lines), len(want), err)
	}
	for i, w := range want {
		if i < len(lines) && !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d of Err() = %q, want it to start with %q", i+1, lines[i], w)
		}
	}

	var tagErr *openapi.TagError
	if !errors.As(err, &tagErr) || tagErr.Field != "openapi_test.Bad.Name" ||
		tagErr.Tag != "validate" || tagErr.Value != "gt=0" {
		t.Errorf("errors.As(err, *TagError) = %+v, want the error of Bad.Name", tagErr)
	}
	var typeErr *openapi.TypeError
	if !errors.As(err, &typeErr) || typeErr.Type != reflect.TypeFor[chan int]() {
		t.Errorf("errors.As(err, *TypeError) = %+v, want the error of Bad.Ch", typeErr)
	}
}

func TestSchemasDefine(t *testing.T) {
	var s openapi.Schemas
	form := &openapi.Schema{Type: "object"}
	ref := s.Define("Body_login_token_post", form)
	if want := "#/components/schemas/Body_login_token_post"; ref.Ref != want {
		t.Errorf("Define().Ref = %q, want %q", ref.Ref, want)
	}
	s.Define("Body_login_token_post", form) // the same again is fine
	if err := s.Err(); err != nil {
		t.Fatalf("Err() after defining the same schema twice = %v, want nil", err)
	}

	s.For(reflect.TypeFor[Location]())
	s.Define("Body_login_token_post", &openapi.Schema{})
	s.Define("Location", &openapi.Schema{})
	s.Define("Body login", &openapi.Schema{})
	err := s.Err()
	for _, want := range []string{
		`openapi: component "Body_login_token_post" is defined twice with different schemas`,
		`openapi: component name "Location" is taken by type openapi_test.Location`,
		`openapi: component name "Body login" may hold only letters, digits, '.', '-' and '_'`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Err() = %v, want it to contain %q", err, want)
		}
	}
}

func TestHTTPValidationError(t *testing.T) {
	var s openapi.Schemas
	ref := s.HTTPValidationError()
	s.HTTPValidationError()
	if want := "#/components/schemas/HTTPValidationError"; ref.Ref != want {
		t.Errorf("HTTPValidationError().Ref = %q, want %q", ref.Ref, want)
	}
	if err := s.Err(); err != nil {
		t.Errorf("Err() = %v, want nil", err)
	}
	golden(t, "validation_error.json", indent(t, s.Components()))
}
