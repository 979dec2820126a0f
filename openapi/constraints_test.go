package openapi_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/rampart-go/rampart/openapi"
)

func TestParseConstraints(t *testing.T) {
	c, err := openapi.ParseConstraints("Query.limit",
		`validate:"required, gt=0,le=100,multiple_of=5" example:"20" enum:"10,20,50" doc:"How many." title:"Limit" deprecated:"true"`,
		reflect.TypeFor[*int32]())
	if err != nil {
		t.Fatalf("ParseConstraints: %v", err)
	}

	if !c.Required || *c.Gt != 0 || *c.Le != 100 || *c.MultipleOf != 5 {
		t.Errorf("validate tag gave Required=%v Gt=%v Le=%v MultipleOf=%v, want true 0 100 5",
			c.Required, *c.Gt, *c.Le, *c.MultipleOf)
	}
	if c.Ge != nil || c.Lt != nil || c.MinLength != nil {
		t.Errorf("constraints not in the tag are set: Ge=%v Lt=%v MinLength=%v",
			c.Ge, c.Lt, c.MinLength)
	}
	if c.HasDefault {
		t.Errorf("HasDefault = true for a tag without default")
	}
	if !c.HasExample || c.Example != "20" || c.ExampleValue != int32(20) {
		t.Errorf("example = %v %q %#v, want true \"20\" int32(20)",
			c.HasExample, c.Example, c.ExampleValue)
	}
	if want := []any{int32(10), int32(20), int32(50)}; !reflect.DeepEqual(c.EnumValues, want) {
		t.Errorf("EnumValues = %#v, want %#v", c.EnumValues, want)
	}
	if c.Description != "How many." || c.Title != "Limit" || !c.Deprecated {
		t.Errorf("Description, Title, Deprecated = %q, %q, %v",
			c.Description, c.Title, c.Deprecated)
	}
}

func TestParseConstraintsValues(t *testing.T) {
	tests := []struct {
		name string
		tag  reflect.StructTag
		typ  reflect.Type
		want any
	}{
		{"string", `default:"a,b"`, reflect.TypeFor[string](), "a,b"},
		{"empty_string", `default:""`, reflect.TypeFor[string](), ""},
		{"named_string", `default:"admin"`, reflect.TypeFor[Role](), RoleAdmin},
		{"bool", `default:"true"`, reflect.TypeFor[bool](), true},
		{"uint8", `default:"255"`, reflect.TypeFor[uint8](), uint8(255)},
		{"float", `default:"0.5"`, reflect.TypeFor[**float64](), 0.5},
		{"duration", `default:"1m30s"`, reflect.TypeFor[time.Duration](), 90 * time.Second},
		{"time", `default:"2024-05-01T10:00:00Z"`, reflect.TypeFor[time.Time](),
			time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)},
		{"slice", `default:"1, 2,3"`, reflect.TypeFor[[]int](), []int{1, 2, 3}},
		{"empty_slice", `default:""`, reflect.TypeFor[[]int](), []int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := openapi.ParseConstraints("T.F", tt.tag, tt.typ)
			if err != nil {
				t.Fatalf("ParseConstraints(%q, %v): %v", tt.tag, tt.typ, err)
			}
			if !reflect.DeepEqual(c.DefaultValue, tt.want) {
				t.Errorf("ParseConstraints(%q, %v).DefaultValue = %#v, want %#v",
					tt.tag, tt.typ, c.DefaultValue, tt.want)
			}
		})
	}
}

