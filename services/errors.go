package services

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"liaison/services/query"
)

// The error kinds every service method returns; the API maps each to one
// HTTP status in a single place.
var (
	ErrNotFound        = errors.New("not found")          // absent, archived, or not visible to the actor
	ErrForbidden       = errors.New("forbidden")          // visible, but the actor may not do this
	ErrUnauthenticated = errors.New("not signed in")      // bad credentials or dead session
	ErrConflict        = errors.New("conflict")           // a unique value is taken
	ErrStale           = errors.New("stale version")      // If-Match does not match the stored version
	ErrInvalidCursor   = query.ErrInvalidCursor           // a cursor that this list did not issue
	ErrUnknownSort     = query.ErrUnknownSort             // a sort the list does not offer
	ErrPasswordPolicy  = errors.New("password too short") // reported as a field error
)

// FieldError says what is wrong with one input field. Field is the JSON name
// (or a dotted path such as "positions.0.organization_id").
type FieldError struct {
	Field   string
	Message string
}

// ValidationError carries every field error of one request.
type ValidationError struct{ Fields []FieldError }

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Message
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// add records a field error; the zero ValidationError is ready to use.
func (e *ValidationError) add(field, format string, args ...any) {
	e.Fields = append(e.Fields, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// orNil returns the error when it holds any field error.
func (e *ValidationError) orNil() error {
	if len(e.Fields) == 0 {
		return nil
	}
	return e
}

// ThrottledError says the caller must wait before trying again.
type ThrottledError struct{ RetryAfter time.Duration }

func (e *ThrottledError) Error() string { return "too many attempts" }

// ConflictError names the field whose unique value is taken.
type ConflictError struct{ Field, Message string }

func (e *ConflictError) Error() string { return e.Message }
func (e *ConflictError) Unwrap() error { return ErrConflict }
