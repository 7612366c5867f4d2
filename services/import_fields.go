package services

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"liaison/models"
)

// Import kinds: the collections a spreadsheet can fill.
const (
	ImportOrganizations = "organizations"
	ImportContacts      = "contacts"
	ImportInteractions  = "interactions"
	ImportCommitments   = "commitments"
)

// ImportKinds lists the import kinds.
var ImportKinds = []string{ImportOrganizations, ImportContacts, ImportInteractions, ImportCommitments}

// ImportField is one column an import of some kind understands. Name is
// what a mapping names it with; a header equal to Name, Label or one of
// Aliases (case and spacing ignored) maps to it by itself.
type ImportField struct {
	Name     string
	Label    string   // the English label, as the forms show it
	Aliases  []string // the API's own field names where they differ (owner_id)
	Example  string   // the template's example row
	Required bool     // a row without it cannot be saved (the template says so)
	Doc      string   // what the cell holds, for the API description
}

// participantsDoc is the cell format of an interaction's participants.
const participantsDoc = "one participant per line, or separated by \";\": an organization's name or acronym, a contact's " +
	"full name or email, or an id written #12 (organization) or @12 (contact); a role may follow in brackets, " +
	"\"UNDP [host]\" (host, participant, speaker, organiser, observer; participant when left out)"

// ImportFields are the columns of each import kind, in template order.
var ImportFields = map[string][]ImportField{
	ImportOrganizations: {
		{Name: "name", Label: "Name", Example: "Ministry of Civil Affairs", Required: true},
		{Name: "name_local", Label: "Local name", Example: "Ministarstvo civilnih poslova"},
		{Name: "acronym", Label: "Acronym", Example: "MCP"},
		{Name: "type", Label: "Type", Example: "ministry", Required: true},
		{Name: "level", Label: "Level", Example: "national"},
		{Name: "country_code", Label: "Country", Example: "BA"},
		{Name: "city", Label: "City", Example: "Sarajevo"},
		{Name: "parent", Label: "Parent organization", Aliases: []string{"parent_id"}, Doc: "the parent's id, name or acronym in your office"},
		{Name: "website", Label: "Website", Example: "https://www.mcp.gov.ba"},
		{Name: "email", Label: "Email", Example: "info@mcp.gov.ba"},
		{Name: "phone", Label: "Phone", Example: "+387 33 492 500"},
		{Name: "description", Label: "Description"},
		{Name: "influence", Label: "Influence", Example: "4", Doc: "1 to 5"},
		{Name: "interest", Label: "Interest", Example: "3", Doc: "1 to 5"},
		{Name: "owner", Label: "Owner", Aliases: []string{"owner_id"}, Doc: "the owner's email or user id; you when empty"},
		{Name: "tags", Label: "Tags", Example: "sdg-16", Doc: "tag slugs separated by commas"},
	},
	ImportContacts: {
		{Name: "honorific", Label: "Honorific", Example: "Ms"},
		{Name: "given_name", Label: "Given name", Example: "Amra"},
		{Name: "family_name", Label: "Family name", Example: "Hodžić", Required: true, Doc: "a given, family or local-script name is required"},
		{Name: "name_local", Label: "Local name"},
		{Name: "gender", Label: "Gender", Example: "female"},
		{Name: "email", Label: "Email", Example: "amra.hodzic@example.ba"},
		{Name: "phone", Label: "Phone", Example: "+387 61 123 456"},
		{Name: "languages", Label: "Languages", Example: "bs,en", Doc: "ISO 639-1 codes separated by commas"},
		{Name: "country_code", Label: "Country", Example: "BA"},
		{Name: "city", Label: "City", Example: "Sarajevo"},
		{Name: "organization", Label: "Organization", Aliases: []string{"organization_id"}, Example: "MCP",
			Doc: "the organization of the contact's position: its id, name or acronym in your office"},
		{Name: "title", Label: "Title", Aliases: []string{"position", "job_title"}, Example: "Head of Department", Doc: "the position's title"},
		{Name: "notes", Label: "Notes"},
		{Name: "restricted", Label: "Restricted", Example: "no", Doc: "yes or no"},
		{Name: "consent_basis", Label: "Consent basis", Example: "public_role"},
		{Name: "consent_date", Label: "Consent date", Example: "2026-03-14", Doc: "when consent was given"},
		{Name: "consent_source", Label: "Consent source", Example: "signed form, Zenica workshop", Doc: "how consent was given"},
		{Name: "owner", Label: "Owner", Aliases: []string{"owner_id"}, Doc: "the owner's email or user id; you when empty"},
		{Name: "tags", Label: "Tags", Doc: "tag slugs separated by commas"},
	},
	ImportInteractions: {
		{Name: "kind", Label: "Kind", Example: "meeting", Required: true},
		{Name: "status", Label: "Status", Example: "held", Doc: "held when empty and in the past, else planned"},
		{Name: "subject", Label: "Subject", Example: "Coordination meeting on civil registration", Required: true},
		{Name: "summary", Label: "Summary"},
		{Name: "starts_at", Label: "Starts at", Example: "2026-11-20 10:00", Required: true,
			Doc: "a date and time: 2026-11-20 10:00, 20.11.2026 10:00, RFC 3339, or a spreadsheet date (times are UTC)"},
		{Name: "ends_at", Label: "Ends at", Example: "2026-11-20 11:30"},
		{Name: "location", Label: "Location", Example: "Trg BiH 1"},
		{Name: "city", Label: "City", Example: "Sarajevo"},
		{Name: "country_code", Label: "Country", Example: "BA"},
		{Name: "participants", Label: "Participants", Example: "MCP [host]; Amra Hodžić", Doc: participantsDoc},
		{Name: "restricted", Label: "Restricted", Example: "no", Doc: "yes or no"},
		{Name: "owner", Label: "Owner", Aliases: []string{"owner_id"}, Doc: "the owner's email or user id; you when empty"},
		{Name: "tags", Label: "Tags", Doc: "tag slugs separated by commas"},
	},
	ImportCommitments: {
		{Name: "title", Label: "Title", Example: "Send the draft agreement", Required: true},
		{Name: "details", Label: "Details"},
		{Name: "direction", Label: "Direction", Example: "ours"},
		{Name: "counterpart_organization", Label: "Counterpart organization", Aliases: []string{"counterpart_organization_id"},
			Example: "MCP", Doc: "its id, name or acronym in your office"},
		{Name: "counterpart_contact", Label: "Counterpart contact", Aliases: []string{"counterpart_contact_id"},
			Doc: "the contact's id, email or full name in your office"},
		{Name: "due_date", Label: "Due date", Example: "2026-12-15", Doc: "2026-12-15, 15.12.2026 or a spreadsheet date"},
		{Name: "status", Label: "Status", Example: "open"},
		{Name: "priority", Label: "Priority", Example: "normal"},
		{Name: "restricted", Label: "Restricted", Example: "no", Doc: "yes or no"},
		{Name: "closure_note", Label: "Closure note"},
		{Name: "owner", Label: "Owner", Aliases: []string{"owner_id"}, Doc: "who follows it up: an email or user id; you when empty"},
		{Name: "tags", Label: "Tags", Doc: "tag slugs separated by commas"},
	},
}

