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

// fixClock pins the commitments' "today" for one test, so that a test
// running across midnight UTC cannot flake; it returns a date helper
// relative to that day.
func fixClock(e *env) func(days int) *string {
	now := time.Now().UTC()
	e.svc.Commitments.clock = func() time.Time { return now }
	return func(days int) *string {
		d := now.AddDate(0, 0, days).Format(time.DateOnly)
		return &d
	}
}

func TestCommitmentOverdueIsDerivedFromToday(t *testing.T) {
	e := newEnv(t)
	day := fixClock(e)
	a := e.as("a.officer")
	cases := []struct {
		title   string
		due     *string
		status  string
		overdue bool
	}{
		{"open, due yesterday", day(-1), "open", true},
		{"in progress, due a month ago", day(-30), "in_progress", true},
		{"open, due today", day(0), "open", false},
		{"open, due tomorrow", day(1), "open", false},
		{"done, due yesterday", day(-1), "done", false},
		{"cancelled, due yesterday", day(-1), "cancelled", false},
		{"open, no due date", nil, "open", false},
	}
	var wantOverdue []string
	for _, c := range cases {
		v := must(e.svc.Commitments.Create(e.ctx, a, CommitmentInput{Title: c.title, DueDate: c.due, Status: c.status}))
		if v.Overdue != c.overdue {
			t.Errorf("%s: overdue = %v", c.title, v.Overdue)
		}
		if c.overdue {
			wantOverdue = append(wantOverdue, c.title)
		}
	}
	titles := func(f CommitmentFilter) []string {
		t.Helper()
		p := must(e.svc.Commitments.List(e.ctx, e.as("b.viewer"), f))
		var out []string
		for _, it := range p.Items {
			out = append(out, it.Title)
		}
		return out
	}
	slices.Reverse(wantOverdue) // soonest due first: the month-old one leads
	if got := titles(CommitmentFilter{Overdue: ptr(true)}); !slices.Equal(got, wantOverdue) {
		t.Errorf("overdue=true: %v, want %v", got, wantOverdue)
	}
	if got := titles(CommitmentFilter{Overdue: ptr(false)}); len(got) != len(cases)-len(wantOverdue) || slices.Contains(got, wantOverdue[0]) {
		t.Errorf("overdue=false: %v", got)
	}
	// Nothing is stored: tomorrow, what is due today is overdue.
	e.svc.Commitments.clock = func() time.Time { return time.Now().UTC().AddDate(0, 0, 1) }
	if got := titles(CommitmentFilter{Overdue: ptr(true)}); len(got) != 3 || !slices.Contains(got, "open, due today") {
		t.Errorf("a day later: %v", got)
	}
}

func TestCommitmentCompletedAtFollowsStatus(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	c := must(e.svc.Commitments.Create(e.ctx, a, CommitmentInput{Title: "Send the national strategy draft", Direction: "theirs"}))
	if c.Status != "open" || c.Priority != "normal" || c.CompletedAt != nil || *c.OwnerID != a.UserID {
		t.Fatalf("created = %+v", c.Commitment)
	}
	steps := []struct {
		patch     CommitmentPatch
		completed string // "set", "kept" or "nil"
	}{
		{CommitmentPatch{Status: To("in_progress")}, "nil"},
		{CommitmentPatch{Status: To("done"), ClosureNote: To("Received on 2 December")}, "set"},
		{CommitmentPatch{Priority: To("high")}, "kept"},
		{CommitmentPatch{Status: To("open")}, "nil"}, // reopened
		{CommitmentPatch{Status: To("done")}, "set"},
		{CommitmentPatch{Status: To("cancelled")}, "nil"},
	}
	var last *time.Time
	for i, s := range steps {
		c = must(e.svc.Commitments.Update(e.ctx, a, c.ID, &c.Version, s.patch))
		switch s.completed {
		case "nil":
			if c.CompletedAt != nil {
				t.Fatalf("step %d: completed_at = %v", i, c.CompletedAt)
			}
		case "set":
			if c.CompletedAt == nil || time.Since(*c.CompletedAt) > time.Minute || (last != nil && c.CompletedAt.Equal(*last)) {
				t.Fatalf("step %d: completed_at = %v", i, c.CompletedAt)
			}
		case "kept":
			if c.CompletedAt == nil || !c.CompletedAt.Equal(*last) {
				t.Fatalf("step %d: completed_at = %v, want %v", i, c.CompletedAt, last)
			}
		}
		last = c.CompletedAt
	}
	if done := must(e.svc.Commitments.Create(e.ctx, a, CommitmentInput{Title: "Already sent", Status: "done"})); done.CompletedAt == nil {
		t.Error("created done without completed_at")
	}
}

