package services

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"liaison/models"
)

func mustTime(s string) time.Time { return must(time.Parse(time.RFC3339, s)) }

// attachables makes one record of each kind that carries notes and
// documents in office key ("a" or "b"); contacts and interactions are
// restricted when asked.
func (e *env) attachables(key string, restricted bool) map[string]RecordRef {
	e.t.Helper()
	officer := e.as(key + ".officer")
	org := must(e.svc.Organizations.Create(e.ctx, officer, OrganizationInput{Name: "Ministry of Security", Type: "ministry"}))
	contact := must(e.svc.Contacts.Create(e.ctx, officer, ContactInput{GivenName: "Amra", FamilyName: "Hadžić", Restricted: restricted}))
	visit := must(e.svc.Visits.Create(e.ctx, officer, VisitInput{Title: "Study visit", Kind: "study_visit", StartDate: "2026-11-23", EndDate: "2026-11-27"}))
	meeting := must(e.svc.Interactions.Create(e.ctx, officer, InteractionInput{Kind: "meeting", Subject: "Youth and parents, Zenica",
		StartsAt: mustTime("2026-11-26T10:00:00Z"), Restricted: restricted}))
	return map[string]RecordRef{
		models.EntityOrganization: {Entity: models.EntityOrganization, ID: org.ID},
		models.EntityContact:      {Entity: models.EntityContact, ID: contact.ID},
		models.EntityVisit:        {Entity: models.EntityVisit, ID: visit.ID},
		models.EntityInteraction:  {Entity: models.EntityInteraction, ID: meeting.ID},
	}
}

func TestNotesFollowTheirRecordsVisibility(t *testing.T) {
	e := newEnv(t)
	hidden := e.attachables("b", true)
	open := e.attachables("b", false)
	for entity, ref := range hidden {
		must(e.svc.Notes.Create(e.ctx, e.as("b.officer"), ref, "Met the family at home."))
		must(e.svc.Notes.Create(e.ctx, e.as("b.officer"), open[entity], "Open remark."))
	}
	restrictable := map[string]bool{models.EntityContact: true, models.EntityInteraction: true}
	for _, who := range []string{"a.viewer", "a.officer", "a.manager", "a.admin", "b.viewer"} {
		for entity, ref := range hidden {
			t.Run(who+"/"+entity, func(t *testing.T) {
				actor := e.as(who)
				page, err := e.svc.Notes.List(e.ctx, actor, ref, ListParams{})
				hiddenFromActor := restrictable[entity] && actor.OfficeID != e.fx.OfficeB && !actor.IsAdmin()
				if hiddenFromActor {
					if !errors.Is(err, ErrNotFound) {
						t.Fatalf("list of a hidden record's notes: %v, want ErrNotFound", err)
					}
					return
				}
				if err != nil || len(page.Items) != 1 {
					t.Fatalf("list: %v %+v", err, page.Items)
				}
				if _, err := e.svc.Notes.Get(e.ctx, actor, page.Items[0].ID); err != nil {
					t.Fatalf("get: %v", err)
				}
				if open := must(e.svc.Notes.List(e.ctx, actor, open[entity], ListParams{})); len(open.Items) != 1 {
					t.Fatalf("open record's notes: %+v", open.Items)
				}
			})
		}
	}
	// A hidden note read by id is absent too.
	b := must(e.svc.Notes.List(e.ctx, e.as("b.viewer"), hidden[models.EntityContact], ListParams{}))
	if _, err := e.svc.Notes.Get(e.ctx, e.as("a.manager"), b.Items[0].ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("get of a hidden note: %v", err)
	}
	// Restricting a record later hides its notes at once.
	c := must(e.svc.Contacts.Get(e.ctx, e.as("b.officer"), open[models.EntityContact].ID))
	must(e.svc.Contacts.Update(e.ctx, e.as("b.officer"), c.ID, nil, ContactPatch{Restricted: To(true)}))
	if _, err := e.svc.Notes.List(e.ctx, e.as("a.viewer"), open[models.EntityContact], ListParams{}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("notes of a contact restricted after: %v", err)
	}
	if _, err := e.svc.Notes.List(e.ctx, e.as("a.viewer"), RecordRef{Entity: "commitment", ID: 1}, ListParams{}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("notes of an entity that has none: %v", err)
	}
}

