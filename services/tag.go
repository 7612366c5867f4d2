package services

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// TagService manages tags: the shipped SDGs, themes and custom labels.
// Everyone reads them; admins create, rename, archive, restore and merge
// them. The 17 SDG tags are shipped and fixed: they cannot be renamed,
// archived or merged away (a custom tag may be merged into one). A slug
// never changes: clients and spreadsheets name tags by slug.
type TagService struct{ db *gorm.DB }

// TagInput is what an admin may set when creating a tag.
type TagInput struct{ Slug, Name, Kind string }

// TagPatch is what an admin may change on a tag: its name.
type TagPatch struct {
	Name Change[string]
}

// TagFilter selects tags; a list field holds alternatives.
type TagFilter struct {
	ListParams
	Kind         []string
	UpdatedAfter *time.Time
}

// TagMergeResult is what a merge did: the surviving tag and how many
// records it was moved onto.
type TagMergeResult struct {
	Into  models.Tag
	Moved int64
}

// ActionMergeTag is the audit action of a tag merge.
const ActionMergeTag = "merge"

// TagSorts is the sort allow-list of the tags list. name puts the SDGs in
// goal order, then the other tags by folded name (models.TagSortKey).
var TagSorts = query.SortKeys[models.Tag]{
	"name": {Column: "tags.sort_key", Value: func(t *models.Tag) any { return t.SortKey }, Pinnable: []string{"tags.kind"}},
	"slug": {Column: "tags.slug", Value: func(t *models.Tag) any { return t.Slug }},
	"id":   {Column: "tags.id", Value: func(t *models.Tag) any { return t.ID }},
}

// taggedTables are the tables whose records carry tags, by entity name:
// a merge raises the version of every record whose tags it changes.
var taggedTables = map[string]string{
	models.EntityOrganization: "organizations",
	models.EntityContact:      "contacts",
	models.EntityVisit:        "visits",
	models.EntityInteraction:  "interactions",
	models.EntityCommitment:   "commitments",
}

// List returns one page of tags. Errors: ErrInvalidCursor, ErrUnknownSort.
func (s *TagService) List(ctx context.Context, actor Actor, f TagFilter) (Page[models.Tag], error) {
	q := query.Base(s.db.WithContext(ctx), &models.Tag{}, "tags", f.Archived)
	q = query.WhereIn(q, "tags.kind", f.Kind)
	f.Pin("tags.kind", len(f.Kind))
	if f.UpdatedAfter != nil {
		q = q.Where("tags.updated_at > ?", f.UpdatedAfter.UTC())
	}
	if f.Q != "" {
		q = matchWordPrefixes(q, "tags.search_text", f.Q)
	}
	return query.List(q, TagSorts, "name", f.ListParams, "tags")
}

// Get returns one live tag. Errors: ErrNotFound.
func (s *TagService) Get(ctx context.Context, actor Actor, id int64) (models.Tag, error) {
	var t models.Tag
	err := s.db.WithContext(ctx).First(&t, id).Error
	return t, notFoundOr(err)
}

// Create adds a theme or custom tag; admins only.
// Errors: ErrForbidden, *ValidationError, *ConflictError.
func (s *TagService) Create(ctx context.Context, actor Actor, in TagInput) (models.Tag, error) {
	if !actor.IsAdmin() {
		return models.Tag{}, ErrForbidden
	}
	var verr ValidationError
	checkRequired("name", in.Name, 100, &verr)
	checkRequired("slug", in.Slug, 60, &verr)
	if !slugPattern.MatchString(in.Slug) {
		verr.add("slug", "lower-case letters, digits and dashes only")
	}
	if in.Kind == "sdg" {
		verr.add("kind", "the SDG tags are shipped, not created")
	} else {
		checkEnum("kind", in.Kind, []string{"theme", "custom"}, &verr)
	}
	if err := verr.orNil(); err != nil {
		return models.Tag{}, err
	}
	t := models.Tag{Version: 1, Slug: in.Slug, Name: in.Name, Kind: in.Kind,
		SortKey: models.TagSortKey(in.Slug, in.Name, in.Kind), SearchText: models.TagSearchText(in.Slug, in.Name)}
	err := query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		var n int64
		// Archived tags keep their slug: it still names them where they are used.
		if err := tx.Model(&models.Tag{}).Unscoped().Where("slug = ?", in.Slug).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return slugTaken
		}
		if err := tx.Create(&t).Error; err != nil {
			if errors.Is(err, gorm.ErrDuplicatedKey) {
				return slugTaken
			}
			return err
		}
		return actor.audit(tx, ActionCreate, models.EntityTag, t.ID, 0, diff(nil, &t))
	})
	return t, err
}

