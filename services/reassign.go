package services

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// CommitmentRef names a commitment at the version the client read.
type CommitmentRef struct {
	ID, Version int64
}

// MaxReassign is how many commitments one reassignment may name.
const MaxReassign = 200

// ItemError is what went wrong with one item of a request that names many
// records; Field locates it in the request ("commitments[2].version"). It
// wraps the error kind (ErrNotFound, ErrForbidden, ErrStale) so that the API
// maps it like any other.
type ItemError struct {
	Field string
	Err   error
}

func (e *ItemError) Error() string { return e.Field + ": " + e.Err.Error() }
func (e *ItemError) Unwrap() error { return e.Err }

// Reassign hands many commitments to one owner at once: a manager's act
// on their office's commitments (admins any). Every commitment must still be
// at the version the client read. All or nothing, in one transaction: the
// first commitment that is not visible (ErrNotFound), not the actor's to
// reassign (ErrForbidden) or changed meanwhile (ErrStale) fails the whole
// request as an *ItemError naming it; an owner who is not an active user of
// each commitment's office is a *ValidationError on owner_id. Commitments
// that already belong to the owner are left as they are.
func (s *CommitmentService) Reassign(ctx context.Context, actor Actor, ownerID int64, refs []CommitmentRef) ([]CommitmentView, error) {
	var verr ValidationError
	if len(refs) == 0 || len(refs) > MaxReassign {
		verr.add("commitments", "name between 1 and %d commitments", MaxReassign)
	}
	ids := make([]int64, len(refs))
	seen := make(map[int64]bool, len(refs))
	for i, r := range refs {
		if seen[r.ID] {
			verr.add(fmt.Sprintf("commitments[%d].id", i), "names a commitment twice")
		}
		seen[r.ID], ids[i] = true, r.ID
	}
	if err := verr.orNil(); err != nil {
		return nil, err
	}
	err := query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		var rows []models.Commitment
		if err := commitmentScope(tx, actor, false).Where("commitments.id IN ?", ids).Find(&rows).Error; err != nil {
			return err
		}
		byID := make(map[int64]*models.Commitment, len(rows))
		for i := range rows {
			byID[rows[i].ID] = &rows[i]
		}
		offices := map[int64]bool{}
		var moving []int64
		for i, r := range refs {
			c := byID[r.ID]
			switch {
			case c == nil:
				return &ItemError{Field: fmt.Sprintf("commitments[%d].id", i), Err: ErrNotFound}
			case !actor.canManage(c.OfficeID):
				return &ItemError{Field: fmt.Sprintf("commitments[%d].id", i), Err: ErrForbidden}
			case c.Version != r.Version:
				return &ItemError{Field: fmt.Sprintf("commitments[%d].version", i), Err: ErrStale}
			}
			offices[c.OfficeID] = true
			if c.OwnerID == nil || *c.OwnerID != ownerID {
				moving = append(moving, c.ID)
			}
		}
		for office := range offices {
			checkOwner(tx, &ownerID, office, &verr)
			if len(verr.Fields) > 0 {
				return &verr
			}
		}
		if len(moving) == 0 {
			return nil
		}
		save := func() error {
			for _, id := range moving {
				before := *byID[id]
				c := before
				c.OwnerID = &ownerID
				c.Version = before.Version + 1
				if err := saveVersioned(tx, &c, before.Version); err != nil {
					return err
				}
				if err := noticeAssigned(tx, actor, &c, before.OwnerID); err != nil {
					return err
				}
				if err := actor.audit(tx, ActionUpdate, models.EntityCommitment, id, c.OfficeID, diff(&before, &c)); err != nil {
					return err
				}
			}
			return nil
		}
		return retally(tx, save, "c.id IN ?", moving)
	})
	if err != nil {
		return nil, err
	}
	db := s.db.WithContext(ctx)
	var rows []models.Commitment
	if err := commitmentScope(db, actor, false).Where("commitments.id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	order := make(map[int64]int, len(ids))
	for i, id := range ids {
		order[id] = i
	}
	sorted := make([]models.Commitment, len(rows))
	for _, c := range rows {
		sorted[order[c.ID]] = c
	}
	return s.views(db, actor, sorted, s.today())
}
