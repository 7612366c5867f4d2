package api

import (
	"encoding/json"
	"reflect"

	"github.com/danielgtaylor/huma/v2"

	"liaison/services"
)

// Optional is one field of a PATCH body: it tells a field the client left
// out (untouched) from one sent as null (cleared) and one with a value. The
// `nullable:"true"` tag on the field says whether null is allowed; huma
// validates that before the handler runs.
type Optional[T any] struct {
	Set   bool
	Null  bool
	Value T
}

// UnmarshalJSON is only called for fields present in the body.
func (o *Optional[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if string(b) == "null" {
		o.Null = true
		return nil
	}
	return json.Unmarshal(b, &o.Value)
}

// Schema documents an Optional as its value type.
func (o Optional[T]) Schema(r huma.Registry) *huma.Schema {
	return r.Schema(reflect.TypeFor[T](), true, "")
}

// change converts a field that may not be null.
func change[T any](o Optional[T]) services.Change[T] {
	return services.Change[T]{Set: o.Set, Value: o.Value}
}

// changeNullable converts a field where null clears the value.
func changeNullable[T any](o Optional[T]) services.Change[*T] {
	if !o.Set {
		return services.Change[*T]{}
	}
	if o.Null {
		return services.Change[*T]{Set: true}
	}
	v := o.Value
	return services.Change[*T]{Set: true, Value: &v}
}

// changeEnum converts an optional enum field to a change of its string.
func changeEnum[E ~string](o Optional[E]) services.Change[string] {
	return services.Change[string]{Set: o.Set, Value: string(o.Value)}
}

// changeNullableEnum converts an optional, nullable enum field.
func changeNullableEnum[E ~string](o Optional[E]) services.Change[*string] {
	if !o.Set {
		return services.Change[*string]{}
	}
	if o.Null {
		return services.Change[*string]{Set: true}
	}
	v := string(o.Value)
	return services.Change[*string]{Set: true, Value: &v}
}

// enumPtr converts an optional enum of a create body to *string.
func enumPtr[E ~string](e *E) *string {
	if e == nil {
		return nil
	}
	s := string(*e)
	return &s
}
