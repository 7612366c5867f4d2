package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"liaison/services"
)

// CommitmentRef names a commitment at the version the client read (the
// number in its ETag).
type CommitmentRef struct {
	ID      int64 `json:"id" minimum:"1"`
	Version int64 `json:"version" minimum:"1"`
}

// Reassignment hands commitments to one owner.
type Reassignment struct {
	OwnerID     int64           `json:"owner_id" minimum:"1" doc:"An active user of the commitments' office."`
	Commitments []CommitmentRef `json:"commitments" minItems:"1" maxItems:"200" doc:"Each at the version you read; all are reassigned or none."`
}

type reassignInput struct{ Body Reassignment }

type reassignOutput struct {
	Body struct {
		Items []Commitment `json:"items" doc:"The commitments as they are now, in the order named."`
	}
}

func (h *handlers) registerReassign(api huma.API) {
	huma.Register(api, op("reassign-commitments", http.MethodPost, "/api/v1/commitments/reassign",
		"Reassign many commitments at once (managers; all or none)", "commitments"),
		func(ctx context.Context, in *reassignInput) (*reassignOutput, error) {
			refs := make([]services.CommitmentRef, len(in.Body.Commitments))
			for i, r := range in.Body.Commitments {
				refs[i] = services.CommitmentRef{ID: r.ID, Version: r.Version}
			}
			views, err := h.svc.Commitments.Reassign(ctx, actor(ctx), in.Body.OwnerID, refs)
			if err != nil {
				return nil, fail(ctx, h.log, "body", err)
			}
			out := &reassignOutput{}
			out.Body.Items = make([]Commitment, len(views))
			for i, v := range views {
				out.Body.Items[i] = commitmentOut(v)
			}
			return out, nil
		})
}
