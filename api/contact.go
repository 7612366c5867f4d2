package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"liaison/services"
)

// Position is a contact's role at an organization.
type Position struct {
	OrganizationID int64   `json:"organization_id" minimum:"1"`
	Title          string  `json:"title,omitempty" maxLength:"200"`
	StartDate      *string `json:"start_date,omitempty" nullable:"true" format:"date"`
	EndDate        *string `json:"end_date,omitempty" nullable:"true" format:"date" doc:"Empty while the position is held."`
	Primary        bool    `json:"primary,omitempty"`
}

// Contact is a contact as the API shows it.
type Contact struct {
	ID                 int64         `json:"id"`
	Version            int64         `json:"version"`
	CreatedAt          time.Time     `json:"created_at"`
	UpdatedAt          time.Time     `json:"updated_at"`
	ArchivedAt         *time.Time    `json:"archived_at,omitempty"`
	OfficeID           int64         `json:"office_id"`
	OwnerID            *int64        `json:"owner_id" nullable:"true"`
	Honorific          string        `json:"honorific"`
	GivenName          string        `json:"given_name"`
	FamilyName         string        `json:"family_name"`
	FullName           string        `json:"full_name" readOnly:"true"`
	NameLocal          string        `json:"name_local"`
	Gender             *gender       `json:"gender" nullable:"true"`
	Email              string        `json:"email"`
	Phone              string        `json:"phone"`
	Languages          []string      `json:"languages"`
	CountryCode        *string       `json:"country_code" nullable:"true"`
	City               string        `json:"city"`
	Notes              string        `json:"notes"`
	Restricted         bool          `json:"restricted" doc:"Youth, parents or otherwise vulnerable: hidden from other offices."`
	ConsentBasis       *consentBasis `json:"consent_basis" nullable:"true"`
	ConsentDate        *string       `json:"consent_date" nullable:"true" doc:"When consent was given (YYYY-MM-DD)."`
	ConsentSource      string        `json:"consent_source" doc:"How consent was given, e.g. \"signed form, Zenica workshop\"."`
	ConsentWithdrawnAt *time.Time    `json:"consent_withdrawn_at" nullable:"true" doc:"When consent was withdrawn. With consent_basis consent, the person cannot be added to new interactions or visits."`
	ErasedAt           *time.Time    `json:"erased_at,omitempty" readOnly:"true" doc:"Set on a tombstone: the person's data was erased (POST /contacts/{id}/erase)."`
	Positions          []Position    `json:"positions"`
	Tags               []string      `json:"tags"`
	MergedIntoID       *int64        `json:"merged_into_id,omitempty" readOnly:"true" doc:"Set on a record merged into another (and archived): the survivor's id."`
}

func contactOut(v services.ContactView) Contact {
	c := v.Contact
	out := Contact{ID: c.ID, Version: c.Version, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt, OfficeID: c.OfficeID,
		OwnerID: c.OwnerID, Honorific: c.Honorific, GivenName: c.GivenName, FamilyName: c.FamilyName, FullName: c.FullName,
		NameLocal: c.NameLocal, Email: c.Email, Phone: c.Phone, Languages: v.LanguageList(),
		CountryCode: c.CountryCode, City: c.City, Notes: c.Notes, Restricted: c.Restricted, Tags: v.Tags,
		Positions: make([]Position, len(v.Positions)), MergedIntoID: c.MergedIntoID,
		ConsentDate: c.ConsentDate, ConsentSource: c.ConsentSource, ConsentWithdrawnAt: c.ConsentWithdrawnAt, ErasedAt: c.ErasedAt}
	if c.Gender != nil {
		g := gender(*c.Gender)
		out.Gender = &g
	}
	if c.ConsentBasis != nil {
		b := consentBasis(*c.ConsentBasis)
		out.ConsentBasis = &b
	}
	if c.DeletedAt.Valid {
		out.ArchivedAt = &c.DeletedAt.Time
	}
	for i, p := range v.Positions {
		out.Positions[i] = Position{OrganizationID: p.OrganizationID, Title: p.Title, StartDate: p.StartDate, EndDate: p.EndDate, Primary: p.Primary}
	}
	return out
}

func positionsIn(ps []Position) []services.PositionInput {
	out := make([]services.PositionInput, len(ps))
	for i, p := range ps {
		out[i] = services.PositionInput{OrganizationID: p.OrganizationID, Title: p.Title, StartDate: p.StartDate, EndDate: p.EndDate, Primary: p.Primary}
	}
	return out
}