func TestCommitmentReassignment(t *testing.T) {
	e := newEnv(t)
	colleague := e.fx.Users["a.colleague"].ID
	cases := []struct {
		name    string
		owner   string // who owns it before
		who     string // who reassigns
		to      string
		wantErr error
	}{
		{"the owner hands it on", "a.officer", "a.officer", "a.colleague", nil},
		{"an officer takes a colleague's", "a.colleague", "a.officer", "a.officer", ErrForbidden},
		{"an officer moves a colleague's", "a.colleague", "a.officer", "a.manager", ErrForbidden},
		{"the manager reassigns", "a.colleague", "a.manager", "a.officer", nil},
		{"an admin of another office reassigns", "a.colleague", "b.admin", "a.officer", nil},
		{"a manager of another office", "a.colleague", "b.manager", "b.officer", ErrForbidden},
		{"a viewer", "a.officer", "a.viewer", "a.viewer", ErrForbidden},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			owner := e.fx.Users[tc.owner].ID
			c := must(e.svc.Commitments.Create(e.ctx, e.as("a.manager"), CommitmentInput{Title: "Follow up", OwnerID: &owner}))
			to := e.fx.Users[tc.to].ID
			got, err := e.svc.Commitments.Update(e.ctx, e.as(tc.who), c.ID, nil, CommitmentPatch{OwnerID: To(&to)})
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if err == nil && *got.OwnerID != to {
				t.Errorf("owner = %d", *got.OwnerID)
			}
		})
	}
	// Officers still edit commitments of their office they do not own, but
	// closing them is the owner's or a manager's (TestWhoClosesACommitment).
	c := must(e.svc.Commitments.Create(e.ctx, e.as("a.manager"), CommitmentInput{Title: "Close me", OwnerID: &colleague}))
	if edited := must(e.svc.Commitments.Update(e.ctx, e.as("a.officer"), c.ID, nil, CommitmentPatch{Status: To("in_progress"), OwnerID: To(&colleague)})); edited.Status != "in_progress" {
		t.Errorf("officer edits: %+v", edited.Commitment)
	}
	if _, err := e.svc.Commitments.Update(e.ctx, e.as("a.officer"), c.ID, nil, CommitmentPatch{Status: To("done")}); !errors.Is(err, ErrCloseNotAllowed) {
		t.Errorf("officer closes a colleague's: %v", err)
	}
	// The new owner must be an active user of the commitment's office.
	for _, to := range []string{"b.officer", "a.inactive"} {
		id := e.fx.Users[to].ID
		_, err := e.svc.Commitments.Update(e.ctx, e.as("a.manager"), c.ID, nil, CommitmentPatch{OwnerID: To(&id)})
		if !slices.Contains(fieldErrors(t, err), "owner_id") {
			t.Errorf("owner %s: %v", to, err)
		}
	}
	if _, err := e.svc.Commitments.Update(e.ctx, e.as("a.manager"), c.ID, nil, CommitmentPatch{OwnerID: To[*int64](nil)}); !slices.Contains(fieldErrors(t, err), "owner_id") {
		t.Errorf("ownerless: %v", err)
	}
}

