package services

import (
	"strings"
	"testing"
)

// The fixed hash for unknown emails costs what a real one costs: it has the
// parameters HashPassword uses.
func TestDummyHashHasCurrentParameters(t *testing.T) {
	real, err := HashPassword("x")
	if err != nil {
		t.Fatal(err)
	}
	params := func(h string) string { return strings.Join(strings.Split(h, "$")[:4], "$") }
	if params(dummyHash) != params(real) {
		t.Errorf("dummyHash %s, HashPassword %s: regenerate dummyHash", params(dummyHash), params(real))
	}
}
