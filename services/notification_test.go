package services

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"liaison/models"
)

// notifications lists everything a user has been told, as they see it.
func notifications(e *env, key string) []NotificationView {
	e.t.Helper()
	return must(e.svc.Notifications.List(e.ctx, e.as(key), false, ListParams{Limit: 200})).Items
}

func kinds(ns []NotificationView) string {
	var out []string
	for _, n := range ns {
		out = append(out, n.Kind)
	}
	return strings.Join(out, ",")
}

func TestAssigningACommitmentTellsTheNewOwnerOnce(t *testing.T) {
	e := newEnv(t)
	manager, officer := e.as("a.manager"), e.as("a.officer")
	colleague := e.fx.Users["a.colleague"]

	// Made for oneself: nobody is told.
	own := must(e.svc.Commitments.Create(e.ctx, officer, CommitmentInput{Title: "Send the agenda"}))
	if got := notifications(e, "a.officer"); len(got) != 0 {
		t.Fatalf("a commitment made for oneself told %v", kinds(got))
	}
	// Made for someone else: they are told, once, with a link.
	given := must(e.svc.Commitments.Create(e.ctx, manager, CommitmentInput{Title: "Draft the MoU", OwnerID: &colleague.ID}))
	got := notifications(e, "a.colleague")
	if len(got) != 1 || got[0].Kind != models.NotifyAssigned || got[0].Link != fmt.Sprintf("/commitments/%d", given.ID) ||
		got[0].Title != "User a.manager gave you a commitment: Draft the MoU" || got[0].ReadAt != nil {
		t.Fatalf("after creation for a colleague: %+v", got)
	}
	// Reassigned to the officer by the manager: the officer is told.
	moved := must(e.svc.Commitments.Update(e.ctx, manager, own.ID, &own.Version, CommitmentPatch{OwnerID: To(&officer.UserID)}))
	if got := notifications(e, "a.officer"); len(got) != 0 {
		t.Fatalf("a patch that keeps the owner told %v", kinds(got))
	}
	moved = must(e.svc.Commitments.Update(e.ctx, manager, own.ID, &moved.Version, CommitmentPatch{OwnerID: To(&colleague.ID)}))
	if got := notifications(e, "a.colleague"); len(got) != 2 {
		t.Fatalf("reassignment to the colleague: %v", kinds(got))
	}
	// A stale patch writes nothing, and tells no one.
	_, err := e.svc.Commitments.Update(e.ctx, manager, own.ID, &own.Version, CommitmentPatch{OwnerID: To(&officer.UserID)})
	if err != ErrStale {
		t.Fatalf("stale patch: %v", err)
	}
	if got := notifications(e, "a.officer"); len(got) != 0 {
		t.Fatalf("a refused patch told %v", kinds(got))
	}
	// Bulk reassignment tells each new owner once per commitment.
	must(e.svc.Commitments.Reassign(e.ctx, manager, officer.UserID, []CommitmentRef{{ID: own.ID, Version: moved.Version}}))
	if got := notifications(e, "a.officer"); len(got) != 1 || got[0].Kind != models.NotifyAssigned {
		t.Fatalf("bulk reassignment: %+v", got)
	}
	if n := must(e.svc.Notifications.UnreadCount(e.ctx, e.as("a.colleague"))); n != 2 {
		t.Fatalf("unread count %d, want 2", n)
	}
}

func TestNotificationsAreReadInTheReadersLanguage(t *testing.T) {
	e := newEnv(t)
	manager := e.as("a.manager")
	colleague := e.fx.Users["a.colleague"]
	if err := e.db.Model(&models.User{}).Where("id = ?", colleague.ID).Update("locale", "ar").Error; err != nil {
		t.Fatal(err)
	}
	must(e.svc.Commitments.Create(e.ctx, manager, CommitmentInput{Title: "إرسال جدول الأعمال", OwnerID: &colleague.ID}))
	got := notifications(e, "a.colleague")
	if len(got) != 1 || got[0].Title != "أسند إليك User a.manager التزامًا: إرسال جدول الأعمال" {
		t.Fatalf("Arabic title: %+v", got)
	}
}