func TestCommitmentValidation(t *testing.T) {
	e := newEnv(t)
	c := newVisitCast(e)
	a := e.as("a.officer")
	youthOfB := must(e.svc.Contacts.Create(e.ctx, e.as("b.officer"), ContactInput{GivenName: "Zaid", Restricted: true}))
	hiddenMeeting := must(e.svc.Interactions.Create(e.ctx, e.as("b.officer"), InteractionInput{Kind: "meeting", Subject: "Closed", StartsAt: time.Now(), Restricted: true}))
	cases := []struct {
		name  string
		in    CommitmentInput
		field string
	}{
		{"missing title", CommitmentInput{Title: "  "}, "title"},
		{"bad direction", CommitmentInput{Title: "X", Direction: "mine"}, "direction"},
		{"bad status", CommitmentInput{Title: "X", Status: "closed"}, "status"},
		{"bad priority", CommitmentInput{Title: "X", Priority: "urgent"}, "priority"},
		{"bad due date", CommitmentInput{Title: "X", DueDate: ptr("tomorrow")}, "due_date"},
		{"owner of another office", CommitmentInput{Title: "X", OwnerID: ptr(e.fx.Users["b.officer"].ID)}, "owner_id"},
		{"unknown counterpart organization", CommitmentInput{Title: "X", CounterpartOrganizationID: ptr(int64(999999))}, "counterpart_organization_id"},
		{"hidden counterpart contact", CommitmentInput{Title: "X", CounterpartContactID: &youthOfB.ID}, "counterpart_contact_id"},
		{"hidden interaction", CommitmentInput{Title: "X", InteractionID: &hiddenMeeting.ID}, "interaction_id"},
		{"unknown visit", CommitmentInput{Title: "X", VisitID: ptr(int64(999999))}, "visit_id"},
		{"unknown project", CommitmentInput{Title: "X", ProjectID: ptr(int64(999999))}, "project_id"},
		{"unknown tag", CommitmentInput{Title: "X", Tags: []string{"urgent"}}, "tags"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.svc.Commitments.Create(e.ctx, a, tc.in)
			if got := fieldErrors(t, err); !slices.Contains(got, tc.field) {
				t.Fatalf("field errors %v, want %s", got, tc.field)
			}
		})
	}
	// A reference archived after the fact does not block unrelated edits.
	ok := must(e.svc.Commitments.Create(e.ctx, a, CommitmentInput{Title: "Thank the ministry", CounterpartOrganizationID: &c.ministry.ID, ProjectID: &c.project.ID}))
	must(0, e.svc.Organizations.Archive(e.ctx, a, c.ministry.ID, nil))
	must(0, e.svc.Projects.Archive(e.ctx, e.as("a.admin"), c.project.ID, nil))
	if done := must(e.svc.Commitments.Update(e.ctx, a, ok.ID, nil, CommitmentPatch{Status: To("done")})); done.Status != "done" {
		t.Errorf("closing a commitment with archived references: %+v", done.Commitment)
	}
}

