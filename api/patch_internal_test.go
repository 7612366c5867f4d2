package api

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// A PATCH body is a JSON merge patch: whatever a client sends, decoding
// never panics, and every field reads as it was sent — absent (untouched),
// null (cleared) or set — never one for another.
func FuzzPatchDecoding(f *testing.F) {
	for _, seed := range []string{`{}`, `{"name":"Ministry"}`, `{"level":null}`, `{"influence":3,"tags":["sdg-16"]}`,
		`{"name":null,"city":""}`, `{"parent_id":12,"interest":null}`, `{"name":"x","name":"y"}`, `[]`, `null`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var p OrganizationPatch
		if json.Unmarshal(body, &p) != nil {
			return
		}
		var present map[string]json.RawMessage
		if json.Unmarshal(body, &present) != nil {
			present = nil // a JSON null: nothing sent
		}
		for k := range present {
			if k != strings.ToLower(k) {
				return // refused by validation before decoding (ValidateStrictCasing)
			}
		}
		v := reflect.ValueOf(p)
		for i := range v.NumField() {
			field := v.Type().Field(i)
			name := strings.Split(field.Tag.Get("json"), ",")[0]
			set := v.Field(i).FieldByName("Set")
			if !set.IsValid() {
				continue // not an Optional
			}
			raw, sent := present[name]
			if set.Bool() != sent {
				t.Fatalf("%s: Set = %v, sent %v in %s", name, set.Bool(), sent, body)
			}
			isNull := sent && bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
			if v.Field(i).FieldByName("Null").Bool() != isNull {
				t.Fatalf("%s: Null = %v for %s", name, !isNull, raw)
			}
		}
	})
}
