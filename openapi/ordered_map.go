package openapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"iter"
)

// OrderedMap is a JSON object whose keys keep the order in which they were
// first set. The document uses it where order carries meaning for a reader:
// [Paths] in declaration order and a schema's properties in struct field
// order, as FastAPI emits them.
//
// The zero value is an empty map ready to use. An OrderedMap is not safe for
// concurrent use; copying one shares its storage with the original.
type OrderedMap[V any] struct {
	keys []string
	vals map[string]V
}

var (
	_ json.Marshaler   = OrderedMap[*Schema]{}
	_ json.Unmarshaler = (*OrderedMap[*Schema])(nil)
)

// Set stores v under key. A new key goes to the end; an existing key keeps
// its place and takes the new value.
func (m *OrderedMap[V]) Set(key string, v V) {
	if m.vals == nil {
		m.vals = make(map[string]V)
	}
	if _, ok := m.vals[key]; !ok {
		m.keys = append(m.keys, key)
	}
	m.vals[key] = v
}

// Get returns the value stored under key and whether there was one.
func (m OrderedMap[V]) Get(key string) (V, bool) {
	v, ok := m.vals[key]
	return v, ok
}

// Len reports the number of keys.
func (m OrderedMap[V]) Len() int { return len(m.keys) }

// IsZero reports whether the map is empty, so that a field tagged
// omitzero leaves an empty map out of the JSON.
func (m OrderedMap[V]) IsZero() bool { return len(m.keys) == 0 }

// Keys returns the keys in order. The caller may modify the slice.
func (m OrderedMap[V]) Keys() []string {
	return append([]string(nil), m.keys...)
}

// Clone returns a copy of m that shares nothing with it but the values.
func (m OrderedMap[V]) Clone() OrderedMap[V] {
	c := OrderedMap[V]{keys: append([]string(nil), m.keys...)}
	if m.vals != nil {
		c.vals = make(map[string]V, len(m.vals))
		for k, v := range m.vals {
			c.vals[k] = v
		}
	}
	return c
}

// All yields the keys and their values in order.
func (m OrderedMap[V]) All() iter.Seq2[string, V] {
	return func(yield func(string, V) bool) {
		for _, k := range m.keys {
			if !yield(k, m.vals[k]) {
				return
			}
		}
	}
}

// MarshalJSON writes the map as a JSON object with its keys in order. An
// empty map is written as {}, never null.
func (m OrderedMap[V]) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, k := range m.keys {
		if i > 0 {
			buf.WriteByte(',')
		}
		key, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		val, err := json.Marshal(m.vals[k])
		if err != nil {
			return nil, fmt.Errorf("key %q: %w", k, err)
		}
		buf.Write(key)
		buf.WriteByte(':')
		buf.Write(val)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// UnmarshalJSON reads a JSON object, keeping its keys in the order they
// appear. It replaces what the map held before.
func (m *OrderedMap[V]) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('{') {
		return fmt.Errorf("openapi: expected a JSON object, got %v", tok)
	}

	*m = OrderedMap[V]{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key := tok.(string) // the decoder only yields strings as object keys
		var v V
		if err := dec.Decode(&v); err != nil {
			return fmt.Errorf("openapi: key %q: %w", key, err)
		}
		m.Set(key, v)
	}
	_, err = dec.Token() // the closing brace
	return err
}