func TestRestrictedCommitmentsAndHiddenReferences(t *testing.T) {
	e := newEnv(t)
	day := fixClock(e)
	c := newVisitCast(e)
	a := e.as("a.officer")
	secret := must(e.svc.Commitments.Create(e.ctx, a, CommitmentInput{Title: "Find a safe venue for the youth group", Restricted: true, DueDate: day(-2)}))
	// Not restricted itself, but owed to a restricted contact.
	public := must(e.svc.Commitments.Create(e.ctx, a, CommitmentInput{Title: "Send the certificate", CounterpartContactID: &c.youth.ID, DueDate: day(-1)}))
	meetingIn := meeting("Parents' evening", time.Now())
	meetingIn.Restricted = true
	meetingIn.Commitments = []CommitmentInput{{Title: "Call the school"}}
	closed := must(e.svc.Interactions.Create(e.ctx, a, meetingIn))
	followUp := must(e.svc.Commitments.List(e.ctx, a, CommitmentFilter{InteractionID: []int64{closed.ID}})).Items[0]
	if !followUp.Restricted {
		t.Fatal("a follow-up of a restricted interaction is not restricted")
	}
	// The office lifts the follow-up's restriction; the meeting stays hidden.
	followUp = must(e.svc.Commitments.Update(e.ctx, a, followUp.ID, nil, CommitmentPatch{Restricted: To(false)}))

	for _, who := range []string{"b.viewer", "b.officer", "b.manager"} {
		t.Run(who, func(t *testing.T) {
			actor := e.as(who)
			if _, err := e.svc.Commitments.Get(e.ctx, actor, secret.ID); !errors.Is(err, ErrNotFound) {
				t.Errorf("get restricted: %v", err)
			}
			p := must(e.svc.Commitments.List(e.ctx, actor, CommitmentFilter{ListParams: ListParams{Count: true}}))
			if *p.Total != 2 || len(p.Items) != 2 {
				t.Fatalf("list: %d items, total %d", len(p.Items), *p.Total)
			}
			if p := must(e.svc.Commitments.List(e.ctx, actor, CommitmentFilter{Overdue: ptr(true), ListParams: ListParams{Count: true}})); *p.Total != 1 {
				t.Errorf("overdue count includes the restricted one: %d", *p.Total)
			}
			if p := must(e.svc.Commitments.List(e.ctx, actor, CommitmentFilter{ListParams: ListParams{Q: "venue"}})); len(p.Items) != 0 {
				t.Error("search finds the restricted commitment")
			}
			if _, err := e.svc.Commitments.Update(e.ctx, actor, secret.ID, nil, CommitmentPatch{Status: To("done")}); !errors.Is(err, ErrNotFound) {
				t.Errorf("update restricted: %v", err)
			}
			got := must(e.svc.Commitments.Get(e.ctx, actor, public.ID))
			if got.CounterpartContactID != nil {
				t.Error("a hidden counterpart is shown")
			}
			if p := must(e.svc.Commitments.List(e.ctx, actor, CommitmentFilter{ContactID: []int64{c.youth.ID}})); len(p.Items) != 0 {
				t.Error("the contact_id filter finds what is owed to a hidden contact")
			}
			if got := must(e.svc.Commitments.Get(e.ctx, actor, followUp.ID)); got.InteractionID != nil {
				t.Error("a hidden interaction is shown")
			}
			if p := must(e.svc.Commitments.List(e.ctx, actor, CommitmentFilter{InteractionID: []int64{closed.ID}})); len(p.Items) != 0 {
				t.Error("the interaction_id filter finds the hidden interaction's follow-ups")
			}
			// Nor does its history.
			events := must(e.svc.Audit.List(e.ctx, actor, AuditFilter{Entity: []string{models.EntityCommitment}, EntityID: []int64{public.ID}}))
			if len(events.Items) != 1 || !strings.Contains(events.Items[0].Changes, `"counterpart_contact_id":{"new":null,"old":null}`) {
				t.Errorf("history = %+v", events.Items)
			}
		})
	}
	got := must(e.svc.Commitments.Get(e.ctx, e.as("a.viewer"), public.ID))
	if got.CounterpartContactID == nil || *got.CounterpartContactID != c.youth.ID {
		t.Error("the own office does not see the counterpart")
	}
	own := must(e.svc.Audit.List(e.ctx, e.as("a.viewer"), AuditFilter{Entity: []string{models.EntityCommitment}, EntityID: []int64{public.ID}}))
	if !strings.Contains(own.Items[0].Changes, fmt.Sprintf(`"counterpart_contact_id":{"old":null,"new":%d}`, c.youth.ID)) {
		t.Errorf("own office history = %s", own.Items[0].Changes)
	}
	if p := must(e.svc.Commitments.List(e.ctx, e.as("b.admin"), CommitmentFilter{ListParams: ListParams{Count: true}})); *p.Total != 3 {
		t.Errorf("admin sees %d", *p.Total)
	}
}

