package main

import (
	"database/sql"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// oneContact is a contact as GET /api/v1/contacts/{id} shows a live one:
// the list's fields and the consent fields.
type oneContact struct {
	contact
	ConsentDate        *string    `json:"consent_date"`
	ConsentSource      string     `json:"consent_source"`
	ConsentWithdrawnAt *time.Time `json:"consent_withdrawn_at"`
}

// contact answers GET /raw/contacts/{id}: one live contact the user may
// see (the visibility rule: not restricted, or of the user's office), with
// its positions and tags, and its version as the ETag, as Liaison does.
func (s *server) contact(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		http.Error(w, "bad id", http.StatusUnprocessableEntity)
		return
	}
	ctx := r.Context()
	c := oneContact{contact: contact{Positions: []position{}, Tags: []string{}, Languages: []string{}}}
	var langs string
	err = s.db.QueryRowContext(ctx, s.bind("SELECT id, version, created_at, updated_at, office_id, owner_id, honorific, given_name, family_name, full_name, name_local, gender, email, phone, languages, country_code, city, notes, restricted, consent_basis, consent_date, consent_source, consent_withdrawn_at FROM contacts WHERE id = ? AND deleted_at IS NULL AND (restricted = ? OR office_id = ?)"), id, false, s.office).
		Scan(&c.ID, &c.Version, &c.CreatedAt, &c.UpdatedAt, &c.OfficeID, &c.OwnerID, &c.Honorific, &c.GivenName,
			&c.FamilyName, &c.FullName, &c.NameLocal, &c.Gender, &c.Email, &c.Phone, &langs, &c.CountryCode, &c.City, &c.Notes,
			&c.Restricted, &c.ConsentBasis, &c.ConsentDate, &c.ConsentSource, &c.ConsentWithdrawnAt)
	if errors.Is(err, sql.ErrNoRows) {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if langs != "" {
		c.Languages = strings.Split(langs, ",")
	}
	prs, err := s.db.QueryContext(ctx, s.bind(`SELECT organization_id, title, start_date, end_date, "primary" FROM positions WHERE contact_id = ?`+
		` ORDER BY "primary" DESC, COALESCE(end_date, '9999-12-31') DESC, COALESCE(start_date, '') DESC, id`), id)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	for prs.Next() {
		var p position
		if err := prs.Scan(&p.OrganizationID, &p.Title, &p.StartDate, &p.EndDate, &p.Primary); err == nil {
			c.Positions = append(c.Positions, p)
		}
	}
	prs.Close()
	trs, err := s.db.QueryContext(ctx, s.bind("SELECT tags.slug FROM taggings JOIN tags ON tags.id = taggings.tag_id WHERE taggings.entity_type = 'contact' AND taggings.entity_id = ? ORDER BY tags.slug"), id)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	for trs.Next() {
		var slug string
		if err := trs.Scan(&slug); err == nil {
			c.Tags = append(c.Tags, slug)
		}
	}
	trs.Close()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("ETag", `"`+strconv.FormatInt(c.Version, 10)+`"`)
	_ = json.NewEncoder(w).Encode(c)
}
