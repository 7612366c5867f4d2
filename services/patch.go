package services

// Change is one field of a JSON merge patch: Set says the client sent the
// field; for nullable fields T is a pointer and a nil Value clears it.
type Change[T any] struct {
	Set   bool
	Value T
}

// To returns a set Change.
func To[T any](v T) Change[T] { return Change[T]{Set: true, Value: v} }

// apply writes the change into dst when the client sent it.
func (c Change[T]) apply(dst *T) {
	if c.Set {
		*dst = c.Value
	}
}