func TestCommitmentFiltersAndPagingAcrossMissingDueDates(t *testing.T) {
	e := newEnv(t)
	c := newVisitCast(e)
	a, m := e.as("a.officer"), e.as("a.manager")
	type row struct {
		title     string
		due       *string
		status    string
		priority  string
		direction string
	}
	rows := []row{
		{"A", ptr("2026-12-01"), "open", "high", "ours"},
		{"B", nil, "open", "low", "theirs"},
		{"C", ptr("2026-12-01"), "in_progress", "normal", "ours"},
		{"D", ptr("2026-11-30"), "done", "high", "joint"},
		{"E", nil, "open", "normal", "ours"},
		{"F", ptr("2027-01-15"), "open", "low", "theirs"},
		{"G", nil, "cancelled", "high", "ours"},
		{"H", ptr("2026-12-01"), "open", "normal", "ours"},
		{"I", ptr("2026-12-24"), "open", "high", "joint"},
		{"J", nil, "in_progress", "low", "ours"},
		{"K", ptr("2026-11-30"), "open", "normal", "theirs"},
		{"L", nil, "open", "normal", "ours"},
		{"M", ptr("2026-12-02"), "open", "low", "ours"},
	}
	for i, r := range rows {
		in := CommitmentInput{Title: r.title, DueDate: r.due, Status: r.status, Priority: r.priority, Direction: r.direction}
		actor := a
		if i%4 == 0 {
			in.CounterpartOrganizationID, in.VisitID, in.Tags = &c.ministry.ID, nil, []string{"sdg-17"}
			actor = m
		}
		must(e.svc.Commitments.Create(e.ctx, actor, in))
	}
	for _, sort := range CommitmentSorts.SortNames() {
		t.Run(sort, func(t *testing.T) {
			got := walkPages(t, len(rows), func(v CommitmentView) int64 { return v.ID }, sort, func(lp ListParams) (Page[CommitmentView], error) {
				return e.svc.Commitments.List(e.ctx, a, CommitmentFilter{ListParams: lp})
			})
			var order string
			for _, v := range got {
				order += v.Title
			}
			want := map[string]string{
				"due_date":  "DKACHMIFBEGJL", // dated by day then id, undated last
				"-due_date": "LJGEBFIMHCAKD",
				"priority":  "BFJMCEHKLADGI",
				"-priority": "IGDALKHECMJFB",
			}[sort]
			if want != "" && order != want {
				t.Errorf("order %s, want %s", order, want)
			}
		})
	}
	// A priority filter with the priority sort: the asked priorities in
	// rank order, paged across the step from one rank to the next.
	for sort, want := range map[string]string{"-priority": "LKHECMJFB", "priority": "BFJMCEHKL"} {
		got := walkPages(t, 9, func(v CommitmentView) int64 { return v.ID }, sort, func(lp ListParams) (Page[CommitmentView], error) {
			return e.svc.Commitments.List(e.ctx, a, CommitmentFilter{ListParams: lp, Priority: []string{"low", "normal", "low"}})
		})
		var order string
		for _, v := range got {
			order += v.Title
		}
		if order != want {
			t.Errorf("normal and low by %s: %s, want %s", sort, order, want)
		}
	}
	titles := func(f CommitmentFilter) string {
		t.Helper()
		var out string
		for _, it := range must(e.svc.Commitments.List(e.ctx, e.as("b.viewer"), f)).Items {
			out += it.Title
		}
		return out
	}
	cases := []struct {
		name string
		f    CommitmentFilter
		want string
	}{
		{"status alternatives", CommitmentFilter{Status: []string{"in_progress", "cancelled"}}, "CGJ"},
		// The two open statuses are written out (whereCommitmentStatus), in whatever order and repetition asked.
		{"still to do", CommitmentFilter{Status: []string{"open", "in_progress"}}, "KACHMIFBEJL"},
		{"still to do, asked otherwise", CommitmentFilter{Status: []string{"in_progress", "open", "in_progress"}}, "KACHMIFBEJL"},
		{"open only", CommitmentFilter{Status: []string{"open"}}, "KAHMIFBEL"},
		{"an owner's still to do", CommitmentFilter{OwnerID: []int64{m.UserID}, Status: []string{"open", "in_progress"}}, "AMIE"},
		{"priority", CommitmentFilter{Priority: []string{"high"}}, "DAIG"},
		{"direction", CommitmentFilter{Direction: []string{"joint"}}, "DI"},
		{"due window, exclusive", CommitmentFilter{DueAfter: ptr("2026-11-30"), DueBefore: ptr("2026-12-24")}, "ACHM"},
		{"counterpart organization", CommitmentFilter{OrganizationID: []int64{c.ministry.ID}}, "AMIE"},
		{"owner", CommitmentFilter{OwnerID: []int64{m.UserID}}, "AMIE"},
		{"tag", CommitmentFilter{Tag: []string{"sdg-17"}}, "AMIE"},
		{"office", CommitmentFilter{OfficeID: []int64{e.fx.OfficeB}}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := titles(tc.f); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
	if _, err := e.svc.Commitments.List(e.ctx, a, CommitmentFilter{DueBefore: ptr("next week")}); !slices.Contains(fieldErrors(t, err), "due_before") {
		t.Errorf("bad date filter: %v", err)
	}
}
