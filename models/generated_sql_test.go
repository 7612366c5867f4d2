package models

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "write the generated migrations that are not released yet (go generate ./models)")

// releasedSQL pins every released generated migration file by the SHA-256
// of its text: a released migration never changes, its file included. Pin
// a new file here when its migration ships.
var releasedSQL = map[string]string{
	"sqlite/0002_search.sql":                   "296261fb06f11e31a2b7fa24507851c564ccadd579ca46eeca3e82203cb55080",
	"sqlite/0007_organization_last_held.sql":   "a507a01441d7bc60eb6bc1b974d903551378b7ceb8c9e51db2932902bcd4ee89",
	"sqlite/0008_organization_last_held.sql":   "8e9c0ce87178aabe2d7269f72017e54777391cd3d59a68208545da747c6ad3bd",
	"sqlite/0009_organization_activity.sql":    "76e3c646c60181d74b60c54d41d709d4c3975918a2fb36541ae671cdafc2beed",
	"sqlite/0010_stale_epoch.sql":              "252f68ce82bb40a4d02313c5f59f227986994efbcc2b53d77a707630fddd8b38",
	"postgres/0002_search.sql":                 "e830065977a78b09e92b4c0f0905481f1fd4c7e80d9f11f0d04b129b51e816ce",
	"postgres/0007_organization_last_held.sql": "8301fd9e9ea941e7d7d52cdd2f4095443aa34007250f7239dbee9d65aea3ff0e",
	"postgres/0008_organization_last_held.sql": "a42c07c40c85d02695ce96084cec27c7fb3bdba821680a37eaea221b79c0843a",
	"postgres/0009_organization_activity.sql":  "b90566234a83296ff4543caa470a2e853961c2a115679295ae2ce05524c7da3f",
	"postgres/0010_stale_epoch.sql":            "5294947a089004bab0836fc8edc5385ed8cd6ef53f4e89182e6b9f134ca22842",
}

// TestGeneratedMigrationSQL regenerates the migrations' SQL from the
// definitions as they stand and compares it with the files the migrations
// run: the triggers of every maintained table (full-text, last held,
// activity, stale epoch) are covered by the newest file of each, which
// always has a build. With -update (go generate ./models) it writes the
// files that are not released yet.
func TestGeneratedMigrationSQL(t *testing.T) {
	for _, m := range generatedMigrations {
		if m.build == nil {
			continue
		}
		for _, d := range dialects {
			rel := d + "/" + m.file
			want, err := renderMigration(m.file, d, m.build(d))
			if err != nil {
				t.Fatal(err)
			}
			if got := splitMigration(want); strings.Join(got, "\x00") != strings.Join(m.build(d), "\x00") {
				t.Fatalf("%s: the statements do not read back as written", rel)
			}
			path := filepath.Join("migrations", d, m.file)
			disk, err := os.ReadFile(path)
			if err == nil && string(disk) == want {
				continue
			}
			if _, released := releasedSQL[rel]; released {
				t.Errorf("%s is released and its definitions changed: a released migration is frozen. "+
					"Add a new migration that installs the change (an entry in generatedMigrations and in migrations()), "+
					"set build to nil on this entry, and run go generate ./models", rel)
				continue
			}
			if !*update {
				t.Errorf("%s is stale or missing: run go generate ./models", rel)
				continue
			}
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestReleasedMigrationSQLIsFrozen keeps every released generated file as
// it shipped.
func TestReleasedMigrationSQLIsFrozen(t *testing.T) {
	for rel, pinned := range releasedSQL {
		raw, err := os.ReadFile(filepath.Join("migrations", rel))
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		sum := sha256.Sum256(raw)
		if got := hex.EncodeToString(sum[:]); got != pinned {
			t.Errorf("%s changed (sha256 %s, pinned %s): a released migration is frozen; add a new one", rel, got, pinned)
		}
	}
}

// TestEveryGeneratedFileIsAMigration keeps the folders to what runs.
func TestEveryGeneratedFileIsAMigration(t *testing.T) {
	run := map[string]bool{}
	for _, m := range generatedMigrations {
		run[m.file] = true
	}
	for _, d := range dialects {
		entries, err := migrationFiles.ReadDir("migrations/" + d)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !run[e.Name()] {
				t.Errorf("migrations/%s/%s is not in generatedMigrations", d, e.Name())
			}
		}
	}
}