func TestWhoMayWriteNotes(t *testing.T) {
	e := newEnv(t)
	own := e.attachables("a", false)[models.EntityOrganization]
	other := e.attachables("b", false)[models.EntityOrganization]
	for _, tc := range []struct {
		who         string
		on          RecordRef
		create      error
		editOwnNote error // a.officer's note on the record
		deleteIt    error
	}{
		{"a.viewer", own, ErrForbidden, ErrForbidden, ErrForbidden},
		{"a.officer", own, nil, nil, nil}, // the author
		{"a.manager", own, nil, ErrForbidden, ErrForbidden},
		{"a.admin", own, nil, ErrForbidden, nil}, // admins remove, never rewrite
		{"a.officer", other, ErrForbidden, nil, nil},
		{"b.officer", own, ErrForbidden, ErrForbidden, ErrForbidden},
		{"b.admin", own, nil, ErrForbidden, nil},
	} {
		t.Run(tc.who+fmt.Sprintf("/%d", tc.on.ID), func(t *testing.T) {
			actor := e.as(tc.who)
			if _, err := e.svc.Notes.Create(e.ctx, actor, tc.on, "A remark."); !errors.Is(err, tc.create) {
				t.Errorf("create: %v, want %v", err, tc.create)
			}
			mine := own
			if tc.on == other {
				mine = other
			}
			author := e.as("a.officer")
			if mine == other {
				author = e.as("b.officer")
			}
			n := must(e.svc.Notes.Create(e.ctx, author, mine, "The author's words."))
			if tc.on == other {
				// a.officer is not the author of b.officer's note.
				if _, err := e.svc.Notes.Update(e.ctx, actor, n.ID, nil, NotePatch{Body: To("Rewritten.")}); !errors.Is(err, ErrForbidden) {
					t.Errorf("edit another office's note: %v", err)
				}
				return
			}
			if _, err := e.svc.Notes.Update(e.ctx, actor, n.ID, ptr(int64(1)), NotePatch{Body: To("Rewritten.")}); !errors.Is(err, tc.editOwnNote) {
				t.Errorf("edit: %v, want %v", err, tc.editOwnNote)
			}
			if err := e.svc.Notes.Delete(e.ctx, actor, n.ID, nil); !errors.Is(err, tc.deleteIt) {
				t.Errorf("delete: %v, want %v", err, tc.deleteIt)
			}
		})
	}
}

func TestNoteEditsAreVersionedAndAudited(t *testing.T) {
	e := newEnv(t)
	on := e.attachables("a", false)[models.EntityVisit]
	officer := e.as("a.officer")
	n := must(e.svc.Notes.Create(e.ctx, officer, on, "  **Agenda** agreed.  "))
	if n.Body != "**Agenda** agreed." || n.Version != 1 || n.AuthorID != officer.UserID || n.EntityType != "visit" {
		t.Fatalf("created = %+v", n)
	}
	u := must(e.svc.Notes.Update(e.ctx, officer, n.ID, ptr(int64(1)), NotePatch{Body: To("Agenda agreed; minutes to follow.")}))
	if u.Version != 2 || u.Body != "Agenda agreed; minutes to follow." {
		t.Fatalf("updated = %+v", u)
	}
	if _, err := e.svc.Notes.Update(e.ctx, officer, n.ID, ptr(int64(1)), NotePatch{Body: To("Stale.")}); !errors.Is(err, ErrStale) {
		t.Fatalf("stale update: %v", err)
	}
	if same := must(e.svc.Notes.Update(e.ctx, officer, n.ID, ptr(int64(2)), NotePatch{Body: To(u.Body)})); same.Version != 2 {
		t.Fatalf("a no-op patch bumped the version to %d", same.Version)
	}
	for _, body := range []string{"", "   ", strings.Repeat("x", maxNoteBody+1)} {
		if _, err := e.svc.Notes.Update(e.ctx, officer, n.ID, nil, NotePatch{Body: To(body)}); !slices.Equal(fieldErrors(t, err), []string{"body"}) {
			t.Errorf("body of %d characters: %v", len(body), err)
		}
	}
	if err := e.svc.Notes.Delete(e.ctx, officer, n.ID, ptr(int64(1))); !errors.Is(err, ErrStale) {
		t.Fatalf("stale delete: %v", err)
	}
	if err := e.svc.Notes.Delete(e.ctx, officer, n.ID, ptr(int64(2))); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Notes.Get(e.ctx, officer, n.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a deleted note is gone: %v", err)
	}
	// The visit's history tells all three, to anyone who sees the visit.
	history := must(e.svc.Audit.List(e.ctx, e.as("b.viewer"), AuditFilter{Entity: []string{"visit"}, EntityID: []int64{on.ID}}))
	var actions []string
	for _, ev := range history.Items {
		actions = append(actions, ev.Action)
	}
	if !slices.Equal(actions, []string{ActionNoteDelete, ActionNoteUpdate, ActionNoteCreate, ActionCreate}) {
		t.Fatalf("history = %v", actions)
	}
}

