package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"liaison/services"
)

// UserCreate is the body of POST /users (admins).
type UserCreate struct {
	Email    string `json:"email" minLength:"3" maxLength:"254"`
	Name     string `json:"name" minLength:"1" maxLength:"200"`
	Password string `json:"password" minLength:"12" maxLength:"1024" writeOnly:"true"`
	Role     role   `json:"role"`
	OfficeID int64  `json:"office_id" minimum:"1"`
	Locale   locale `json:"locale,omitempty"`
	Active   *bool  `json:"active,omitempty"`
}

// UserPatch is the merge-patch body of PATCH /users/{id}. Users may change
// their own name and locale; everything else is an admin's.
type UserPatch struct {
	Email    Optional[string] `json:"email,omitempty" minLength:"3" maxLength:"254"`
	Name     Optional[string] `json:"name,omitempty" minLength:"1" maxLength:"200"`
	Password Optional[string] `json:"password,omitempty" minLength:"12" maxLength:"1024" writeOnly:"true" doc:"An admin's password reset; ends all the user's sessions and revokes their personal API tokens."`
	Role     Optional[role]   `json:"role,omitempty"`
	OfficeID Optional[int64]  `json:"office_id,omitempty" minimum:"1"`
	Locale   Optional[locale] `json:"locale,omitempty"`
	Active   Optional[bool]   `json:"active,omitempty" doc:"false deactivates: every session and token of the user stops working."`
}

type userSort string

func (userSort) Schema(huma.Registry) *huma.Schema { return sortSchema(services.UserSorts.SortNames()) }

type userListInput struct {
	Limit    int      `query:"limit" minimum:"1" maximum:"200" default:"50"`
	Cursor   string   `query:"cursor" maxLength:"1000"`
	Q        string   `query:"q" maxLength:"200"`
	Count    bool     `query:"count"`
	Sort     userSort `query:"sort" default:"name"`
	OfficeID []int64  `query:"office_id"`
	Role     []role   `query:"role"`
	Active   string   `query:"active" enum:"true,false"`
}

type userCreateInput struct{ Body UserCreate }

type userPatchInput struct {
	IDPath
	IfMatch string `header:"If-Match" doc:"The ETag you read; required."`
	Body    UserPatch
}

type userCreatedOutput struct {
	ETag     string `header:"ETag"`
	Location string `header:"Location"`
	Body     User
}

func (h *handlers) registerUsers(api huma.API) {
	const tag = "users"
	huma.Register(api, op("list-users", http.MethodGet, "/api/v1/users", "List users", tag),
		func(ctx context.Context, in *userListInput) (*listOutput[User], error) {
			f := services.UserFilter{ListParams: services.ListParams{Limit: in.Limit, Cursor: in.Cursor, Q: in.Q, Count: in.Count, Sort: string(in.Sort)},
				OfficeID: in.OfficeID, Role: enumStrings(in.Role)}
			if in.Active != "" {
				a := in.Active == "true"
				f.Active = &a
			}
			p, err := h.svc.Users.List(ctx, actor(ctx), f)
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			out := toList(p, userOut)
			if err := h.withTwoFactor(ctx, out.Body.Items); err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			return out, nil
		})

	huma.Register(api, op("get-user", http.MethodGet, "/api/v1/users/{id}", "Get a user", tag),
		func(ctx context.Context, in *IDPath) (*userOutput, error) {
			u, err := h.svc.Users.Get(ctx, actor(ctx), in.ID)
			if err != nil {
				return nil, fail(ctx, h.log, "path", err)
			}
			out := []User{userOut(u)}
			if err := h.withTwoFactor(ctx, out); err != nil {
				return nil, fail(ctx, h.log, "path", err)
			}
			return &userOutput{ETag: etag(u.Version), Body: out[0]}, nil
		})

	create := withSecrets(op("create-user", http.MethodPost, "/api/v1/users", "Create a user (admins)", tag))
	create.DefaultStatus = http.StatusCreated
	huma.Register(api, create, func(ctx context.Context, in *userCreateInput) (*userCreatedOutput, error) {
		b := in.Body
		u, err := h.svc.Users.Create(ctx, actor(ctx), services.UserInput{Email: b.Email, Name: b.Name, Password: b.Password,
			Role: string(b.Role), OfficeID: b.OfficeID, Locale: string(b.Locale), Active: b.Active})
		if err != nil {
			return nil, fail(ctx, h.log, "body", err)
		}
		return &userCreatedOutput{ETag: etag(u.Version), Location: "/api/v1/users/" + strconv.FormatInt(u.ID, 10), Body: userOut(u)}, nil
	})

	huma.Register(api, op("update-user", http.MethodPatch, "/api/v1/users/{id}", "Change a user", tag),
		func(ctx context.Context, in *userPatchInput) (*userOutput, error) {
			version, err := parseIfMatch(ctx, in.IfMatch)
			if err != nil {
				return nil, err
			}
			b := in.Body
			u, err := h.svc.Users.Update(ctx, actor(ctx), in.ID, version, services.UserPatch{
				Email: change(b.Email), Name: change(b.Name), Password: change(b.Password), Role: changeEnum(b.Role),
				OfficeID: change(b.OfficeID), Locale: changeEnum(b.Locale), Active: change(b.Active)})
			if err != nil {
				return nil, fail(ctx, h.log, "body", err)
			}
			return &userOutput{ETag: etag(u.Version), Body: userOut(u)}, nil
		})
}

// withTwoFactor fills mfa_enabled for an admin, in one query for the page;
// other roles are not told whether an account has a second factor.
func (h *handlers) withTwoFactor(ctx context.Context, users []User) error {
	a := actor(ctx)
	if !a.IsAdmin() {
		return nil
	}
	ids := make([]int64, len(users))
	for i, u := range users {
		ids[i] = u.ID
	}
	on, err := h.svc.Users.TwoFactorOn(ctx, a, ids)
	if err != nil {
		return err
	}
	for i := range users {
		v := on[users[i].ID]
		users[i].MFAEnabled = &v
	}
	return nil
}
