// Package openapi models an OpenAPI 3.1 document and generates the JSON
// Schemas in it from Go types, the way FastAPI and pydantic 2 write them.
// It imports no other rampart package: params and security describe their
// parameters and schemes with it, and the router assembles the document.
//
// # The document
//
// [Document] and the types under it hold what a FastAPI-like document
// needs: paths with their operations, parameters, request bodies and
// responses, component schemas, security schemes and security
// requirements. Marshalled with [encoding/json], the same value always
// gives the same bytes: [Paths] keep the order in which routes were
// declared, schema properties keep struct field order, and maps are
// written with sorted keys. Fields that the specification requires as
// objects or lists, such as an OAuth2 flow's scopes or the scopes of a
// [SecurityRequirement], are written as {} or [] when empty, never null.
//
// # Schemas from Go types
//
// [Schemas.For] describes a Go type. Named structs become components
// referred to by $ref, pointers become nullable, and struct tags add titles,
// descriptions, defaults and constraints; the rules are listed on
// [Schemas.For]. Problems are collected rather than returned one at a time,
// and [Schemas.Err] reports them all together, each naming the field, the
// tag and the offending value.
//
// # Constraints
//
// One set of struct tags both validates a value and describes it:
//
//	type Item struct {
//		Name  string   `json:"name" validate:"min_length=1,max_length=50"`
//		Price float64  `json:"price" validate:"gt=0" doc:"Price in euros."`
//		Tags  []string `json:"tags,omitempty" validate:"max_items=3"`
//	}
//
// [ParseConstraints] turns the tags into [Constraints], which package
// params checks requests against and [Constraints.Apply] writes into a
// schema.
//
// # Differences from FastAPI
//
// Component names shared by two Go types are resolved first come, first
// served, rather than by qualifying both (see [Schemas]). time.Duration is
// described as a string of Go duration syntax rather than pydantic's ISO
// 8601 duration (see [Schemas.For]).
package openapi
