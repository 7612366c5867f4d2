package api_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/emersion/go-vcard"
)

// parseCards reads every card of a response with a vCard library, after
// checking the line rules an address book relies on: CRLF endings and
// lines of at most 75 octets.
func parseCards(t *testing.T, raw []byte) []vcard.Card {
	t.Helper()
	text := string(raw)
	if !strings.HasSuffix(text, "\r\n") || strings.Contains(strings.ReplaceAll(text, "\r\n", ""), "\n") {
		t.Fatalf("not CRLF line endings: %q", text)
	}
	for _, line := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Fatalf("line of %d octets: %q", len(line), line)
		}
	}
	var cards []vcard.Card
	dec := vcard.NewDecoder(bytes.NewReader(raw))
	for {
		c, err := dec.Decode()
		if errors.Is(err, io.EOF) {
			return cards
		}
		if err != nil {
			t.Fatalf("parse: %v\n%s", err, text)
		}
		cards = append(cards, c)
	}
}

func TestContactCardParsesBack(t *testing.T) {
	s := newServer(t)
	org, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Ministry of Security, Sarajevo", "type": "ministry"})
	old, _ := s.create("/api/v1/organizations", "a.officer", map[string]any{"name": "Old Employer", "type": "ngo"})
	local := "أمينة خليل إبراهيم عبد الرحمن الهاشمي من وزارة الأمن في سراييفو"
	id, _ := s.create("/api/v1/contacts", "a.officer", map[string]any{
		"honorific": "Dr", "given_name": "Amina", "family_name": "Hadžić", "name_local": local,
		"email": "amina.hadzic@example.ba", "phone": "+387 33 123 456", "country_code": "BA", "city": "Sarajevo",
		"languages": []string{"bs", "ar"},
		"positions": []map[string]any{
			{"organization_id": old, "title": "Adviser", "start_date": "2015-01-01", "end_date": "2019-12-31"},
			{"organization_id": org, "title": "Head, Unit; Policy", "start_date": "2020-01-01", "primary": true},
		},
	})

	path := fmt.Sprintf("/api/v1/contacts/%d/vcard", id)
	w := s.do(req{method: "GET", path: path, as: "a.viewer"})
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "text/vcard; charset=utf-8" {
		t.Fatalf("%d %v %s", w.Code, w.Header(), w.Body.String())
	}
	raw := w.Body.String()
	cards := parseCards(t, w.Body.Bytes())
	if len(cards) != 1 {
		t.Fatalf("%d cards", len(cards))
	}
	c := cards[0]
	n := c.Name()
	for _, check := range []struct{ what, got, want string }{
		{"VERSION", c.Value(vcard.FieldVersion), "3.0"},
		{"FN", c.PreferredValue(vcard.FieldFormattedName), "Dr Amina Hadžić"},
		{"N family", n.FamilyName, "Hadžić"},
		{"N given", n.GivenName, "Amina"},
		{"N prefix", n.HonorificPrefix, "Dr"},
		{"NICKNAME (the local-script name, folded and unfolded)", c.Value(vcard.FieldNickname), local},
		{"ORG", c.Value(vcard.FieldOrganization), "Ministry of Security, Sarajevo"},
		{"EMAIL", c.Value(vcard.FieldEmail), "amina.hadzic@example.ba"},
		{"TEL", c.Value(vcard.FieldTelephone), "+387 33 123 456"},
		{"NOTE", c.Value(vcard.FieldNote), "Languages: Bosnian, Arabic"},
		{"URL", c.Value(vcard.FieldURL), fmt.Sprintf("http://example.com/contacts/%d", id)},
		{"UID", c.Value(vcard.FieldUID), fmt.Sprintf("contact-%d@example.com", id)},
	} {
		if check.got != check.want {
			t.Errorf("%s: %q, want %q", check.what, check.got, check.want)
		}
	}
	// The current (primary, held) position, with its comma and semicolon
	// escaped as vCard 3.0 asks.
	if !strings.Contains(raw, "TITLE:Head\\, Unit\\; Policy\r\n") || strings.Contains(raw, "Adviser") {
		t.Errorf("title: %s", raw)
	}
	if !strings.Contains(raw, "ADR;TYPE=WORK:;;;Sarajevo;;;Bosnia & Herzegovina\r\n") || !strings.Contains(raw, "\r\nREV:") {
		t.Errorf("address or revision: %s", raw)
	}
	if again := s.do(req{method: "GET", path: path, as: "a.manager"}); again.Body.String() != raw {
		t.Errorf("a second fetch differs:\n%s\n%s", raw, again.Body.String())
	}
}

