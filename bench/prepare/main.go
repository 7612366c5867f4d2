// Command prepare readies a seeded database for the HTTP benchmarks: it
// issues a personal API token for the benchmark manager (through the
// services, as POST /auth/tokens would) and prints, as shell assignments,
// the token and the records the load scenarios aim at.
//
//	prepare -db sqlite:bench/data/liaison-1m.db
package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"strconv"
	"strings"

	"liaison/models"
	"liaison/seed"
	"liaison/services"
)

func main() {
	dsn := flag.String("db", "sqlite:bench/data/liaison-1m.db", "sqlite:PATH or a postgres:// URL")
	flag.Parse()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	db, err := models.Open(*dsn, quiet)
	if err != nil {
		log.Fatal(err)
	}
	if err := models.Migrate(db); err != nil {
		log.Fatal(err)
	}
	svc := services.New(db, quiet, services.Config{})
	var u models.User
	if err := db.Where("email = ?", seed.ManagerEmail).First(&u).Error; err != nil {
		log.Fatalf("%s: %v (was this database made by seed-bench?)", seed.ManagerEmail, err)
	}
	actor := services.Actor{UserID: u.ID, OfficeID: u.OfficeID, Role: u.Role, Origin: services.Origin{RequestID: "bench-prepare"}}
	_, token, err := svc.Auth.CreateToken(context.Background(), actor, "http benchmark")
	if err != nil {
		log.Fatal(err)
	}
	var bigOrg, typicalOrg, deepID, contactID int64
	var deepName string
	var commitments []int64
	steps := []struct {
		q    string
		dest any
	}{
		{"SELECT organization_id FROM positions GROUP BY organization_id ORDER BY COUNT(*) DESC LIMIT 1", &bigOrg},
		{"SELECT organization_id FROM positions GROUP BY organization_id HAVING COUNT(*) BETWEEN 3 AND 6 ORDER BY organization_id LIMIT 1", &typicalOrg},
	}
	for _, s := range steps {
		if err := db.Raw(s.q).Scan(s.dest).Error; err != nil {
			log.Fatal(err)
		}
	}
	var n int64
	db.Table("contacts").Count(&n)
	row := db.Raw("SELECT full_name, id FROM contacts WHERE deleted_at IS NULL ORDER BY full_name, id LIMIT 1 OFFSET ?", n*4/5).Row()
	if err := row.Scan(&deepName, &deepID); err != nil {
		log.Fatal(err)
	}
	db.Table("commitments").Where("office_id = ? AND status IN ? AND NOT restricted", u.OfficeID, []string{"open", "in_progress"}).
		Order("id").Limit(2000).Pluck("id", &commitments)
	// The contact that get-by-id reads: one in the middle of the table that
	// everyone sees, with positions.
	row = db.Raw("SELECT id FROM contacts WHERE deleted_at IS NULL AND restricted = ? AND merged_into_id IS NULL"+
		" AND EXISTS (SELECT 1 FROM positions WHERE positions.contact_id = contacts.id) ORDER BY id LIMIT 1 OFFSET ?", false, n/2).Row()
	if err := row.Scan(&contactID); err != nil {
		log.Fatal(err)
	}
	cursor, _ := json.Marshal(map[string]any{"s": "full_name", "v": deepName, "i": deepID})
	ids := make([]string, len(commitments))
	for i, id := range commitments {
		ids[i] = strconv.FormatInt(id, 10)
	}
	fmt.Printf("TOKEN=%s\nBIG_ORG=%d\nTYPICAL_ORG=%d\nDEEP_CURSOR=%s\nCOMMITMENTS=%s\nCONTACT=%d\n", token, bigOrg, typicalOrg,
		base64.RawURLEncoding.EncodeToString(cursor), strings.Join(ids, ","), contactID)
}