func TestMarkingReadTouchesOnlyTheReadersOwn(t *testing.T) {
	e := newEnv(t)
	manager := e.as("a.manager")
	officer, colleague := e.fx.Users["a.officer"], e.fx.Users["a.colleague"]
	for i := range 3 {
		must(e.svc.Commitments.Create(e.ctx, manager, CommitmentInput{Title: fmt.Sprint("For the officer ", i), OwnerID: &officer.ID}))
	}
	must(e.svc.Commitments.Create(e.ctx, manager, CommitmentInput{Title: "For the colleague", OwnerID: &colleague.ID}))
	mine := notifications(e, "a.officer")
	theirs := notifications(e, "a.colleague")
	if err := e.svc.Notifications.MarkRead(e.ctx, e.as("a.officer"), []int64{mine[0].ID, theirs[0].ID}, false); err != nil {
		t.Fatal(err)
	}
	if n := must(e.svc.Notifications.UnreadCount(e.ctx, e.as("a.officer"))); n != 2 {
		t.Fatalf("officer unread %d, want 2", n)
	}
	if n := must(e.svc.Notifications.UnreadCount(e.ctx, e.as("a.colleague"))); n != 1 {
		t.Fatalf("the officer marked the colleague's notification read: unread %d", n)
	}
	unread := must(e.svc.Notifications.List(e.ctx, e.as("a.officer"), true, ListParams{})).Items
	if len(unread) != 2 || unread[0].ID == mine[0].ID || unread[1].ID == mine[0].ID {
		t.Fatalf("unread list: %+v", unread)
	}
	if err := e.svc.Notifications.MarkRead(e.ctx, e.as("a.officer"), nil, true); err != nil {
		t.Fatal(err)
	}
	if n := must(e.svc.Notifications.UnreadCount(e.ctx, e.as("a.officer"))); n != 0 {
		t.Fatalf("after all read: %d", n)
	}
	for _, bad := range []struct {
		ids []int64
		all bool
	}{{nil, false}, {[]int64{1}, true}} {
		if fields := fieldErrors(t, e.svc.Notifications.MarkRead(e.ctx, e.as("a.officer"), bad.ids, bad.all)); fields[0] != "ids" {
			t.Fatalf("bad request %+v: %v", bad, fields)
		}
	}
}

func TestNotificationsOfRecordsNowHiddenAreNotShown(t *testing.T) {
	e := newEnv(t)
	manager := e.as("a.manager")
	officer := e.fx.Users["a.officer"]
	c := must(e.svc.Commitments.Create(e.ctx, manager, CommitmentInput{Title: "Youth council shortlist", OwnerID: &officer.ID, Restricted: true}))
	if got := notifications(e, "a.officer"); len(got) != 1 {
		t.Fatalf("before the move: %v", kinds(got))
	}
	// The officer moves to office B: office A's restricted commitment, and
	// what they were told of it, is no longer theirs to see.
	if err := e.db.Model(&models.User{}).Where("id = ?", officer.ID).Update("office_id", e.fx.Users["b.officer"].OfficeID).Error; err != nil {
		t.Fatal(err)
	}
	moved := e.as("a.officer")
	moved.OfficeID = e.fx.Users["b.officer"].OfficeID
	got := must(e.svc.Notifications.List(e.ctx, moved, false, ListParams{})).Items
	if len(got) != 0 {
		t.Fatalf("a hidden commitment's notification is shown: %+v", got)
	}
	if n := must(e.svc.Notifications.UnreadCount(e.ctx, moved)); n != 0 {
		t.Fatalf("a hidden commitment's notification is counted: %d", n)
	}
	_ = c
}

