package openapi

import (
	"cmp"
	"reflect"
	"slices"
	"strings"
	"unicode"
)

// field is one JSON property of a struct, as encoding/json sees it.
type field struct {
	name   string              // the JSON name
	tagged bool                // the name comes from a json tag
	omit   bool                // omitempty or omitzero
	sf     reflect.StructField // the Go field
	owner  reflect.Type        // the struct that declares the field
	index  []int               // the path of field indexes from the top
	// optional is set for fields promoted through an embedded pointer,
	// which a JSON object may leave out by leaving the pointer nil.
	optional bool
}

// jsonFields returns the JSON properties of struct type t in the order
// encoding/json writes them: exported fields, with the fields of embedded
// structs promoted, and json tags applied. Where several fields claim one
// name, the shallowest wins, then the tagged one; a tie hides them all, as
// encoding/json's rules for embedded fields say.
func jsonFields(t reflect.Type) []field {
	type level struct {
		typ      reflect.Type
		index    []int
		optional bool
	}
	var fields []field
	next := []level{{typ: t}}
	visited := map[reflect.Type]bool{}

	// Walk breadth-first, one depth of embedding at a time.
	for len(next) > 0 {
		current := next
		next = nil
		count := map[reflect.Type]int{}
		for _, l := range current {
			count[l.typ]++
		}

		for _, l := range current {
			if visited[l.typ] {
				continue
			}
			visited[l.typ] = true

			for i := range l.typ.NumField() {
				sf := l.typ.Field(i)
				if !visible(sf) {
					continue
				}
				tag := sf.Tag.Get("json")
				if tag == "-" {
					continue
				}
				name, opts, _ := strings.Cut(tag, ",")
				if !validJSONName(name) {
					name = ""
				}
				index := append(slices.Clip(l.index), i)

				ft := sf.Type
				if ft.Name() == "" && ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if sf.Anonymous && name == "" && ft.Kind() == reflect.Struct {
					next = append(next, level{
						typ: ft, index: index,
						optional: l.optional || sf.Type.Kind() == reflect.Pointer,
					})
					continue
				}

				f := field{
					name: cmp.Or(name, sf.Name), tagged: name != "",
					omit: hasOption(opts, "omitempty") ||
						hasOption(opts, "omitzero"),
					sf: sf, owner: l.typ, index: index, optional: l.optional,
				}
				fields = append(fields, f)
				// A struct embedded twice at one depth hides its fields:
				// doubling them makes the dominance rule below drop them.
				if count[l.typ] > 1 {
					fields = append(fields, f)
				}
			}
		}
	}
	return dominant(fields)
}

// visible reports whether encoding/json looks at the struct field sf.
func visible(sf reflect.StructField) bool {
	if !sf.Anonymous {
		return sf.IsExported()
	}
	// An embedded field of an unexported type still promotes the exported
	// fields of its struct.
	t := sf.Type
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return sf.IsExported() || t.Kind() == reflect.Struct
}

// dominant keeps, for each name, the field that encoding/json would use,
// and returns the survivors in field order.
func dominant(fields []field) []field {
	slices.SortStableFunc(fields, func(a, b field) int {
		return cmp.Or(
			strings.Compare(a.name, b.name),
			cmp.Compare(len(a.index), len(b.index)),
			compareBool(b.tagged, a.tagged), // tagged first
			slices.Compare(a.index, b.index),
		)
	})

	var out []field
	for i := 0; i < len(fields); {
		j := i + 1
		for j < len(fields) && fields[j].name == fields[i].name {
			j++
		}
		group := fields[i:j]
		i = j

		// The first of the group is the shallowest, tagged if any is. It
		// wins unless a second field matches it in depth and tagging.
		first := group[0]
		if len(group) > 1 && len(group[1].index) == len(first.index) &&
			group[1].tagged == first.tagged {
			continue
		}
		out = append(out, first)
	}

	slices.SortFunc(out, func(a, b field) int {
		return slices.Compare(a.index, b.index)
	})
	return out
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// hasOption reports whether the comma-separated json tag options hold opt.
func hasOption(opts, opt string) bool {
	for o := range strings.SplitSeq(opts, ",") {
		if o == opt {
			return true
		}
	}
	return false
}

// validJSONName reports whether encoding/json accepts name from a tag.
func validJSONName(name string) bool {
	if name == "" {
		return false
	}
	for _, c := range name {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
			// Punctuation encoding/json allows in names.
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}
