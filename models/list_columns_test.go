package models

import (
	"context"
	"reflect"
	"slices"
	"sync"
	"testing"

	"gorm.io/gorm/schema"
)

type listed interface {
	ListColumns() []string
	ScanTargets() []any
}

// Every column of a listed table but search_text is read by the lists, and
// each lands in the field gorm maps that column to.
func TestListColumnsCoverEveryFieldInOrder(t *testing.T) {
	for _, model := range []listed{&Contact{}, &Organization{}, &Visit{}, &Interaction{}, &Commitment{}} {
		s, err := schema.Parse(model, &sync.Map{}, schema.NamingStrategy{})
		if err != nil {
			t.Fatal(err)
		}
		t.Run(s.Table, func(t *testing.T) {
			want := slices.DeleteFunc(slices.Clone(s.DBNames), func(c string) bool { return c == "search_text" })
			got := model.ListColumns()
			if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) {
				t.Fatalf("list columns %v, table columns %v", got, want)
			}
			targets := model.ScanTargets()
			if len(targets) != len(got) {
				t.Fatalf("%d scan targets for %d columns", len(targets), len(got))
			}
			value := reflect.ValueOf(model).Elem()
			for i, column := range got {
				field := s.FieldsByDBName[column].ReflectValueOf(context.Background(), value)
				if field.Addr().Interface() != targets[i] {
					t.Errorf("column %d %q is scanned into another field", i, column)
				}
			}
		})
	}
}
