package services

import (
	"slices"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// resolveTags turns tag slugs into tag ids; an unknown slug is a field error.
// Archived tags resolve too: replaceTags keeps them on the records that
// already carry them and refuses them elsewhere.
func resolveTags(tx *gorm.DB, slugs []string, verr *ValidationError) []int64 {
	if len(slugs) == 0 {
		return nil
	}
	slugs = uniqueStrings(slugs)
	if m := memoOf(tx); m != nil {
		ids := make([]int64, 0, len(slugs))
		for _, s := range slugs {
			if id, ok := m.tagID(s); ok {
				ids = append(ids, id)
			} else {
				verr.add("tags", "unknown tag %q", s)
			}
		}
		return ids
	}
	var tags []models.Tag
	if err := tx.Unscoped().Where("slug IN ?", slugs).Find(&tags).Error; err != nil {
		verr.add("tags", "cannot be checked")
		return nil
	}
	ids := make([]int64, 0, len(tags))
	found := make(map[string]bool, len(tags))
	for _, t := range tags {
		ids = append(ids, t.ID)
		found[t.Slug] = true
	}
	for _, s := range slugs {
		if !found[s] {
			verr.add("tags", "unknown tag %q", s)
		}
	}
	return ids
}

// replaceTags sets a record's tags to exactly tagIDs. An archived tag stays
// on a record that carries it, and is refused (a field error) on any other.
func replaceTags(tx *gorm.DB, entity string, id int64, tagIDs []int64) error {
	if len(tagIDs) > 0 {
		var archived []string
		err := tx.Model(&models.Tag{}).Unscoped().Where("tags.deleted_at IS NOT NULL AND tags.id IN ?", tagIDs).
			Where("tags.id NOT IN (SELECT tag_id FROM taggings WHERE entity_type = ? AND entity_id = ?)", entity, id).
			Order("tags.slug").Pluck("tags.slug", &archived).Error
		if err != nil {
			return err
		}
		if len(archived) > 0 {
			var verr ValidationError
			for _, slug := range archived {
				verr.add("tags", "the tag %q is archived", slug)
			}
			return &verr
		}
	}
	if err := tx.Where("entity_type = ? AND entity_id = ?", entity, id).Delete(&models.Tagging{}).Error; err != nil {
		return err
	}
	if len(tagIDs) == 0 {
		return nil
	}
	rows := make([]models.Tagging, len(tagIDs))
	for i, t := range tagIDs {
		rows[i] = models.Tagging{EntityType: entity, EntityID: id, TagID: t}
	}
	return tx.Create(&rows).Error
}

// tagsOf loads the tag slugs of many records in one query (never one query
// per record), keyed by record id, each list sorted.
func tagsOf(tx *gorm.DB, entity string, ids []int64) (map[int64][]string, error) {
	out := make(map[int64][]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	// Two plain columns, read without gorm (query.Direct): this runs for
	// every list page and every record read.
	in, args := query.IDsIn(tx, "taggings.entity_id", ids)
	rows, err := query.Direct(tx, "SELECT taggings.entity_id, tags.slug FROM taggings JOIN tags ON tags.id = taggings.tag_id"+
		" WHERE taggings.entity_type = ? AND "+in+" ORDER BY tags.slug", append([]any{entity}, args...)...)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var slug string
		if err := rows.Scan(&id, &slug); err != nil {
			return out, err
		}
		out[id] = append(out[id], slug)
	}
	return out, rows.Err()
}

// withTag restricts a list to records carrying any of the tag slugs.
func withTag(q *gorm.DB, entity, idColumn string, slugs []string) *gorm.DB {
	if len(slugs) == 0 {
		return q
	}
	return q.Where(idColumn+" IN (SELECT taggings.entity_id FROM taggings JOIN tags ON tags.id = taggings.tag_id WHERE taggings.entity_type = ? AND tags.slug IN ?)", entity, slugs)
}

func uniqueStrings(in []string) []string {
	out := slices.Clone(in)
	slices.Sort(out)
	return slices.Compact(out)
}
