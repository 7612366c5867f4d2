package services

import (
	"errors"
	"testing"
)

func TestRelationshipsFollowTheOfficeRulesAndRefuseBadLinks(t *testing.T) {
	e := newEnv(t)
	officer := e.as("a.officer")
	org := func(name string) int64 {
		return must(e.svc.Organizations.Create(e.ctx, officer, OrganizationInput{Name: name, Type: "ngo"})).ID
	}
	ministry, canada, network := org("Ministry of Security"), org("Government of Canada"), org("Violence Prevention Network")
	archivedOrg := org("Closed NGO")
	if err := e.svc.Organizations.Archive(e.ctx, e.as("a.manager"), archivedOrg, nil); err != nil {
		t.Fatal(err)
	}

	funded := must(e.svc.Relationships.Create(e.ctx, officer, RelationshipInput{FromOrganizationID: ministry, ToOrganizationID: canada,
		Kind: "funded_by", StartDate: ptr("2025-01-01"), Note: "SIMVEX grant"}))
	if funded.OfficeID != e.fx.OfficeA || funded.Version != 1 || funded.FromName != "Ministry of Security" || funded.ToName != "Government of Canada" {
		t.Fatalf("created = %+v", funded)
	}

	for _, c := range []struct {
		name  string
		in    RelationshipInput
		field string // the field a *ValidationError names; "" for a conflict
	}{
		{"the same link again", RelationshipInput{FromOrganizationID: ministry, ToOrganizationID: canada, Kind: "funded_by"}, ""},
		{"to itself", RelationshipInput{FromOrganizationID: ministry, ToOrganizationID: ministry, Kind: "partner_of"}, "to_organization_id"},
		{"an unknown organization", RelationshipInput{FromOrganizationID: ministry, ToOrganizationID: 999999, Kind: "partner_of"}, "to_organization_id"},
		{"an archived organization", RelationshipInput{FromOrganizationID: archivedOrg, ToOrganizationID: ministry, Kind: "partner_of"}, "from_organization_id"},
		{"an unknown kind", RelationshipInput{FromOrganizationID: ministry, ToOrganizationID: network, Kind: "likes"}, "kind"},
		{"end before start", RelationshipInput{FromOrganizationID: ministry, ToOrganizationID: network, Kind: "partner_of",
			StartDate: ptr("2026-02-01"), EndDate: ptr("2026-01-31")}, "end_date"},
		{"a bad date", RelationshipInput{FromOrganizationID: ministry, ToOrganizationID: network, Kind: "partner_of", StartDate: ptr("1 May")}, "start_date"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := e.svc.Relationships.Create(e.ctx, officer, c.in)
			if c.field == "" {
				var conflict *ConflictError
				if !errors.As(err, &conflict) || !errors.Is(err, ErrConflict) {
					t.Fatalf("err = %v, want a conflict", err)
				}
				return
			}
			var verr *ValidationError
			if !errors.As(err, &verr) || verr.Fields[0].Field != c.field {
				t.Fatalf("err = %v, want a field error on %s", err, c.field)
			}
		})
	}

	// The other direction and another kind are other links.
	funds := must(e.svc.Relationships.Create(e.ctx, officer, RelationshipInput{FromOrganizationID: canada, ToOrganizationID: ministry, Kind: "funded_by"}))
	partner := must(e.svc.Relationships.Create(e.ctx, officer, RelationshipInput{FromOrganizationID: ministry, ToOrganizationID: network, Kind: "partner_of"}))

	for _, c := range []struct {
		who                              string
		create, update, archive, restore error
	}{
		{"a.viewer", ErrForbidden, ErrForbidden, ErrForbidden, ErrForbidden},
		{"b.officer", nil, ErrForbidden, ErrForbidden, ErrForbidden},
		{"b.manager", nil, ErrForbidden, ErrForbidden, ErrForbidden},
		{"a.officer", nil, nil, nil, ErrForbidden},
		{"a.manager", nil, nil, nil, nil},
		{"b.admin", nil, nil, nil, nil},
	} {
		t.Run(c.who, func(t *testing.T) {
			actor := e.as(c.who)
			r, err := e.svc.Relationships.Create(e.ctx, actor, RelationshipInput{FromOrganizationID: network, ToOrganizationID: canada, Kind: "coordinates_with"})
			if !errors.Is(err, c.create) {
				t.Fatalf("create: %v, want %v", err, c.create)
			}
			if err == nil {
				if r.OfficeID != actor.OfficeID {
					t.Errorf("office %d, want the creator's %d", r.OfficeID, actor.OfficeID)
				}
				if err := e.svc.Relationships.Archive(e.ctx, actor, r.ID, nil); err != nil {
					t.Fatalf("archive own: %v", err)
				}
			}
			if _, err := e.svc.Relationships.Update(e.ctx, actor, partner.ID, nil, RelationshipPatch{Note: To(c.who)}); !errors.Is(err, c.update) {
				t.Errorf("update: %v, want %v", err, c.update)
			}
			err = e.svc.Relationships.Archive(e.ctx, actor, partner.ID, nil)
			if !errors.Is(err, c.archive) {
				t.Errorf("archive: %v, want %v", err, c.archive)
			}
			if err == nil {
				if _, err := e.svc.Relationships.Restore(e.ctx, actor, partner.ID); !errors.Is(err, c.restore) {
					t.Errorf("restore: %v, want %v", err, c.restore)
				}
				if c.restore != nil {
					must(e.svc.Relationships.Restore(e.ctx, e.as("a.admin"), partner.ID))
				}
			}
		})
	}

	// A stale version writes nothing; a patch cannot make a duplicate.
	current := must(e.svc.Relationships.Get(e.ctx, officer, funded.ID))
	if _, err := e.svc.Relationships.Update(e.ctx, officer, funded.ID, ptr(current.Version-1), RelationshipPatch{Note: To("x")}); !errors.Is(err, ErrStale) {
		t.Errorf("stale: %v", err)
	}
	if _, err := e.svc.Relationships.Update(e.ctx, officer, partner.ID, nil, RelationshipPatch{ToOrganizationID: To(canada), Kind: To("funded_by")}); !errors.Is(err, ErrConflict) {
		t.Errorf("patch onto an existing link: %v", err)
	}

	// An archived link may be made again; the old one's restore then conflicts.
	if err := e.svc.Relationships.Archive(e.ctx, officer, funded.ID, nil); err != nil {
		t.Fatal(err)
	}
	again := must(e.svc.Relationships.Create(e.ctx, officer, RelationshipInput{FromOrganizationID: ministry, ToOrganizationID: canada, Kind: "funded_by"}))
	if _, err := e.svc.Relationships.Restore(e.ctx, e.as("a.manager"), funded.ID); !errors.Is(err, ErrConflict) {
		t.Errorf("restore beside a live twin: %v", err)
	}

	// The list: either end, kind, q over the note, archived, count.
	for _, c := range []struct {
		name string
		f    RelationshipFilter
		want []int64
	}{
		{"either end", RelationshipFilter{OrganizationID: []int64{canada}}, []int64{funds.ID, again.ID}},
		{"kind", RelationshipFilter{OrganizationID: []int64{ministry}, Kind: []string{"partner_of"}}, []int64{partner.ID}},
		{"archived", RelationshipFilter{ListParams: ListParams{Archived: true}, OrganizationID: []int64{ministry}}, []int64{funded.ID}},
		{"note", RelationshipFilter{ListParams: ListParams{Archived: true, Q: "simvex"}}, []int64{funded.ID}},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.f.Count = true
			p := must(e.svc.Relationships.List(e.ctx, e.as("b.viewer"), c.f))
			var got []int64
			for _, r := range p.Items {
				got = append(got, r.ID)
				if r.FromName == "" || r.ToName == "" {
					t.Errorf("%d has no names: %+v", r.ID, r)
				}
			}
			if !slicesEqual(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
			if *p.Total != int64(len(got)) {
				t.Errorf("total %d, items %d", *p.Total, len(got))
			}
		})
	}
}

func slicesEqual(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// A link between organizations is no secret of its office: its history
// reads like the organizations' own, for every reader.
func TestRelationshipHistoryIsReadByEveryone(t *testing.T) {
	e := newEnv(t)
	officer := e.as("b.officer")
	ministry := must(e.svc.Organizations.Create(e.ctx, officer, OrganizationInput{Name: "Ministry of Security", Type: "ministry"})).ID
	canada := must(e.svc.Organizations.Create(e.ctx, officer, OrganizationInput{Name: "Government of Canada", Type: "ngo"})).ID
	link := must(e.svc.Relationships.Create(e.ctx, officer, RelationshipInput{FromOrganizationID: ministry, ToOrganizationID: canada, Kind: "funded_by"}))
	for _, who := range []string{"a.viewer", "a.officer", "b.viewer", "a.admin"} {
		page := must(e.svc.Audit.List(e.ctx, e.as(who), AuditFilter{Entity: []string{"relationship"}, EntityID: []int64{link.ID}}))
		if len(page.Items) != 1 || page.Items[0].Action != ActionCreate {
			t.Errorf("%s reads %d events of the link, want its creation", who, len(page.Items))
		}
	}
}