func TestMentionsTellThePeopleMentionedOncePerNote(t *testing.T) {
	e := newEnv(t)
	officer := e.as("a.officer")
	colleague := e.fx.Users["a.colleague"]
	org := must(e.svc.Organizations.Create(e.ctx, officer, OrganizationInput{Name: "Zenica City Council", Type: "local_government"}))
	on := RecordRef{Entity: models.EntityOrganization, ID: org.ID}
	n := must(e.svc.Notes.Create(e.ctx, officer, on, fmt.Sprintf("Ask @[C](user:%d) and @a.officer to call.", colleague.ID)))
	got := notifications(e, "a.colleague")
	if len(got) != 1 || got[0].Kind != models.NotifyMentioned || got[0].Link != fmt.Sprintf("/organizations/%d", org.ID) ||
		got[0].Title != "User a.officer mentioned you on Zenica City Council" {
		t.Fatalf("mention: %+v", got)
	}
	if got := notifications(e, "a.officer"); len(got) != 0 {
		t.Fatalf("the author was told of their own mention: %v", kinds(got))
	}
	must(e.svc.Notes.Update(e.ctx, officer, n.ID, &n.Version, NotePatch{Body: To(fmt.Sprintf("Ask @[C](user:%d) to call today.", colleague.ID))}))
	if got := notifications(e, "a.colleague"); len(got) != 1 {
		t.Fatalf("an edit that keeps the mention told again: %v", kinds(got))
	}
}

func TestAFinishedImportTellsWhoRanIt(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.officer")
	file := "name,type\nZenica Youth Council,youth_group\nMinistry of Security,ministry\n"
	must(e.svc.Import().File(e.ctx, a, ImportFileRequest{Kind: ImportOrganizations, DryRun: true, File: spreadsheet(t, file)}))
	if got := notifications(e, "a.officer"); len(got) != 0 {
		t.Fatalf("a dry run told %v", kinds(got))
	}
	must(e.svc.Import().File(e.ctx, a, ImportFileRequest{Kind: ImportOrganizations, File: spreadsheet(t, file)}))
	got := notifications(e, "a.officer")
	if len(got) != 1 || got[0].Kind != models.NotifyImportFinished || got[0].Link != "/organizations" ||
		got[0].Title != "Import of organizations finished: 2 created, 0 updated, 0 skipped" {
		t.Fatalf("import: %+v", got)
	}
}