func TestParseConstraintsErrors(t *testing.T) {
	tests := []struct {
		name string
		tag  reflect.StructTag
		typ  reflect.Type
		want []string // each must appear in the error, in this order
	}{
		{"not_a_number", `validate:"gt=ten"`, reflect.TypeFor[int](),
			[]string{`field T.F of type int: tag validate:"gt=ten": "ten" is not a number`}},
		{"unknown", `validate:"maxLength=3"`, reflect.TypeFor[string](),
			[]string{`tag validate:"maxLength=3": unknown constraint "maxLength" (did you mean max_length?)`}},
		{"min_on_string", `validate:"min=3"`, reflect.TypeFor[string](),
			[]string{`unknown constraint "min" (did you mean min_length?)`}},
		{"min_on_number", `validate:"min=3"`, reflect.TypeFor[float64](),
			[]string{`unknown constraint "min" (did you mean ge?)`}},
		{"oneof", `validate:"oneof=a b"`, reflect.TypeFor[string](),
			[]string{`(did you mean an enum:"..." tag?)`}},
		{"no_value", `validate:"le"`, reflect.TypeFor[int](),
			[]string{`tag validate:"le": le needs a value, as in le=1`}},
		{"twice", `validate:"le=1,le=2"`, reflect.TypeFor[int](),
			[]string{`tag validate:"le=2": le is given twice`}},
		{"empty_item", `validate:"le=1,"`, reflect.TypeFor[int](),
			[]string{`tag validate:"le=1,": empty constraint between commas`}},
		{"required_value", `validate:"required=true"`, reflect.TypeFor[int](),
			[]string{`required takes no value`}},
		{"negative_length", `validate:"min_length=-1"`, reflect.TypeFor[string](),
			[]string{`"-1" is not a whole number of 0 or more`}},
		{"zero_multiple", `validate:"multiple_of=0"`, reflect.TypeFor[int](),
			[]string{`multiple_of must be above 0`}},
		{"gt_on_string", `validate:"gt=1"`, reflect.TypeFor[*string](),
			[]string{`field T.F of type *string: tag validate:"gt=1": gt applies only to numbers, not to strings`}},
		{"items_on_string", `validate:"max_items=1"`, reflect.TypeFor[string](),
			[]string{`max_items applies only to slices and arrays, not to strings`}},
		{"length_on_number", `validate:"max_length=1"`, reflect.TypeFor[int](),
			[]string{`max_length applies only to strings, slices, arrays and maps, not to numbers`}},
		{"empty_bounds", `validate:"gt=5,lt=5"`, reflect.TypeFor[int](),
			[]string{`tag validate:"gt=5,lt=5": no number satisfies both bounds`}},
		{"crossed_bounds", `validate:"ge=10,le=1"`, reflect.TypeFor[int](),
			[]string{`no number satisfies both bounds`}},
		{"crossed_lengths", `validate:"min_length=5,max_length=2"`, reflect.TypeFor[string](),
			[]string{`the least length is above the greatest`}},
		{"bad_pattern", `pattern:"[a-"`, reflect.TypeFor[string](),
			[]string{`tag pattern:"[a-": error parsing regexp: missing closing ]`}},
		{"pattern_on_int", `pattern:"^1$"`, reflect.TypeFor[int](),
			[]string{`tag pattern:"^1$": pattern applies only to strings, not to numbers`}},
		{"enum_value", `enum:"1,two,3"`, reflect.TypeFor[int](),
			[]string{`tag enum:"1,two,3": "two" is not an integer`}},
		{"enum_on_slice", `enum:"a"`, reflect.TypeFor[[]string](),
			[]string{`enum applies only to strings, numbers and booleans, not to slices and arrays`}},
		{"default_range", `default:"300"`, reflect.TypeFor[int8](),
			[]string{`tag default:"300": "300" is out of range for int8`}},
		{"default_uint", `default:"-1"`, reflect.TypeFor[uint](),
			[]string{`"-1" is not an integer of 0 or more`}},
		{"default_bool", `default:"yes"`, reflect.TypeFor[bool](),
			[]string{`"yes" is not true or false`}},
		{"default_duration", `default:"90"`, reflect.TypeFor[time.Duration](),
			[]string{`"90" is not a duration such as 1m30s`}},
		{"default_struct", `default:"x"`, reflect.TypeFor[Address](),
			[]string{`a value of type openapi_test.Address cannot be given in a tag`}},
		{"example_time", `example:"yesterday"`, reflect.TypeFor[time.Time](),
			[]string{`tag example:"yesterday": "yesterday" is not a time.Time`}},
		{"required_default", `validate:"required" default:"1"`, reflect.TypeFor[int](),
			[]string{`a field with a default tag is never required`}},
		{"deprecated", `deprecated:"yes"`, reflect.TypeFor[int](),
			[]string{`tag deprecated:"yes": want true or false`}},
		{"several", `validate:"gt=x,foo=1" pattern:"("`, reflect.TypeFor[int](),
			[]string{`"x" is not a number`, `unknown constraint "foo"`, `pattern applies only to strings`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := openapi.ParseConstraints("T.F", tt.tag, tt.typ)
			if err == nil {
				t.Fatalf("ParseConstraints(%q, %v) = nil error, want %q", tt.tag, tt.typ, tt.want)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "openapi: field T.F of type ") {
				t.Errorf("ParseConstraints(%q, %v) = %q, want it to name the field and its type", tt.tag, tt.typ, msg)
			}
			rest := msg
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Errorf("ParseConstraints(%q, %v) = %q, want it to contain %q", tt.tag, tt.typ, msg, w)
					break
				}
				rest = rest[i+len(w):]
			}
			var tagErr *openapi.TagError
			if !errors.As(err, &tagErr) || tagErr.Field != "T.F" || tagErr.Type != tt.typ {
				t.Errorf("errors.As(%v, *TagError) gave %+v", err, tagErr)
			}
		})
	}
}

