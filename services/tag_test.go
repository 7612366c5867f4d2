package services

import (
	"errors"
	"slices"
	"testing"

	"liaison/models"
)

func TestTagsAreAListInGoalOrderWithSearchAndKinds(t *testing.T) {
	e := newEnv(t)
	admin := e.as("a.admin")
	must(e.svc.Tags.Create(e.ctx, admin, TagInput{Slug: "gender", Name: "Égalité des genres", Kind: "theme"}))
	must(e.svc.Tags.Create(e.ctx, admin, TagInput{Slug: "youth", Name: "Youth", Kind: "custom"}))

	var slugs []string
	f := TagFilter{ListParams: ListParams{Limit: 5, Count: true}}
	for page := 0; page < 10; page++ {
		p := must(e.svc.Tags.List(e.ctx, e.as("a.viewer"), f))
		if *p.Total != 19 {
			t.Fatalf("total %d, want 17 SDGs and 2 others", *p.Total)
		}
		for _, tag := range p.Items {
			slugs = append(slugs, tag.Slug)
		}
		if p.NextCursor == "" {
			break
		}
		f.Cursor = p.NextCursor
	}
	want := []string{"gender"}
	for i := 1; i <= 17; i++ {
		want = append(want, "sdg-"+itoa(i))
	}
	want = append(want, "youth")
	if !slices.Equal(slugs, want) {
		t.Errorf("paged by name: %v, want %v", slugs, want)
	}

	for _, c := range []struct {
		name string
		f    TagFilter
		want []string
	}{
		{"accent-insensitive word prefix", TagFilter{ListParams: ListParams{Q: "egal"}}, []string{"gender"}},
		{"slug words", TagFilter{ListParams: ListParams{Q: "sdg 16"}}, []string{"sdg-16"}},
		{"kind", TagFilter{Kind: []string{"theme", "custom"}}, []string{"gender", "youth"}},
		{"by slug, descending", TagFilter{ListParams: ListParams{Sort: "-slug", Limit: 2}}, []string{"youth", "sdg-9"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := must(e.svc.Tags.List(e.ctx, e.as("a.viewer"), c.f))
			var got []string
			for _, tag := range p.Items {
				got = append(got, tag.Slug)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
	if _, err := e.svc.Tags.List(e.ctx, e.as("a.viewer"), TagFilter{ListParams: ListParams{Sort: "kind"}}); !errors.Is(err, ErrUnknownSort) {
		t.Errorf("unknown sort: %v", err)
	}
}

func TestTagsAreRenamedArchivedAndRestoredByAdminsButNotTheSDGs(t *testing.T) {
	e := newEnv(t)
	admin := e.as("a.admin")
	officer := e.as("a.officer")
	tag := must(e.svc.Tags.Create(e.ctx, admin, TagInput{Slug: "pve", Name: "PVE", Kind: "theme"}))
	var sdg5 models.Tag
	e.db.Where("slug = ?", "sdg-5").First(&sdg5)

	for _, who := range []string{"a.viewer", "a.officer", "a.manager"} {
		if _, err := e.svc.Tags.Update(e.ctx, e.as(who), tag.ID, nil, TagPatch{Name: To("X")}); !errors.Is(err, ErrForbidden) {
			t.Errorf("%s rename: %v", who, err)
		}
		if err := e.svc.Tags.Archive(e.ctx, e.as(who), tag.ID, nil); !errors.Is(err, ErrForbidden) {
			t.Errorf("%s archive: %v", who, err)
		}
		if _, err := e.svc.Tags.Merge(e.ctx, e.as(who), tag.ID, nil, sdg5.ID); !errors.Is(err, ErrForbidden) {
			t.Errorf("%s merge: %v", who, err)
		}
	}
	var verr *ValidationError
	if _, err := e.svc.Tags.Update(e.ctx, admin, sdg5.ID, nil, TagPatch{Name: To("Gender")}); !errors.As(err, &verr) {
		t.Errorf("rename an SDG: %v", err)
	}
	if err := e.svc.Tags.Archive(e.ctx, admin, sdg5.ID, nil); !errors.As(err, &verr) {
		t.Errorf("archive an SDG: %v", err)
	}
	if _, err := e.svc.Tags.Merge(e.ctx, admin, sdg5.ID, nil, tag.ID); !errors.As(err, &verr) {
		t.Errorf("merge an SDG away: %v", err)
	}

	renamed := must(e.svc.Tags.Update(e.ctx, admin, tag.ID, ptr(int64(1)), TagPatch{Name: To("Preventing violent extremism")}))
	if renamed.Version != 2 || renamed.Slug != "pve" || renamed.Name != "Preventing violent extremism" {
		t.Fatalf("renamed = %+v", renamed)
	}
	if _, err := e.svc.Tags.Update(e.ctx, admin, tag.ID, ptr(int64(1)), TagPatch{Name: To("Stale")}); !errors.Is(err, ErrStale) {
		t.Errorf("stale rename: %v", err)
	}
	if got := must(e.svc.Tags.List(e.ctx, officer, TagFilter{ListParams: ListParams{Q: "violent"}})); len(got.Items) != 1 {
		t.Errorf("the new name is not searchable: %+v", got.Items)
	}

	// An archived tag stays on the records that carry it, through their
	// edits, and is refused on any other record.
	org := must(e.svc.Organizations.Create(e.ctx, officer, OrganizationInput{Name: "Youth Bank", Type: "youth_group", Tags: []string{"pve"}}))
	if err := e.svc.Tags.Archive(e.ctx, admin, tag.ID, ptr(int64(2))); err != nil {
		t.Fatal(err)
	}
	kept := must(e.svc.Organizations.Update(e.ctx, officer, org.ID, nil, OrganizationPatch{City: To("Zenica"), Tags: To([]string{"pve", "sdg-16"})}))
	if !slices.Equal(kept.Tags, []string{"pve", "sdg-16"}) {
		t.Errorf("tags after an edit: %v", kept.Tags)
	}
	_, err := e.svc.Organizations.Create(e.ctx, officer, OrganizationInput{Name: "Other", Type: "ngo", Tags: []string{"pve"}})
	if !errors.As(err, &verr) || verr.Fields[0].Field != "tags" {
		t.Errorf("an archived tag on a new record: %v", err)
	}
	if live := must(e.svc.Tags.List(e.ctx, officer, TagFilter{Kind: []string{"theme"}})); len(live.Items) != 0 {
		t.Errorf("archived tag listed as live: %+v", live.Items)
	}
	if _, err := e.svc.Tags.Get(e.ctx, admin, tag.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("get archived: %v", err)
	}
	restored := must(e.svc.Tags.Restore(e.ctx, admin, tag.ID))
	if restored.Version != 4 || restored.DeletedAt.Valid {
		t.Errorf("restored = %+v", restored)
	}
	if _, err := e.svc.Tags.Restore(e.ctx, admin, tag.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("restore a live tag: %v", err)
	}
	if _, err := e.svc.Tags.Create(e.ctx, admin, TagInput{Slug: "pve", Name: "Again", Kind: "custom"}); !errors.Is(err, ErrConflict) {
		t.Errorf("a taken slug: %v", err)
	}
}

func TestMergingATagMovesEveryUseInOneStepAndArchivesIt(t *testing.T) {
	e := newEnv(t)
	admin := e.as("a.admin")
	officer := e.as("a.officer")
	youth := must(e.svc.Tags.Create(e.ctx, admin, TagInput{Slug: "youth", Name: "Youth", Kind: "theme"}))
	young := must(e.svc.Tags.Create(e.ctx, admin, TagInput{Slug: "young-people", Name: "Young people", Kind: "custom"}))

	both := must(e.svc.Organizations.Create(e.ctx, officer, OrganizationInput{Name: "Both", Type: "ngo", Tags: []string{"young-people", "youth"}}))
	onlyOld := must(e.svc.Contacts.Create(e.ctx, officer, ContactInput{GivenName: "Amra", Tags: []string{"young-people"}}))
	untouched := must(e.svc.Organizations.Create(e.ctx, officer, OrganizationInput{Name: "Untouched", Type: "ngo", Tags: []string{"sdg-5"}}))

	if _, err := e.svc.Tags.Merge(e.ctx, admin, young.ID, ptr(int64(9)), youth.ID); !errors.Is(err, ErrStale) {
		t.Errorf("stale merge: %v", err)
	}
	var verr *ValidationError
	if _, err := e.svc.Tags.Merge(e.ctx, admin, young.ID, nil, young.ID); !errors.As(err, &verr) || verr.Fields[0].Field != "into" {
		t.Errorf("merge into itself: %v", err)
	}
	if _, err := e.svc.Tags.Merge(e.ctx, admin, young.ID, nil, 999999); !errors.As(err, &verr) || verr.Fields[0].Field != "into" {
		t.Errorf("merge into nothing: %v", err)
	}

	res := must(e.svc.Tags.Merge(e.ctx, admin, young.ID, ptr(int64(1)), youth.ID))
	if res.Moved != 2 || res.Into.ID != youth.ID {
		t.Fatalf("merge = %+v", res)
	}
	org := must(e.svc.Organizations.Get(e.ctx, officer, both.ID))
	if !slices.Equal(org.Tags, []string{"youth"}) || org.Version != both.Version+1 {
		t.Errorf("the record with both: tags %v, version %d (was %d)", org.Tags, org.Version, both.Version)
	}
	contact := must(e.svc.Contacts.Get(e.ctx, officer, onlyOld.ID))
	if !slices.Equal(contact.Tags, []string{"youth"}) || contact.Version != onlyOld.Version+1 {
		t.Errorf("the record with the old tag: tags %v, version %d", contact.Tags, contact.Version)
	}
	if still := must(e.svc.Organizations.Get(e.ctx, officer, untouched.ID)); still.Version != untouched.Version {
		t.Errorf("a record without the tag got a new version")
	}
	var left int64
	e.db.Model(&models.Tagging{}).Where("tag_id = ?", young.ID).Count(&left)
	if left != 0 {
		t.Errorf("%d taggings of the merged tag remain", left)
	}
	if _, err := e.svc.Tags.Get(e.ctx, admin, young.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("the merged tag is not archived: %v", err)
	}
	if n := e.audited(ActionMergeTag, models.EntityTag); n != 1 {
		t.Errorf("%d merge audit events", n)
	}
	found := must(e.svc.Organizations.List(e.ctx, officer, OrganizationFilter{Tag: []string{"youth"}}))
	if len(found.Items) != 1 {
		t.Errorf("filter by the surviving tag: %d", len(found.Items))
	}
}