// importField finds a field of kind by its name.
func importField(kind, name string) (ImportField, bool) {
	i := slices.IndexFunc(ImportFields[kind], func(f ImportField) bool { return f.Name == name })
	if i < 0 {
		return ImportField{}, false
	}
	return ImportFields[kind][i], true
}

// headerKey folds a header for matching: case, accents, spaces, dashes and
// underscores ignored ("Given name", "given_name" and "GIVEN-NAME" agree).
func headerKey(h string) string {
	h = models.Fold(strings.TrimSpace(h))
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '_' || r == '-' || r == '.' || r == '*' {
			return -1
		}
		return r
	}, h)
}

// suggestField is the field a header maps to by itself, or "".
func suggestField(kind, header string) string {
	k := headerKey(header)
	if k == "" {
		return ""
	}
	for _, f := range ImportFields[kind] {
		if headerKey(f.Name) == k || headerKey(f.Label) == k {
			return f.Name
		}
		for _, a := range f.Aliases {
			if headerKey(a) == k {
				return f.Name
			}
		}
	}
	return ""
}

// The parsers below read one cell into a field's value, adding a field
// error under the field's name when the cell cannot be read.

func cellText(v string) string { return strings.TrimSpace(v) }

// cellEnum reads an enumeration value as people write it: "Study visit" for
// study_visit. The service's own check then says whether it is one.
func cellEnum(v string) string {
	return strings.ReplaceAll(strings.ToLower(strings.Join(strings.Fields(v), " ")), " ", "_")
}

func cellOptional(v string) *string {
	if v = strings.TrimSpace(v); v == "" {
		return nil
	}
	return &v
}

func cellCountry(v string) *string {
	if v = strings.ToUpper(strings.TrimSpace(v)); v == "" {
		return nil
	}
	return &v
}

// cellList splits a list cell at commas or semicolons.
func cellList(v string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func cellBool(field, v string, verr *ValidationError) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "no", "n", "false", "0", "ne", "لا", "false()":
		return false
	case "yes", "y", "true", "1", "da", "نعم", "x", "true()":
		return true
	}
	verr.add(field, "must be yes or no")
	return false
}

func cellInt(field, v string, verr *ValidationError) *int {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	n, err := strconv.Atoi(strings.TrimSuffix(v, ".0"))
	if err != nil {
		verr.add(field, "must be a whole number")
		return nil
	}
	return &n
}

// excelEpoch is day 0 of spreadsheet serial dates (1900 system, with
// Lotus's leap-year error, as Excel and LibreOffice write them).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// cellTime reads a date and time: ISO and RFC 3339, the day-first forms
// Bosnian spreadsheets use, or a spreadsheet serial number. Times without
// a zone are taken as UTC.
func cellTime(field, v string, verr *ValidationError) *time.Time {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil && f > 0 && f < 2958466 {
		t := excelEpoch.Add(time.Duration(math.Round(f*86400)) * time.Second)
		return &t
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02",
		"02.01.2006 15:04", "2.1.2006 15:04", "02.01.2006.", "02.01.2006", "2.1.2006", "02/01/2006 15:04", "02/01/2006"} {
		if t, err := time.Parse(layout, v); err == nil {
			t = t.UTC()
			return &t
		}
	}
	verr.add(field, "must be a date and time, such as 2026-11-20 10:00")
	return nil
}

// cellDate reads a plain date as cellTime does, as YYYY-MM-DD.
func cellDate(field, v string, verr *ValidationError) *string {
	t := cellTime(field, v, verr)
	if t == nil {
		return nil
	}
	d := t.Format(time.DateOnly)
	return &d
}
