package params_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/rampart-go/rampart/openapi"
	"github.com/rampart-go/rampart/params"
)

type waitBody struct {
	Wait time.Duration `json:"wait" default:"1m"`
}

// TestDurationSchemas checks that a duration is documented as it travels:
// Go syntax text in a parameter, an integer of nanoseconds in a JSON body.
func TestDurationSchemas(t *testing.T) {
	var s openapi.Schemas
	q := params.Query[time.Duration]("timeout").Meta().(interface {
		OpenAPIParameters(*openapi.Schemas) []*openapi.Parameter
	}).OpenAPIParameters(&s)
	got, _ := json.Marshal(q[0].Schema)
	if !strings.Contains(string(got), `"type":"string","format":"duration"`) {
		t.Errorf("query duration schema = %s, want a string of format duration", got)
	}
	s.For(reflect.TypeFor[waitBody]())
	comps, _ := json.Marshal(s.Components()["waitBody"])
	if !strings.Contains(string(comps), `"type":"integer","format":"int64","default":60000000000`) {
		t.Errorf("body duration schema = %s, want an integer of nanoseconds", comps)
	}
}