func TestContactCardOnlyForWhoMayReadTheContact(t *testing.T) {
	s := newServer(t)
	hidden, _ := s.create("/api/v1/contacts", "b.officer", map[string]any{"given_name": "Hidden", "family_name": "Youth", "restricted": true})
	path := fmt.Sprintf("/api/v1/contacts/%d/vcard", hidden)
	for _, as := range []string{"a.viewer", "a.manager"} {
		if w := s.do(req{method: "GET", path: path, as: as}); w.Code != http.StatusNotFound || strings.Contains(w.Body.String(), "Youth") {
			t.Errorf("%s: %d %s", as, w.Code, w.Body.String())
		}
	}
	if w := s.do(req{method: "GET", path: path, as: "b.viewer"}); w.Code != http.StatusOK {
		t.Errorf("its own office: %d", w.Code)
	}
	if w := s.do(req{method: "GET", path: "/api/v1/contacts/999999/vcard", as: "a.viewer"}); w.Code != http.StatusNotFound {
		t.Errorf("no such contact: %d", w.Code)
	}
}

func TestContactCardsOfAList(t *testing.T) {
	s := newServer(t)
	for _, name := range []string{"Kovačević", "Šehić", "Đurić"} {
		s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": "Vcardtest", "family_name": name, "country_code": "BA"})
	}
	s.create("/api/v1/contacts", "b.officer", map[string]any{"given_name": "Vcardtest", "family_name": "Protected", "restricted": true})
	s.create("/api/v1/contacts", "a.officer", map[string]any{"given_name": "Other", "family_name": "Person", "country_code": "IQ"})

	w := s.do(req{method: "GET", path: "/api/v1/contacts/vcard?q=vcardtest&sort=-name", as: "a.manager"})
	if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Disposition"), `attachment; filename="contacts.vcf"`) {
		t.Fatalf("%d %v %s", w.Code, w.Header(), w.Body.String())
	}
	cards := parseCards(t, w.Body.Bytes())
	var got []string
	for _, c := range cards {
		got = append(got, c.Name().FamilyName)
	}
	// The list's search and sort; the restricted contact of another office absent.
	if strings.Join(got, ",") != "Šehić,Kovačević,Đurić" {
		t.Errorf("cards: %v", got)
	}
	if w := s.do(req{method: "GET", path: "/api/v1/contacts/vcard?country_code=IQ", as: "a.admin"}); len(parseCards(t, w.Body.Bytes())) != 1 {
		t.Errorf("filtered by country: %s", w.Body.String())
	}

	// A bulk export of personal data: recorded with its filters and count.
	audit := s.do(req{method: "GET", path: "/api/v1/audit?entity=contact&action=export", as: "a.admin"})
	if !strings.Contains(audit.Body.String(), `"filters":{"new":{"q":"vcardtest","sort":"-name"}`) || !strings.Contains(audit.Body.String(), `"rows":{"new":3,`) {
		t.Errorf("audit: %s", audit.Body.String())
	}

	for _, as := range []string{"a.viewer", "a.officer"} {
		if w := s.do(req{method: "GET", path: "/api/v1/contacts/vcard", as: as}); w.Code != http.StatusForbidden {
			t.Errorf("%s: %d", as, w.Code)
		}
	}
	if w := s.do(req{method: "GET", path: "/api/v1/contacts/vcard?sort=notes", as: "a.manager"}); w.Code != http.StatusUnprocessableEntity {
		t.Errorf("unknown sort: %d", w.Code)
	}
}