// ContactCreate is the body of POST /contacts.
type ContactCreate struct {
	Honorific          string        `json:"honorific,omitempty" maxLength:"50"`
	GivenName          string        `json:"given_name,omitempty" maxLength:"200"`
	FamilyName         string        `json:"family_name,omitempty" maxLength:"200"`
	NameLocal          string        `json:"name_local,omitempty" maxLength:"300"`
	Gender             *gender       `json:"gender,omitempty" nullable:"true"`
	Email              string        `json:"email,omitempty" maxLength:"254"`
	Phone              string        `json:"phone,omitempty" maxLength:"50"`
	Languages          []string      `json:"languages,omitempty" maxItems:"20" pattern:"^[a-z]{2}$"`
	CountryCode        *string       `json:"country_code,omitempty" nullable:"true" pattern:"^[A-Z]{2}$"`
	City               string        `json:"city,omitempty" maxLength:"200"`
	Notes              string        `json:"notes,omitempty" maxLength:"20000"`
	Restricted         bool          `json:"restricted,omitempty"`
	ConsentBasis       *consentBasis `json:"consent_basis,omitempty" nullable:"true"`
	ConsentDate        *string       `json:"consent_date,omitempty" nullable:"true" format:"date"`
	ConsentSource      string        `json:"consent_source,omitempty" maxLength:"500"`
	ConsentWithdrawnAt *time.Time    `json:"consent_withdrawn_at,omitempty" nullable:"true"`
	OwnerID            *int64        `json:"owner_id,omitempty" nullable:"true" minimum:"1"`
	Positions          []Position    `json:"positions,omitempty" maxItems:"50"`
	Tags               []string      `json:"tags,omitempty" maxItems:"50"`
}

// ContactPatch is the merge-patch body of PATCH /contacts/{id}.
type ContactPatch struct {
	Honorific          Optional[string]       `json:"honorific,omitempty" maxLength:"50"`
	GivenName          Optional[string]       `json:"given_name,omitempty" maxLength:"200"`
	FamilyName         Optional[string]       `json:"family_name,omitempty" maxLength:"200"`
	NameLocal          Optional[string]       `json:"name_local,omitempty" maxLength:"300"`
	Gender             Optional[gender]       `json:"gender,omitempty" nullable:"true"`
	Email              Optional[string]       `json:"email,omitempty" maxLength:"254"`
	Phone              Optional[string]       `json:"phone,omitempty" maxLength:"50"`
	Languages          Optional[[]string]     `json:"languages,omitempty" maxItems:"20" pattern:"^[a-z]{2}$"`
	CountryCode        Optional[string]       `json:"country_code,omitempty" nullable:"true" pattern:"^[A-Z]{2}$"`
	City               Optional[string]       `json:"city,omitempty" maxLength:"200"`
	Notes              Optional[string]       `json:"notes,omitempty" maxLength:"20000"`
	Restricted         Optional[bool]         `json:"restricted,omitempty"`
	ConsentBasis       Optional[consentBasis] `json:"consent_basis,omitempty" nullable:"true"`
	ConsentDate        Optional[string]       `json:"consent_date,omitempty" nullable:"true" format:"date"`
	ConsentSource      Optional[string]       `json:"consent_source,omitempty" maxLength:"500"`
	ConsentWithdrawnAt Optional[time.Time]    `json:"consent_withdrawn_at,omitempty" nullable:"true"`
	OwnerID            Optional[int64]        `json:"owner_id,omitempty" nullable:"true" minimum:"1"`
	Positions          Optional[[]Position]   `json:"positions,omitempty" maxItems:"50"`
	Tags               Optional[[]string]     `json:"tags,omitempty" maxItems:"50"`
}

type contactSort string

func (contactSort) Schema(huma.Registry) *huma.Schema {
	return sortSchema(services.ContactSorts.SortNames())
}

type contactListInput struct {
	ListQuery
	ContactFilters
}

// ContactFilters are the contacts list's filters and sort; its export takes them too.
type ContactFilters struct {
	RecordFilters
	Sort           contactSort `query:"sort" default:"name" doc:"name (the default): by family name, then given name, folded (accents, case and Arabic letter variants ignored; the honorific too). full_name and family_name sort by the text as stored."`
	Gender         []gender    `query:"gender"`
	CountryCode    []string    `query:"country_code"`
	OrganizationID []int64     `query:"organization_id" doc:"Contacts with a position (current or past) at these organizations."`
	Restricted     string      `query:"restricted" enum:"true,false"`
	ID             []int64     `query:"id" maxItems:"200" doc:"Only these contacts (comma-separated ids): names for a page of references in one request."`
}

func (in ContactFilters) filter(l ListQuery) services.ContactFilter {
	return services.ContactFilter{ListParams: l.params(string(in.Sort)), Gender: enumStrings(in.Gender),
		CountryCode: in.CountryCode, OfficeID: in.OfficeID, OwnerID: in.OwnerID, OrganizationID: in.OrganizationID,
		ID: in.ID, Tag: in.Tag, Restricted: boolOrNil(in.Restricted), UpdatedAfter: in.updatedAfter()}
}