func TestRemindersComeInTheOwnersTimeZone(t *testing.T) {
	e := newEnv(t)
	manager := e.as("a.manager")
	baghdad, sarajevo := e.fx.Users["a.officer"], e.fx.Users["a.colleague"]
	must(e.svc.Preferences.Update(e.ctx, e.as("a.officer"), PreferencesPatch{TimeZone: To("Asia/Baghdad")}))
	must(e.svc.Preferences.Update(e.ctx, e.as("a.colleague"), PreferencesPatch{TimeZone: To("Europe/Sarajevo")}))
	for _, u := range []models.User{baghdad, sarajevo} {
		must(e.svc.Commitments.Create(e.ctx, manager, CommitmentInput{Title: "Due on the fifth", OwnerID: &u.ID, DueDate: ptr("2026-12-05")}))
		must(e.svc.Commitments.Create(e.ctx, manager, CommitmentInput{Title: "Due on the first", OwnerID: &u.ID, DueDate: ptr("2026-12-01")}))
		must(e.svc.Commitments.Create(e.ctx, manager, CommitmentInput{Title: "Done already", OwnerID: &u.ID, DueDate: ptr("2026-12-03"), Status: "done"}))
		must(e.svc.Commitments.Create(e.ctx, manager, CommitmentInput{Title: "Long overdue", OwnerID: &u.ID, DueDate: ptr("2026-10-01")}))
	}
	// 22:30 UTC on 1 December is 01:30 on the 2nd in Baghdad (UTC+3) and
	// 23:30 on the 1st in Sarajevo (UTC+1).
	now := time.Date(2026, 12, 1, 22, 30, 0, 0, time.UTC)
	if _, err := e.svc.Reminders.Scan(e.ctx, now); err != nil {
		t.Fatal(err)
	}
	reminders := func(key string) []string {
		var out []string
		for _, n := range notifications(e, key) {
			if n.Kind != models.NotifyAssigned {
				out = append(out, n.Title)
			}
		}
		return out
	}
	if got := fmt.Sprint(reminders("a.officer")); got != "[Due on 2026-12-05: Due on the fifth Overdue since 2026-12-01: Due on the first]" &&
		got != "[Overdue since 2026-12-01: Due on the first Due on 2026-12-05: Due on the fifth]" {
		t.Fatalf("Baghdad: %s", got)
	}
	if got := reminders("a.colleague"); len(got) != 0 {
		t.Fatalf("Sarajevo, still the 1st: %v", got)
	}
	// An hour later Sarajevo's 2nd has begun; Baghdad is told nothing again.
	for range 2 {
		if _, err := e.svc.Reminders.Scan(e.ctx, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	if got := reminders("a.colleague"); len(got) != 2 {
		t.Fatalf("Sarajevo on the 2nd: %v", got)
	}
	if got := reminders("a.officer"); len(got) != 2 {
		t.Fatalf("a repeated scan told Baghdad again: %v", got)
	}
}

func TestDigestsAreDueAtTheUsersHourInTheirZone(t *testing.T) {
	e := newEnv(t)
	must(e.svc.Preferences.Update(e.ctx, e.as("a.officer"), PreferencesPatch{Digest: To("daily"), DigestHour: To(8), TimeZone: To("Asia/Baghdad")}))
	must(e.svc.Preferences.Update(e.ctx, e.as("a.colleague"), PreferencesPatch{Digest: To("daily"), DigestHour: To(8), TimeZone: To("Europe/Sarajevo")}))
	for _, key := range []string{"a.viewer", "a.manager", "a.admin", "b.viewer", "b.officer", "b.manager", "b.admin", "b.colleague"} {
		must(e.svc.Preferences.Update(e.ctx, e.as(key), PreferencesPatch{Digest: To("off")}))
	}
	due := func(at time.Time) string {
		var out []string
		for _, d := range must(e.svc.Digests.Due(e.ctx, at)) {
			for key, u := range e.fx.Users {
				if u.ID == d.UserID {
					out = append(out, key+" "+d.Period)
				}
			}
		}
		return strings.Join(out, "; ")
	}
	day := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC) // a Wednesday
	if got := due(day.Add(5*time.Hour + 10*time.Minute)); got != "a.officer 2026-12-02" {
		t.Fatalf("05:10 UTC (08:10 in Baghdad): %q", got)
	}
	if got := due(day.Add(7*time.Hour + 59*time.Minute)); got != "a.colleague 2026-12-02" {
		t.Fatalf("07:59 UTC (08:59 in Sarajevo): %q", got)
	}
	if got := due(day.Add(9 * time.Hour)); got != "" {
		t.Fatalf("09:00 UTC: %q", got)
	}
	if err := e.svc.Digests.Record(e.ctx, e.fx.Users["a.officer"].ID, "2026-12-02", 0); err != nil {
		t.Fatal(err)
	}
	if got := due(day.Add(5*time.Hour + 30*time.Minute)); got != "" {
		t.Fatalf("a period dealt with is due again: %q", got)
	}
	// Weekly digests come on Mondays, named by ISO week.
	must(e.svc.Preferences.Update(e.ctx, e.as("a.officer"), PreferencesPatch{Digest: To("weekly")}))
	monday := time.Date(2026, 12, 7, 5, 0, 0, 0, time.UTC)
	if got := due(monday); got != "a.officer 2026-W50" {
		t.Fatalf("Monday 08:00 in Baghdad: %q", got)
	}
}

func TestPreferencesAreCheckedAndKept(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.viewer")
	p := must(e.svc.Preferences.Get(e.ctx, a))
	if p.Digest != "weekly" || p.DigestHour != 8 || p.TimeZone != "UTC" || !p.EmailOnAssigned || p.EmailAvailable {
		t.Fatalf("defaults: %+v", p)
	}
	for _, bad := range []struct {
		patch PreferencesPatch
		field string
	}{
		{PreferencesPatch{Digest: To("hourly")}, "digest"},
		{PreferencesPatch{DigestHour: To(24)}, "digest_hour"},
		{PreferencesPatch{DigestHour: To(-1)}, "digest_hour"},
		{PreferencesPatch{TimeZone: To("Mars/Olympus")}, "time_zone"},
		{PreferencesPatch{TimeZone: To("Local")}, "time_zone"},
		{PreferencesPatch{TimeZone: To("")}, "time_zone"},
	} {
		_, err := e.svc.Preferences.Update(e.ctx, a, bad.patch)
		if fields := fieldErrors(t, err); len(fields) != 1 || fields[0] != bad.field {
			t.Fatalf("%+v: %v", bad.patch, fields)
		}
	}
	must(e.svc.Preferences.Update(e.ctx, a, PreferencesPatch{Digest: To("daily"), DigestHour: To(7), TimeZone: To("Asia/Baghdad"), EmailOnAssigned: To(false)}))
	must(e.svc.Preferences.Update(e.ctx, a, PreferencesPatch{DigestHour: To(6)}))
	p = must(e.svc.Preferences.Get(e.ctx, a))
	if p.Digest != "daily" || p.DigestHour != 6 || p.TimeZone != "Asia/Baghdad" || p.EmailOnAssigned {
		t.Fatalf("kept: %+v", p)
	}
}

func TestAManagersWeeklyDigestAddsTheOfficesOverdueByOwner(t *testing.T) {
	e := newEnv(t)
	manager := e.as("a.manager")
	officer, colleague := e.fx.Users["a.officer"], e.fx.Users["a.colleague"]
	e.db.Model(&models.User{}).Where("id = ?", manager.UserID).Update("locale", "ar")
	must(e.svc.Commitments.Create(e.ctx, manager, CommitmentInput{Title: "Mine, due soon", DueDate: ptr("2026-12-09")}))
	must(e.svc.Commitments.Create(e.ctx, manager, CommitmentInput{Title: "Mine, next month", DueDate: ptr("2027-01-20")}))
	for i, u := range []models.User{officer, officer, colleague} {
		must(e.svc.Commitments.Create(e.ctx, manager, CommitmentInput{Title: fmt.Sprint("Late ", i), OwnerID: &u.ID, DueDate: ptr("2026-11-20"), Restricted: i == 2}))
	}
	// Office B's restricted, overdue commitment is not office A's business.
	must(e.svc.Commitments.Create(e.ctx, e.as("b.manager"), CommitmentInput{Title: "Office B's secret", DueDate: ptr("2026-11-20"), Restricted: true}))

	now := time.Date(2026, 12, 7, 8, 0, 0, 0, time.UTC)
	d := must(e.svc.Digests.Build(e.ctx, manager.UserID, "2026-W50", now))
	if d.Items() != 1 || d.Groups[0].Items[0].Title != "Mine, due soon" || d.Groups[0].Items[0].Overdue {
		t.Fatalf("the manager's own items: %+v", d.Groups)
	}
	if got := fmt.Sprint(d.OfficeOverdue); got != "[{User a.officer 2} {User a.colleague 1}]" {
		t.Fatalf("office overdue by owner: %s", got)
	}
	daily := must(e.svc.Digests.Build(e.ctx, manager.UserID, "2026-12-07", now))
	if len(daily.OfficeOverdue) != 0 {
		t.Fatalf("a daily digest carries the office's totals: %+v", daily.OfficeOverdue)
	}
	page := digestMail(mailLinks{base: testPublicURL}, "https://liaison.example.org/unsubscribe/x", d)
	msg, err := page.render("manager@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg.HTML, `dir="rtl"`) || !strings.Contains(msg.Subject, "متابعاتك") || strings.Contains(msg.Text, "secret") ||
		!strings.Contains(msg.Text, "User a.officer (2)") {
		t.Fatalf("the Arabic digest:\n%s\n%s", msg.Subject, msg.Text)
	}
	// A user with nothing due has an empty digest, which is not sent.
	if d := must(e.svc.Digests.Build(e.ctx, e.fx.Users["a.viewer"].ID, "2026-W50", now)); !d.Empty() {
		t.Fatalf("the viewer's digest: %+v", d)
	}
}