var slugTaken = &ConflictError{Field: "slug", Message: "a tag with this slug exists"}

// Update renames a tag while version still matches; admins only.
// Errors: ErrForbidden, ErrNotFound, ErrStale, *ValidationError (an SDG tag,
// a bad name).
func (s *TagService) Update(ctx context.Context, actor Actor, id int64, version *int64, patch TagPatch) (models.Tag, error) {
	if !actor.IsAdmin() {
		return models.Tag{}, ErrForbidden
	}
	var t models.Tag
	err := writeTx(ctx, s.db, &models.Tag{}, id, version, func(tx *gorm.DB) error {
		var before models.Tag
		if err := tx.First(&before, id).Error; err != nil {
			return notFoundOr(err)
		}
		if err := checkVersion(version, before.Version); err != nil {
			return err
		}
		if err := notSDG(before, "name"); err != nil {
			return err
		}
		t = before
		patch.Name.apply(&t.Name)
		var verr ValidationError
		checkRequired("name", t.Name, 100, &verr)
		if err := verr.orNil(); err != nil {
			return err
		}
		changes := diff(&before, &t)
		if len(changes) == 0 {
			return nil
		}
		t.SortKey, t.SearchText = models.TagSortKey(t.Slug, t.Name, t.Kind), models.TagSearchText(t.Slug, t.Name)
		t.Version = before.Version + 1
		if err := saveTag(tx, &t, before.Version); err != nil {
			return err
		}
		return actor.audit(tx, ActionUpdate, models.EntityTag, id, 0, changes)
	})
	return t, err
}

// Archive takes a tag out of use: refused on new records from now on,
// still shown on the records that carry it. Admins only.
// Errors: ErrForbidden, ErrNotFound, ErrStale, *ValidationError (an SDG tag).
func (s *TagService) Archive(ctx context.Context, actor Actor, id int64, version *int64) error {
	if !actor.IsAdmin() {
		return ErrForbidden
	}
	return writeTx(ctx, s.db, &models.Tag{}, id, version, func(tx *gorm.DB) error {
		var t models.Tag
		if err := tx.First(&t, id).Error; err != nil {
			return notFoundOr(err)
		}
		if err := checkVersion(version, t.Version); err != nil {
			return err
		}
		if err := notSDG(t, "kind"); err != nil {
			return err
		}
		if err := archiveTag(tx, t); err != nil {
			return err
		}
		return actor.audit(tx, ActionArchive, models.EntityTag, id, 0, nil)
	})
}

// Restore brings an archived tag back into use; admins only.
// Errors: ErrForbidden, ErrNotFound (also when it is not archived).
func (s *TagService) Restore(ctx context.Context, actor Actor, id int64) (models.Tag, error) {
	if !actor.IsAdmin() {
		return models.Tag{}, ErrForbidden
	}
	var t models.Tag
	err := query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		if err := query.Base(tx, &models.Tag{}, "tags", true).First(&t, id).Error; err != nil {
			return notFoundOr(err)
		}
		res := tx.Model(&models.Tag{}).Unscoped().Where("id = ? AND version = ?", id, t.Version).
			Updates(map[string]any{"deleted_at": nil, "version": gorm.Expr("version + 1"), "updated_at": models.Now()})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrStale
		}
		return actor.audit(tx, ActionRestore, models.EntityTag, id, 0, nil)
	})
	if err != nil {
		return models.Tag{}, err
	}
	return s.Get(ctx, actor, id)
}

