package services

import (
	"errors"

	"gorm.io/gorm"

	"liaison/models"
)

// liveOrMerged reads record id through scope: the live record, or else the
// record merged away (archived, with merged_into_id), so that a merged
// record's old address answers with the survivor's id rather than 404.
// Other archived records stay 404. Errors: ErrNotFound.
func liveOrMerged(db *gorm.DB, actor Actor, l lifecycle, table string, id int64, dest any) error {
	err := l.scope(db, actor, false).First(dest, id).Error
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	return mergedAway(db, actor, l, table, id, dest)
}

// mergedAway reads record id through scope when it was merged away
// (archived, with merged_into_id): liveOrMerged's second half, for a
// caller that has read the live records its own way. Errors: ErrNotFound.
func mergedAway(db *gorm.DB, actor Actor, l lifecycle, table string, id int64, dest any) error {
	return notFoundOr(l.scope(db, actor, true).Where(table+".merged_into_id IS NOT NULL").First(dest, id).Error)
}

// mergedHistoryIDs widens a history filter naming records of one kind of
// merged record (contacts or organizations) with the records merged into
// them, so that the survivor's history shows what happened to its
// duplicates. Events are read, never rewritten: each still names the
// record it was written for, and the history's visibility rule applies to
// it as before. archiveMerged points every merged record at its final
// survivor, so one lookup finds them all.
func mergedHistoryIDs(db *gorm.DB, entity []string, ids []int64) ([]int64, error) {
	if len(entity) != 1 || len(ids) == 0 {
		return ids, nil
	}
	var model any
	switch entity[0] {
	case models.EntityContact:
		model = &models.Contact{}
	case models.EntityOrganization:
		model = &models.Organization{}
	default:
		return ids, nil
	}
	var merged []int64
	if err := db.Session(&gorm.Session{NewDB: true}).Unscoped().Model(model).Where("merged_into_id IN ?", ids).Pluck("id", &merged).Error; err != nil {
		return nil, err
	}
	return append(ids, merged...), nil
}