func TestConstraintsApply(t *testing.T) {
	tests := []struct {
		name   string
		tag    reflect.StructTag
		schema *openapi.Schema
		want   string
	}{
		{"number", `validate:"gt=0,ge=1,lt=10,le=9,multiple_of=0.5"`,
			&openapi.Schema{Type: "number"},
			`{"type":"number","minimum":1,"maximum":9,"exclusiveMinimum":0,"exclusiveMaximum":10,"multipleOf":0.5}`},
		{"string", `validate:"min_length=1,max_length=5" pattern:"^a" enum:"ab,ac" format:"email"`,
			&openapi.Schema{Type: "string"},
			`{"type":"string","format":"email","enum":["ab","ac"],"minLength":1,"maxLength":5,"pattern":"^a"}`},
		{"array_length", `validate:"min_length=1,max_length=5"`,
			&openapi.Schema{Type: "array"},
			`{"type":"array","minItems":1,"maxItems":5}`},
		{"object_length", `validate:"min_length=1"`,
			&openapi.Schema{Type: "object"},
			`{"type":"object","minProperties":1}`},
		{"nullable", `validate:"ge=1" default:"5" doc:"d" example:"7" deprecated:"true" title:"T"`,
			openapi.Nullable(&openapi.Schema{Type: "integer"}),
			`{"title":"T","description":"d","default":5,"anyOf":[{"type":"integer","minimum":1},{"type":"null"}],"examples":[7],"deprecated":true}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			typ := map[string]reflect.Type{
				"number": reflect.TypeFor[float64](), "string": reflect.TypeFor[string](),
				"array": reflect.TypeFor[[]int](), "object": reflect.TypeFor[map[string]int](),
				"integer": reflect.TypeFor[*int](),
			}[tt.schema.Type]
			if typ == nil {
				typ = reflect.TypeFor[*int]()
			}
			c, err := openapi.ParseConstraints("T.F", tt.tag, typ)
			if err != nil {
				t.Fatalf("ParseConstraints(%q): %v", tt.tag, err)
			}
			c.Apply(tt.schema)
			got, _ := json.Marshal(tt.schema)
			if string(got) != tt.want {
				t.Errorf("Apply(%q) gave\n%s\nwant\n%s", tt.tag, got, tt.want)
			}
		})
	}
}

// TestConstraintsApplyByHand checks that a Constraints built without
// ParseConstraints still writes its values.
func TestConstraintsApplyByHand(t *testing.T) {
	ten := 10.0
	c := openapi.Constraints{Le: &ten, Enum: []string{"a"}, HasDefault: true, Default: "a"}
	s := &openapi.Schema{Type: "string"}
	c.Apply(s)
	got, _ := json.Marshal(s)
	if want := `{"type":"string","enum":["a"],"default":"a","maximum":10}`; string(got) != want {
		t.Errorf("Apply gave %s, want %s", got, want)
	}
}