func TestNoteListPagesNewestFirst(t *testing.T) {
	e := newEnv(t)
	on := e.attachables("a", false)[models.EntityOrganization]
	for i := range 5 {
		must(e.svc.Notes.Create(e.ctx, e.as("a.officer"), on, fmt.Sprintf("Note %d", i)))
	}
	var bodies []string
	p := ListParams{Limit: 2, Count: true}
	for {
		page := must(e.svc.Notes.List(e.ctx, e.as("a.viewer"), on, p))
		if *page.Total != 5 {
			t.Fatalf("total = %d", *page.Total)
		}
		for _, n := range page.Items {
			bodies = append(bodies, n.Body)
		}
		if page.NextCursor == "" {
			break
		}
		p.Cursor = page.NextCursor
	}
	if !slices.Equal(bodies, []string{"Note 4", "Note 3", "Note 2", "Note 1", "Note 0"}) {
		t.Fatalf("order = %v", bodies)
	}
	if _, err := e.svc.Notes.List(e.ctx, e.as("a.viewer"), on, ListParams{Sort: "body"}); !errors.Is(err, ErrUnknownSort) {
		t.Fatalf("sort by body: %v", err)
	}
}

func TestNoteMentions(t *testing.T) {
	e := newEnv(t)
	open := e.attachables("a", false)[models.EntityContact]
	restricted := e.attachables("a", true)[models.EntityContact]
	officer := e.as("a.officer")
	colleague, manager := e.fx.Users["a.colleague"], e.fx.Users["a.manager"]
	other, inactive := e.fx.Users["b.colleague"], e.fx.Users["a.inactive"]
	for _, tc := range []struct {
		name, body string
		on         RecordRef
		want       []int64
		invalid    bool
	}{
		{"picked from suggestions", fmt.Sprintf("Ask @[%s](user:%d) to call.", colleague.Name, colleague.ID), open, []int64{colleague.ID}, false},
		{"typed handle", "Thanks @a.colleague and @a.manager.", open, []int64{manager.ID, colleague.ID}, false},
		{"both forms of one user", fmt.Sprintf("@a.colleague @[C](user:%d)", colleague.ID), open, []int64{colleague.ID}, false},
		{"an email address is no mention", "Write to a.colleague@example.org", open, []int64{}, false},
		{"an unknown handle is text", "Meet @home, @someone", open, []int64{}, false},
		{"an inactive user", fmt.Sprintf("@[Gone](user:%d)", inactive.ID), open, nil, true},
		{"a user who does not exist", "@[Nobody](user:999999)", open, nil, true},
		{"an inactive user's handle is text", "@a.inactive", open, []int64{}, false},
		{"another office sees an open record", "@b.colleague", open, []int64{other.ID}, false},
		{"another office cannot see a restricted one", "@b.colleague", restricted, nil, true},
		{"another office, picked, restricted", fmt.Sprintf("@[B](user:%d)", other.ID), restricted, nil, true},
		{"an admin of another office sees it", "@b.admin", restricted, []int64{e.fx.Users["b.admin"].ID}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, err := e.svc.Notes.Create(e.ctx, officer, tc.on, tc.body)
			if tc.invalid {
				if !slices.Equal(fieldErrors(t, err), []string{"body"}) {
					t.Fatalf("want a body error, got %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(tc.want)
			if !slices.Equal(n.Mentions, tc.want) {
				t.Fatalf("mentions = %v, want %v", n.Mentions, tc.want)
			}
		})
	}

	// Mentions are rewritten with the body, and queryable by user.
	n := must(e.svc.Notes.Create(e.ctx, officer, open, "For @a.colleague"))
	hiddenFromB := must(e.svc.Notes.Create(e.ctx, officer, restricted, "For @a.colleague too"))
	mentioning := must(e.svc.Notes.Mentioning(e.ctx, e.as("a.colleague"), ListParams{}))
	if len(mentioning.Items) < 2 || mentioning.Items[0].ID != hiddenFromB.ID || mentioning.Items[1].ID != n.ID {
		t.Fatalf("notes mentioning a.colleague: %+v", mentioning.Items)
	}
	n = must(e.svc.Notes.Update(e.ctx, officer, n.ID, nil, NotePatch{Body: To("For @a.manager")}))
	if !slices.Equal(n.Mentions, []int64{manager.ID}) {
		t.Fatalf("mentions after the edit = %v", n.Mentions)
	}
	for _, m := range must(e.svc.Notes.Mentioning(e.ctx, e.as("a.colleague"), ListParams{})).Items {
		if m.ID == n.ID {
			t.Fatal("the edit kept the old mention")
		}
	}
	// Office B's colleague, mentioned on the open contact, never gets the
	// restricted contact's notes.
	must(e.svc.Notes.Create(e.ctx, officer, open, "For @b.colleague"))
	must(e.svc.Contacts.Update(e.ctx, officer, open.ID, nil, ContactPatch{Restricted: To(true)}))
	if got := must(e.svc.Notes.Mentioning(e.ctx, e.as("b.colleague"), ListParams{})); len(got.Items) != 0 {
		t.Fatalf("b.colleague is shown notes of a record now hidden: %+v", got.Items)
	}
}

// The offices that organise a visit together write on it alike: a partner
// office's officer adds notes and documents to the visit and to its
// sessions, as visit_partners.go lets them edit both; a third office
// cannot.
func TestPartnerOfficesWriteOnTheVisitTheyOrganise(t *testing.T) {
	e := newEnv(t)
	officer := e.as("a.officer")
	visit := must(e.svc.Visits.Create(e.ctx, officer, VisitInput{Title: "Study visit", Kind: "study_visit",
		StartDate: "2026-11-23", EndDate: "2026-11-27", PartnerOfficeIDs: []int64{e.fx.OfficeB}}))
	session := must(e.svc.Interactions.Create(e.ctx, officer, InteractionInput{Kind: "meeting", Subject: "Ministry of Security",
		StartsAt: mustTime("2026-11-24T09:00:00Z"), VisitID: &visit.ID}))
	lone := e.attachables("a", false)[models.EntityVisit]
	for _, ref := range []RecordRef{{models.EntityVisit, visit.ID}, {models.EntityInteraction, session.ID}} {
		if _, err := e.svc.Notes.Create(e.ctx, e.as("b.officer"), ref, "Agreed the programme."); err != nil {
			t.Errorf("partner's note on %s: %v", ref.Entity, err)
		}
		if _, err := e.svc.Documents.Create(e.ctx, e.as("b.officer"), ref, DocumentUpload{Name: "agenda.txt", Content: []byte("Day 1")}); err != nil {
			t.Errorf("partner's document on %s: %v", ref.Entity, err)
		}
		if _, err := e.svc.Notes.Create(e.ctx, e.as("b.viewer"), ref, "A viewer's remark."); !errors.Is(err, ErrForbidden) {
			t.Errorf("partner's viewer on %s: %v, want ErrForbidden", ref.Entity, err)
		}
	}
	if _, err := e.svc.Notes.Create(e.ctx, e.as("b.officer"), lone, "Not our visit."); !errors.Is(err, ErrForbidden) {
		t.Errorf("note on a visit the office does not organise: %v, want ErrForbidden", err)
	}
}
