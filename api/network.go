package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"liaison/models"
	"liaison/services"
)

// networkEdgeKind is a relationship kind, or part_of for the parent hierarchy.
type networkEdgeKind string

func (networkEdgeKind) Schema(huma.Registry) *huma.Schema {
	return enumSchema(append(append([]string{}, models.RelationshipKinds...), services.NetworkEdgeParent))
}

// NetworkNode is one organization of the network drawing.
type NetworkNode struct {
	ID          int64   `json:"id"`
	Name        string  `json:"name"`
	Acronym     string  `json:"acronym"`
	Type        orgType `json:"type"`
	CountryCode *string `json:"country_code" nullable:"true"`
	Matched     bool    `json:"matched" doc:"It matches the filters; false for a neighbour drawn because a matching organization links to it."`
}

// NetworkEdge is one link of the drawing, read from from_organization_id to
// to_organization_id.
type NetworkEdge struct {
	RelationshipID     *int64          `json:"relationship_id" nullable:"true" doc:"Null for a hierarchy link (part_of: the child is part of its parent)."`
	FromOrganizationID int64           `json:"from_organization_id"`
	ToOrganizationID   int64           `json:"to_organization_id"`
	Kind               networkEdgeKind `json:"kind"`
}

type networkInput struct {
	CountryCode []string `query:"country_code" doc:"Comma-separated alternatives."`
	ProjectID   []int64  `query:"project_id" doc:"Organizations that took part in an interaction or visit of the project, or are its donor."`
	Tag         []string `query:"tag" doc:"Tag slugs; comma-separated alternatives."`
}

type networkOutput struct {
	Body struct {
		Nodes     []NetworkNode `json:"nodes" doc:"The matching organizations with at least one link, most linked first (at most 300), then their neighbours."`
		Edges     []NetworkEdge `json:"edges" doc:"Every link touching a matching organization, between live organizations (at most 1500)."`
		Truncated bool          `json:"truncated" doc:"More organizations or links match than are drawn: narrow the filters."`
	}
}

func (h *handlers) registerNetwork(api huma.API) {
	huma.Register(api, op("get-network", http.MethodGet, "/api/v1/network",
		"Organizations and the links between them (relationships and hierarchy), in one answer", "relationships"),
		func(ctx context.Context, in *networkInput) (*networkOutput, error) {
			n, err := h.svc.Network.Graph(ctx, actor(ctx), services.NetworkFilter{
				CountryCode: in.CountryCode, ProjectID: in.ProjectID, Tag: in.Tag,
			})
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			out := &networkOutput{}
			out.Body.Truncated = n.Truncated
			out.Body.Nodes = make([]NetworkNode, len(n.Nodes))
			for i, o := range n.Nodes {
				out.Body.Nodes[i] = NetworkNode{ID: o.ID, Name: o.Name, Acronym: o.Acronym, Type: orgType(o.Type), CountryCode: o.CountryCode, Matched: o.Matched}
			}
			out.Body.Edges = make([]NetworkEdge, len(n.Edges))
			for i, e := range n.Edges {
				out.Body.Edges[i] = NetworkEdge{RelationshipID: e.RelationshipID, FromOrganizationID: e.From, ToOrganizationID: e.To, Kind: networkEdgeKind(e.Kind)}
			}
			return out, nil
		})
}