// Merge moves every use of tag id onto the tag into and archives id, in one
// transaction: a record that carried both keeps one, and every record whose
// tags changed gets a new version (its ETag and updated_at change, so that
// clients syncing by updated_after see it). No derived table counts tags:
// the search index, tallies and activity are untouched. Admins only.
// Errors: ErrForbidden, ErrNotFound (id), ErrStale, *ValidationError (an SDG
// tag merged away, into itself, into an unknown or archived tag).
func (s *TagService) Merge(ctx context.Context, actor Actor, id int64, version *int64, into int64) (TagMergeResult, error) {
	if !actor.IsAdmin() {
		return TagMergeResult{}, ErrForbidden
	}
	var out TagMergeResult
	err := writeTx(ctx, s.db, &models.Tag{}, id, version, func(tx *gorm.DB) error {
		var source models.Tag
		if err := tx.First(&source, id).Error; err != nil {
			return notFoundOr(err)
		}
		if err := checkVersion(version, source.Version); err != nil {
			return err
		}
		if err := notSDG(source, "kind"); err != nil {
			return err
		}
		var verr ValidationError
		if into == id {
			verr.add("into", "must be another tag")
			return &verr
		}
		if err := tx.First(&out.Into, into).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				verr.add("into", "no such tag")
				return &verr
			}
			return err
		}
		moved, err := moveTaggings(tx, id, into)
		if err != nil {
			return err
		}
		out.Moved = moved
		if err := archiveTag(tx, source); err != nil {
			return err
		}
		return actor.audit(tx, ActionMergeTag, models.EntityTag, id, 0, map[string]fieldChange{
			"merged_into": {Old: nil, New: out.Into.Slug}, "records": {Old: nil, New: moved}})
	})
	return out, err
}

// moveTaggings puts the tag into on every record that carries from, raises
// those records' versions, and removes from's taggings. It returns how many
// records carried from.
func moveTaggings(tx *gorm.DB, from, into int64) (int64, error) {
	var moved int64
	if err := tx.Model(&models.Tagging{}).Where("tag_id = ?", from).Count(&moved).Error; err != nil {
		return 0, err
	}
	if moved == 0 {
		return 0, nil
	}
	now := models.Now()
	for entity, table := range taggedTables {
		err := tx.Exec("UPDATE "+table+" SET version = version + 1, updated_at = ? WHERE id IN "+
			"(SELECT entity_id FROM taggings WHERE entity_type = ? AND tag_id = ?)", now, entity, from).Error
		if err != nil {
			return 0, err
		}
	}
	err := tx.Exec(`INSERT INTO taggings (entity_type, entity_id, tag_id)
SELECT s.entity_type, s.entity_id, ? FROM taggings s
WHERE s.tag_id = ? AND NOT EXISTS (SELECT 1 FROM taggings t WHERE t.entity_type = s.entity_type AND t.entity_id = s.entity_id AND t.tag_id = ?)`,
		into, from, into).Error
	if err != nil {
		return 0, err
	}
	return moved, tx.Where("tag_id = ?", from).Delete(&models.Tagging{}).Error
}

// notSDG refuses a change to a shipped SDG tag, naming field.
func notSDG(t models.Tag, field string) error {
	if t.Kind != "sdg" {
		return nil
	}
	var verr ValidationError
	verr.add(field, "the SDG tags are shipped and cannot be changed")
	return &verr
}

// saveTag writes a tag's changed columns while its version is still the one read.
func saveTag(tx *gorm.DB, t *models.Tag, readVersion int64) error {
	res := tx.Model(&models.Tag{}).Where("id = ? AND version = ?", t.ID, readVersion).
		Updates(map[string]any{"name": t.Name, "sort_key": t.SortKey, "search_text": t.SearchText,
			"version": t.Version, "updated_at": models.Now()})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrStale
	}
	return nil
}

// archiveTag marks t archived, guarded by the version read.
func archiveTag(tx *gorm.DB, t models.Tag) error {
	res := tx.Model(&models.Tag{}).Where("id = ? AND version = ?", t.ID, t.Version).
		Updates(map[string]any{"deleted_at": models.Now(), "version": gorm.Expr("version + 1"), "updated_at": models.Now()})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrStale
	}
	return nil
}
