package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"liaison/models"
	"liaison/services"
)

// Country is a row of the ISO 3166-1 list.
type Country struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Region string `json:"region"`
}

// Office is one of our own offices.
type Office struct {
	ID          int64     `json:"id"`
	Version     int64     `json:"version"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	Name        string    `json:"name"`
	CountryCode *string   `json:"country_code" nullable:"true"`
}

// Tag is a theme, an SDG or a custom label.
type Tag struct {
	ID         int64      `json:"id"`
	Version    int64      `json:"version"`
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
	ArchivedAt *time.Time `json:"archived_at,omitempty" doc:"Set when the tag is archived: refused on new records, still shown where used."`
	Slug       string     `json:"slug" doc:"Never changes: records name their tags by slug."`
	Name       string     `json:"name"`
	Kind       tagKind    `json:"kind"`
}

func officeOut(o models.Office) Office {
	return Office{ID: o.ID, Version: o.Version, CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt, Name: o.Name, CountryCode: o.CountryCode}
}

type itemsOutput[T any] struct {
	Body struct {
		Items []T `json:"items"`
	}
}

func items[S, T any](in []S, conv func(S) T) *itemsOutput[T] {
	out := &itemsOutput[T]{}
	out.Body.Items = make([]T, len(in))
	for i, s := range in {
		out.Body.Items[i] = conv(s)
	}
	return out
}

type officeOutput struct {
	ETag     string `header:"ETag"`
	Location string `header:"Location"`
	Body     Office
}

type officeCreateInput struct {
	Body struct {
		Name        string  `json:"name" minLength:"1" maxLength:"200"`
		CountryCode *string `json:"country_code,omitempty" nullable:"true" pattern:"^[A-Z]{2}$"`
	}
}

type officePatchInput struct {
	IDPath
	IfMatch string `header:"If-Match"`
	Body    struct {
		Name        Optional[string] `json:"name,omitempty" minLength:"1" maxLength:"200"`
		CountryCode Optional[string] `json:"country_code,omitempty" nullable:"true" pattern:"^[A-Z]{2}$"`
	}
}

type tagSort string

func (tagSort) Schema(huma.Registry) *huma.Schema { return sortSchema(services.TagSorts.SortNames()) }

type tagListInput struct {
	ListQuery
	Sort         tagSort   `query:"sort" default:"name" doc:"name: the SDGs in goal order, then the other tags by name."`
	Kind         []tagKind `query:"kind" doc:"Comma-separated alternatives."`
	UpdatedAfter time.Time `query:"updated_after" doc:"Only tags changed after this RFC 3339 time."`
}

type officeSort string

func (officeSort) Schema(huma.Registry) *huma.Schema {
	return sortSchema(services.OfficeSorts.SortNames())
}

type officeListInput struct {
	ListQuery
	Sort         officeSort `query:"sort" default:"name"`
	CountryCode  []string   `query:"country_code" doc:"Comma-separated alternatives."`
	UpdatedAfter time.Time  `query:"updated_after" doc:"Only offices changed after this RFC 3339 time."`
}

type tagCreateInput struct {
	Body struct {
		Slug string  `json:"slug" minLength:"1" maxLength:"60" pattern:"^[a-z0-9]+(-[a-z0-9]+)*$"`
		Name string  `json:"name" minLength:"1" maxLength:"100"`
		Kind tagKind `json:"kind"`
	}
}

type tagOutput struct {
	ETag     string `header:"ETag"`
	Location string `header:"Location"`
	Body     Tag
}

type tagPatchInput struct {
	IDPath
	IfMatch string `header:"If-Match" doc:"The ETag you read; required."`
	Body    struct {
		Name Optional[string] `json:"name,omitempty" minLength:"1" maxLength:"100"`
	}
}

type tagMergeInput struct {
	IDPath
	IfMatch string `header:"If-Match" doc:"The ETag of the tag merged away; required."`
	Body    struct {
		Into int64 `json:"into" minimum:"1" doc:"The tag that takes this one's place on every record."`
	}
}

type tagMergeOutput struct {
	Body struct {
		Into  Tag   `json:"into" doc:"The surviving tag."`
		Moved int64 `json:"moved" doc:"How many records carried the merged tag."`
	}
}

func tagOut(t models.Tag) Tag {
	out := Tag{ID: t.ID, Version: t.Version, CreatedAt: t.CreatedAt, UpdatedAt: t.UpdatedAt, Slug: t.Slug, Name: t.Name, Kind: tagKind(t.Kind)}
	if t.DeletedAt.Valid {
		out.ArchivedAt = &t.DeletedAt.Time
	}
	return out
}

func tagWithETag(t models.Tag) *tagOutput { return &tagOutput{ETag: etag(t.Version), Body: tagOut(t)} }

func (h *handlers) registerReference(api huma.API) {
	huma.Register(api, op("list-countries", http.MethodGet, "/api/v1/countries", "The ISO 3166-1 countries", "reference"),
		func(ctx context.Context, _ *struct{}) (*itemsOutput[Country], error) {
			cs, err := h.svc.Countries.List(ctx)
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			return items(cs, func(c models.Country) Country { return Country{Code: c.Code, Name: c.Name, Region: c.Region} }), nil
		})

	huma.Register(api, op("list-tags", http.MethodGet, "/api/v1/tags", "Tags: themes, the 17 SDGs, custom labels", "reference"),
		func(ctx context.Context, in *tagListInput) (*listOutput[Tag], error) {
			p, err := h.svc.Tags.List(ctx, actor(ctx), services.TagFilter{ListParams: in.params(string(in.Sort)), Kind: enumStrings(in.Kind),
				UpdatedAfter: timeOrNil(in.UpdatedAfter)})
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			return toList(p, tagOut), nil
		})

	huma.Register(api, op("get-tag", http.MethodGet, "/api/v1/tags/{id}", "Get a tag", "reference"),
		func(ctx context.Context, in *IDPath) (*tagOutput, error) {
			t, err := h.svc.Tags.Get(ctx, actor(ctx), in.ID)
			if err != nil {
				return nil, fail(ctx, h.log, "path", err)
			}
			return tagWithETag(t), nil
		})

	huma.Register(api, op("update-tag", http.MethodPatch, "/api/v1/tags/{id}", "Rename a tag (admins; not the SDGs)", "reference"),
		func(ctx context.Context, in *tagPatchInput) (*tagOutput, error) {
			version, err := parseIfMatch(ctx, in.IfMatch)
			if err != nil {
				return nil, err
			}
			t, err := h.svc.Tags.Update(ctx, actor(ctx), in.ID, version, services.TagPatch{Name: change(in.Body.Name)})
			if err != nil {
				return nil, fail(ctx, h.log, "body", err)
			}
			return tagWithETag(t), nil
		})

	registerArchive(api, h, "archive-tag", "/api/v1/tags/{id}", "Archive a tag (admins; not the SDGs): refused on new records, kept where used", "reference",
		func(s *services.Services) archiveFunc { return s.Tags.Archive })
	registerRestore(api, h, "restore-tag", "/api/v1/tags/{id}/restore", "Restore an archived tag (admins)", "reference",
		func(s *services.Services) restoreFunc[models.Tag] { return s.Tags.Restore }, tagWithETag)

	huma.Register(api, op("merge-tag", http.MethodPost, "/api/v1/tags/{id}/merge",
		"Merge a tag into another (admins; not the SDGs): every record carrying it carries the other, and it is archived", "reference"),
		func(ctx context.Context, in *tagMergeInput) (*tagMergeOutput, error) {
			version, err := parseIfMatch(ctx, in.IfMatch)
			if err != nil {
				return nil, err
			}
			r, err := h.svc.Tags.Merge(ctx, actor(ctx), in.ID, version, in.Body.Into)
			if err != nil {
				return nil, fail(ctx, h.log, "body", err)
			}
			out := &tagMergeOutput{}
			out.Body.Into, out.Body.Moved = tagOut(r.Into), r.Moved
			return out, nil
		})

	createTag := op("create-tag", http.MethodPost, "/api/v1/tags", "Create a theme or custom tag (admins)", "reference")
	createTag.DefaultStatus = http.StatusCreated
	huma.Register(api, createTag, func(ctx context.Context, in *tagCreateInput) (*tagOutput, error) {
		t, err := h.svc.Tags.Create(ctx, actor(ctx), services.TagInput{Slug: in.Body.Slug, Name: in.Body.Name, Kind: string(in.Body.Kind)})
		if err != nil {
			return nil, fail(ctx, h.log, "body", err)
		}
		out := tagWithETag(t)
		out.Location = "/api/v1/tags/" + strconv.FormatInt(t.ID, 10)
		return out, nil
	})

	huma.Register(api, op("list-offices", http.MethodGet, "/api/v1/offices", "Our offices", "offices"),
		func(ctx context.Context, in *officeListInput) (*listOutput[Office], error) {
			p, err := h.svc.Offices.List(ctx, services.OfficeFilter{ListParams: in.params(string(in.Sort)), CountryCode: in.CountryCode,
				UpdatedAfter: timeOrNil(in.UpdatedAfter)})
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			return toList(p, officeOut), nil
		})

	huma.Register(api, op("get-office", http.MethodGet, "/api/v1/offices/{id}", "Get an office", "offices"),
		func(ctx context.Context, in *IDPath) (*officeOutput, error) {
			o, err := h.svc.Offices.Get(ctx, in.ID)
			if err != nil {
				return nil, fail(ctx, h.log, "path", err)
			}
			return &officeOutput{ETag: etag(o.Version), Body: officeOut(o)}, nil
		})

	createOffice := op("create-office", http.MethodPost, "/api/v1/offices", "Create an office (admins)", "offices")
	createOffice.DefaultStatus = http.StatusCreated
	huma.Register(api, createOffice, func(ctx context.Context, in *officeCreateInput) (*officeOutput, error) {
		o, err := h.svc.Offices.Create(ctx, actor(ctx), services.OfficeInput{Name: in.Body.Name, CountryCode: in.Body.CountryCode})
		if err != nil {
			return nil, fail(ctx, h.log, "body", err)
		}
		return &officeOutput{ETag: etag(o.Version), Location: "/api/v1/offices/" + strconv.FormatInt(o.ID, 10), Body: officeOut(o)}, nil
	})

	huma.Register(api, op("update-office", http.MethodPatch, "/api/v1/offices/{id}", "Change an office (admins)", "offices"),
		func(ctx context.Context, in *officePatchInput) (*officeOutput, error) {
			version, err := parseIfMatch(ctx, in.IfMatch)
			if err != nil {
				return nil, err
			}
			o, err := h.svc.Offices.Update(ctx, actor(ctx), in.ID, version, services.OfficePatch{
				Name: change(in.Body.Name), CountryCode: changeNullable(in.Body.CountryCode)})
			if err != nil {
				return nil, fail(ctx, h.log, "body", err)
			}
			return &officeOutput{ETag: etag(o.Version), Body: officeOut(o)}, nil
		})
}