type contactOutput struct {
	ETag     string `header:"ETag"`
	Location string `header:"Location"`
	Body     Contact
}

type contactCreateInput struct{ Body ContactCreate }

type contactPatchInput struct {
	IDPath
	IfMatch string `header:"If-Match" doc:"The ETag you read; required."`
	Body    ContactPatch
}

func contactWithETag(v services.ContactView) *contactOutput {
	return &contactOutput{ETag: etag(v.Version), Body: contactOut(v)}
}

func (h *handlers) registerContacts(api huma.API) {
	const tag = "contacts"
	huma.Register(api, op("list-contacts", http.MethodGet, "/api/v1/contacts", "List contacts", tag),
		func(ctx context.Context, in *contactListInput) (*listOutput[Contact], error) {
			p, err := h.svc.Contacts.List(ctx, actor(ctx), in.filter(in.ListQuery))
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			return toList(p, contactOut), nil
		})

	huma.Register(api, op("get-contact", http.MethodGet, "/api/v1/contacts/{id}", "Get a contact", tag),
		func(ctx context.Context, in *IDPath) (*contactOutput, error) {
			v, err := h.svc.Contacts.Get(ctx, actor(ctx), in.ID)
			if err != nil {
				return nil, fail(ctx, h.log, "path", err)
			}
			return contactWithETag(v), nil
		})

	create := op("create-contact", http.MethodPost, "/api/v1/contacts", "Create a contact", tag)
	create.DefaultStatus = http.StatusCreated
	huma.Register(api, create, func(ctx context.Context, in *contactCreateInput) (*contactOutput, error) {
		b := in.Body
		v, err := h.svc.Contacts.Create(ctx, actor(ctx), services.ContactInput{
			Honorific: b.Honorific, GivenName: b.GivenName, FamilyName: b.FamilyName, NameLocal: b.NameLocal,
			Gender: enumPtr(b.Gender), Email: b.Email, Phone: b.Phone, Languages: b.Languages, CountryCode: b.CountryCode,
			City: b.City, Notes: b.Notes, Restricted: b.Restricted, ConsentBasis: enumPtr(b.ConsentBasis),
			ConsentDate: b.ConsentDate, ConsentSource: b.ConsentSource, ConsentWithdrawnAt: b.ConsentWithdrawnAt,
			OwnerID: b.OwnerID, Positions: positionsIn(b.Positions), Tags: b.Tags,
		})
		if err != nil {
			return nil, fail(ctx, h.log, "body", err)
		}
		out := contactWithETag(v)
		out.Location = "/api/v1/contacts/" + strconv.FormatInt(v.ID, 10)
		return out, nil
	})

	huma.Register(api, op("update-contact", http.MethodPatch, "/api/v1/contacts/{id}", "Change a contact (JSON merge patch)", tag),
		func(ctx context.Context, in *contactPatchInput) (*contactOutput, error) {
			version, err := parseIfMatch(ctx, in.IfMatch)
			if err != nil {
				return nil, err
			}
			b := in.Body
			p := services.ContactPatch{
				Honorific: change(b.Honorific), GivenName: change(b.GivenName), FamilyName: change(b.FamilyName),
				NameLocal: change(b.NameLocal), Gender: changeNullableEnum(b.Gender), Email: change(b.Email),
				Phone: change(b.Phone), Languages: change(b.Languages), CountryCode: changeNullable(b.CountryCode),
				City: change(b.City), Notes: change(b.Notes), Restricted: change(b.Restricted),
				ConsentBasis: changeNullableEnum(b.ConsentBasis), OwnerID: changeNullable(b.OwnerID), Tags: change(b.Tags),
				ConsentDate: changeNullable(b.ConsentDate), ConsentSource: change(b.ConsentSource),
				ConsentWithdrawnAt: changeNullable(b.ConsentWithdrawnAt),
			}
			if b.Positions.Set {
				p.Positions = services.To(positionsIn(b.Positions.Value))
			}
			v, err := h.svc.Contacts.Update(ctx, actor(ctx), in.ID, version, p)
			if err != nil {
				return nil, fail(ctx, h.log, "body", err)
			}
			return contactWithETag(v), nil
		})

	registerArchive(api, h, "archive-contact", "/api/v1/contacts/{id}", "Archive a contact", tag,
		func(s *services.Services) archiveFunc { return s.Contacts.Archive })
	registerRestore(api, h, "restore-contact", "/api/v1/contacts/{id}/restore", "Restore an archived contact", tag,
		func(s *services.Services) restoreFunc[services.ContactView] { return s.Contacts.Restore }, contactWithETag)
}
