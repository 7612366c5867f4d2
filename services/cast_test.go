package services

import (
	"fmt"
	"testing"
)

// castPerson is a person of a randomCast; office indexes the officers
// that created the cast.
type castPerson struct {
	id         int64
	office     int
	restricted bool
}

// randomCast is who the random-writes tests (organization_last_held,
// organization_activity) write about: five organizations and six people
// with random positions in them, created alternately by two officers.
type randomCast struct {
	orgs         []int64
	people       []castPerson
	pick         func(n int) int
	maxPositions int
}

func newRandomCast(t *testing.T, e *env, pick func(n int) int, officers []Actor, influence *int, maxPositions int) *randomCast {
	t.Helper()
	c := &randomCast{pick: pick, maxPositions: maxPositions}
	for i := range 5 {
		o := must(e.svc.Organizations.Create(e.ctx, officers[i%2], OrganizationInput{Name: fmt.Sprintf("Org %d", i), Type: "ngo", Influence: influence}))
		c.orgs = append(c.orgs, o.ID)
	}
	for i := range 6 {
		k := must(e.svc.Contacts.Create(e.ctx, officers[i%2], ContactInput{GivenName: "Person", FamilyName: fmt.Sprint(i), Positions: c.positions()}))
		c.people = append(c.people, castPerson{id: k.ID, office: i % 2})
	}
	return c
}

// positions draws up to maxPositions-1 positions in the cast's
// organizations, a third of them ended.
func (c *randomCast) positions() []PositionInput {
	var ps []PositionInput
	for range c.pick(c.maxPositions) {
		p := PositionInput{OrganizationID: c.orgs[c.pick(len(c.orgs))], Title: "Adviser"}
		if c.pick(3) == 0 {
			p.EndDate = ptr("2024-01-31")
		}
		ps = append(ps, p)
	}
	return ps
}
