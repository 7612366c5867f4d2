package services

import (
	"context"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// NetworkService draws the organizations and the links between them: typed
// relationships and the parent hierarchy (ministry → directorate). Nothing
// in it is restricted except the interactions that tie an organization to a
// project, which are read through the visibility rule.
type NetworkService struct{ db *gorm.DB }

// Bounds of one network answer. The matching organizations with the most
// links come first; their direct neighbours are added so that a link never
// points outside the drawing.
const (
	MaxNetworkMatches = 300  // organizations matching the filters
	MaxNetworkEdges   = 1500 // links among them and to their neighbours
)

// NetworkFilter narrows the network; list fields hold alternatives.
type NetworkFilter struct {
	CountryCode, Tag []string
	ProjectID        []int64
}

// NetworkNode is one organization of the drawing. Matched is false for a
// neighbour drawn only because a matching organization links to it.
type NetworkNode struct {
	ID                  int64
	Name, Acronym, Type string
	CountryCode         *string
	Matched             bool
}

// NetworkEdgeParent is the kind of a hierarchy link: from the child to its parent.
const NetworkEdgeParent = "part_of"

// NetworkEdge is one link, read from From to To: a relationship (with its
// id) or a hierarchy link (kind part_of, no id).
type NetworkEdge struct {
	RelationshipID *int64
	From, To       int64
	Kind           string
}

// Network is what one drawing needs, in one answer.
type Network struct {
	Nodes     []NetworkNode
	Edges     []NetworkEdge
	Truncated bool // more organizations or links match than are drawn
}

// Graph returns the live organizations that match f and take part in at
// least one link, with every link touching them and the organizations at
// the other ends. Errors: none of its own; database errors pass through.
func (s *NetworkService) Graph(ctx context.Context, actor Actor, f NetworkFilter) (Network, error) {
	db := s.db.WithContext(ctx)
	fresh := func() *gorm.DB { return db.Session(&gorm.Session{NewDB: true}) }
	// Every link between two live organizations, once per end.
	ends := `SELECT r.from_organization_id AS org_id FROM relationships r JOIN organizations o2 ON o2.id = r.to_organization_id AND o2.deleted_at IS NULL WHERE r.deleted_at IS NULL
UNION ALL SELECT r.to_organization_id FROM relationships r JOIN organizations o2 ON o2.id = r.from_organization_id AND o2.deleted_at IS NULL WHERE r.deleted_at IS NULL
UNION ALL SELECT c.id FROM organizations c JOIN organizations p ON p.id = c.parent_id AND p.deleted_at IS NULL WHERE c.deleted_at IS NULL
UNION ALL SELECT c.parent_id FROM organizations c WHERE c.parent_id IS NOT NULL AND c.deleted_at IS NULL`
	q := fresh().Model(&models.Organization{}).
		Joins("JOIN (SELECT org_id, COUNT(*) AS links FROM (" + ends + ") AS e GROUP BY org_id) AS degree ON degree.org_id = organizations.id")
	q = query.WhereIn(q, "organizations.country_code", f.CountryCode)
	q = withTag(q, models.EntityOrganization, "organizations.id", f.Tag)
	if len(f.ProjectID) > 0 {
		q = organizationsOfProjects(q, fresh, actor, f.ProjectID)
	}
	var matched []models.Organization
	err := q.Select("organizations.id, organizations.name, organizations.acronym, organizations.type, organizations.country_code").
		Order("degree.links DESC, organizations.sort_key, organizations.id").Limit(MaxNetworkMatches + 1).Find(&matched).Error
	if err != nil {
		return Network{}, err
	}
	var out Network
	if len(matched) > MaxNetworkMatches {
		matched, out.Truncated = matched[:MaxNetworkMatches], true
	}
	if len(matched) == 0 {
		return Network{Nodes: []NetworkNode{}, Edges: []NetworkEdge{}}, nil
	}
	ids := make([]int64, len(matched))
	drawn := make(map[int64]bool, len(matched))
	for i, o := range matched {
		ids[i], drawn[o.ID] = o.ID, true
		out.Nodes = append(out.Nodes, NetworkNode{ID: o.ID, Name: o.Name, Acronym: o.Acronym, Type: o.Type, CountryCode: o.CountryCode, Matched: true})
	}
	if out.Edges, err = networkEdges(fresh, ids); err != nil {
		return Network{}, err
	}
	if len(out.Edges) > MaxNetworkEdges {
		out.Edges, out.Truncated = out.Edges[:MaxNetworkEdges], true
	}
	var neighbours []int64
	for _, e := range out.Edges {
		for _, id := range []int64{e.From, e.To} {
			if !drawn[id] {
				drawn[id] = true
				neighbours = append(neighbours, id)
			}
		}
	}
	if len(neighbours) > 0 {
		var more []models.Organization
		err := query.WhereIDs(fresh().Model(&models.Organization{}), "organizations.id", neighbours).
			Select("organizations.id, organizations.name, organizations.acronym, organizations.type, organizations.country_code").
			Order("organizations.sort_key, organizations.id").Find(&more).Error
		if err != nil {
			return Network{}, err
		}
		for _, o := range more {
			out.Nodes = append(out.Nodes, NetworkNode{ID: o.ID, Name: o.Name, Acronym: o.Acronym, Type: o.Type, CountryCode: o.CountryCode})
		}
	}
	return out, nil
}

// networkEdges reads every link between two live organizations that
// touches one of ids: relationships first, then the hierarchy, at most
// MaxNetworkEdges+1 (so that the caller knows when there are more).
func networkEdges(fresh func() *gorm.DB, ids []int64) ([]NetworkEdge, error) {
	var rels []models.Relationship
	err := fresh().Model(&models.Relationship{}).
		Joins("JOIN organizations f ON f.id = relationships.from_organization_id AND f.deleted_at IS NULL").
		Joins("JOIN organizations t ON t.id = relationships.to_organization_id AND t.deleted_at IS NULL").
		Where(query.WhereIDs(fresh(), "relationships.from_organization_id", ids).
			Or(query.WhereIDs(fresh(), "relationships.to_organization_id", ids))).
		Select("relationships.id, relationships.from_organization_id, relationships.to_organization_id, relationships.kind").
		Order("relationships.id").Limit(MaxNetworkEdges + 1).Find(&rels).Error
	if err != nil {
		return nil, err
	}
	edges := make([]NetworkEdge, 0, len(rels))
	for _, r := range rels {
		edges = append(edges, NetworkEdge{RelationshipID: &r.ID, From: r.FromOrganizationID, To: r.ToOrganizationID, Kind: r.Kind})
	}
	if len(edges) > MaxNetworkEdges {
		return edges, nil
	}
	var children []models.Organization
	err = fresh().Model(&models.Organization{}).
		Joins("JOIN organizations p ON p.id = organizations.parent_id AND p.deleted_at IS NULL").
		Where(query.WhereIDs(fresh(), "organizations.id", ids).Or(query.WhereIDs(fresh(), "organizations.parent_id", ids))).
		Select("organizations.id, organizations.parent_id").
		Order("organizations.id").Limit(MaxNetworkEdges + 1 - len(edges)).Find(&children).Error
	if err != nil {
		return nil, err
	}
	for _, c := range children {
		edges = append(edges, NetworkEdge{From: c.ID, To: *c.ParentID, Kind: NetworkEdgeParent})
	}
	return edges, nil
}

// organizationsOfProjects narrows q (over organizations) to the
// organizations of the projects: those that took part in an interaction
// the actor may see or a visit of one of them, and their donors. The one
// definition of "an organization of a project", used by the network and
// the stakeholder map.
func organizationsOfProjects(q *gorm.DB, fresh func() *gorm.DB, actor Actor, projectIDs []int64) *gorm.DB {
	took := interactionScope(fresh(), actor, false).
		Joins("JOIN interaction_participants ip ON ip.interaction_id = interactions.id").
		Where("interactions.project_id IN ? AND ip.organization_id IS NOT NULL", projectIDs).Select("ip.organization_id")
	visited := fresh().Model(&models.Visit{}).
		Joins("JOIN visit_participants vp ON vp.visit_id = visits.id").
		Where("visits.project_id IN ? AND vp.organization_id IS NOT NULL", projectIDs).Select("vp.organization_id")
	donors := fresh().Model(&models.Project{}).
		Where("id IN ? AND donor_organization_id IS NOT NULL", projectIDs).Select("donor_organization_id")
	return q.Where("(organizations.id IN (?) OR organizations.id IN (?) OR organizations.id IN (?))", took, visited, donors)
}
