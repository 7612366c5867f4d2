package services

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// UserService manages the people who sign in. Everyone signed in reads the
// user list (to pick owners); only admins create and change users, except
// that users may change their own name and locale.
type UserService struct{ db *gorm.DB }

// UserInput is what an admin sets when creating a user.
type UserInput struct {
	Email, Name, Password, Role string
	OfficeID                    int64
	Locale                      string
	Active                      *bool
}

// UserPatch is what may change on a user. Role, office, active, email and
// password are an admin's to change.
type UserPatch struct {
	Email, Name, Role, Locale, Password Change[string]
	OfficeID                            Change[int64]
	Active                              Change[bool]
}

// UserFilter selects users.
type UserFilter struct {
	ListParams
	OfficeID []int64
	Role     []string
	Active   *bool
}

// UserSorts is the sort allow-list of the users list.
var UserSorts = query.SortKeys[models.User]{
	"name":       {Column: "users.name", Value: func(u *models.User) any { return u.Name }},
	"email":      {Column: "users.email", Value: func(u *models.User) any { return u.Email }},
	"created_at": {Column: "users.created_at", Value: func(u *models.User) any { return u.CreatedAt }, IsTime: true},
	"id":         {Column: "users.id", Value: func(u *models.User) any { return u.ID }},
}

// List returns one page of users. Errors: *ValidationError, ErrInvalidCursor.
func (s *UserService) List(ctx context.Context, actor Actor, f UserFilter) (Page[models.User], error) {
	q := s.db.WithContext(ctx).Model(&models.User{})
	q = query.WhereIn(q, "users.office_id", f.OfficeID)
	q = query.WhereIn(q, "users.role", f.Role)
	if f.Active != nil {
		q = q.Where("users.active = ?", *f.Active)
	}
	if f.Q != "" {
		words := query.Tokens(f.Q, query.MaxQueryTokens)
		for _, w := range words {
			q = q.Where("(LOWER(users.name) LIKE ? OR LOWER(users.email) LIKE ?)", "%"+w+"%", "%"+w+"%")
		}
	}
	return query.List(q, UserSorts, "name", f.ListParams, "users")
}

// Get returns one user. Errors: ErrNotFound.
func (s *UserService) Get(ctx context.Context, actor Actor, id int64) (models.User, error) {
	var u models.User
	err := s.db.WithContext(ctx).First(&u, id).Error
	return u, notFoundOr(err)
}

// Create adds a user; admins only.
// Errors: ErrForbidden, *ValidationError, *ConflictError.
func (s *UserService) Create(ctx context.Context, actor Actor, in UserInput) (models.User, error) {
	if !actor.IsAdmin() {
		return models.User{}, ErrForbidden
	}
	var u models.User
	err := query.Transaction(ctx, s.db, func(tx *gorm.DB) error {
		var err error
		u, err = createUser(tx, in)
		if err != nil {
			return err
		}
		return actor.audit(tx, ActionCreate, models.EntityUser, u.ID, u.OfficeID, diff(nil, &u))
	})
	return u, err
}

// createUser validates and inserts a user; shared with the first-start
// bootstrap, which has no actor.
func createUser(tx *gorm.DB, in UserInput) (models.User, error) {
	if in.Locale == "" {
		in.Locale = "en"
	}
	u := models.User{Version: 1, Email: normalizeEmail(in.Email), Name: strings.TrimSpace(in.Name),
		Role: in.Role, OfficeID: in.OfficeID, Locale: in.Locale, Active: in.Active == nil || *in.Active}
	var verr ValidationError
	validateUser(tx, &u, &verr)
	checkPassword("password", in.Password, &verr)
	if err := verr.orNil(); err != nil {
		return u, err
	}
	if err := uniqueEmail(tx, u.Email, 0); err != nil {
		return u, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return u, err
	}
	u.PasswordHash = hash
	return u, tx.Create(&u).Error
}

// Update changes a user when version matches. Deactivating a user or
// resetting their password ends all their sessions and revokes their tokens.
// Errors: ErrNotFound, ErrForbidden, ErrStale, *ValidationError, *ConflictError.
func (s *UserService) Update(ctx context.Context, actor Actor, id int64, version *int64, p UserPatch) (models.User, error) {
	self := actor.UserID == id
	if !actor.IsAdmin() {
		if !self || p.Role.Set || p.OfficeID.Set || p.Active.Set || p.Email.Set || p.Password.Set {
			return models.User{}, ErrForbidden
		}
	}
	var u models.User
	err := writeTx(ctx, s.db, &models.User{}, id, version, func(tx *gorm.DB) error {
		var before models.User
		if err := tx.First(&before, id).Error; err != nil {
			return notFoundOr(err)
		}
		if err := checkVersion(version, before.Version); err != nil {
			return err
		}
		u = before
		p.Email.apply(&u.Email)
		u.Email = normalizeEmail(u.Email)
		p.Name.apply(&u.Name)
		p.Role.apply(&u.Role)
		p.Locale.apply(&u.Locale)
		p.OfficeID.apply(&u.OfficeID)
		p.Active.apply(&u.Active)
		var verr ValidationError
		validateUser(tx, &u, &verr)
		if p.Password.Set {
			checkPassword("password", p.Password.Value, &verr)
		}
		if self && before.Active && !u.Active {
			verr.add("active", "you cannot deactivate yourself")
		}
		if self && before.Role == models.RoleAdmin && u.Role != models.RoleAdmin {
			verr.add("role", "you cannot remove your own admin role")
		}
		if err := verr.orNil(); err != nil {
			return err
		}
		if err := uniqueEmail(tx, u.Email, u.ID); err != nil {
			return err
		}
		changes := diff(&before, &u)
		if p.Password.Set {
			hash, err := HashPassword(p.Password.Value)
			if err != nil {
				return err
			}
			u.PasswordHash = hash
			changes["password"] = fieldChange{Old: "(hidden)", New: "(changed)"}
		}
		if len(changes) == 0 {
			return nil
		}
		u.Version = before.Version + 1
		if err := saveVersioned(tx, &u, before.Version); err != nil {
			return err
		}
		if !u.Active || p.Password.Set || u.Role != before.Role || u.OfficeID != before.OfficeID {
			if _, err := endAccess(tx, actor, u.ID, u.OfficeID, 0, true); err != nil {
				return err
			}
		}
		return actor.audit(tx, ActionUpdate, models.EntityUser, u.ID, u.OfficeID, changes)
	})
	return u, err
}

func validateUser(tx *gorm.DB, u *models.User, verr *ValidationError) {
	checkRequired("name", u.Name, 200, verr)
	checkRequired("email", u.Email, 254, verr)
	checkEmail("email", u.Email, verr)
	checkEnum("role", u.Role, models.Roles, verr)
	checkEnum("locale", u.Locale, models.Locales, verr)
	var n int64
	tx.Model(&models.Office{}).Where("id = ?", u.OfficeID).Count(&n)
	if n == 0 {
		verr.add("office_id", "no such office")
	}
}

func uniqueEmail(tx *gorm.DB, email string, exceptID int64) error {
	var n int64
	tx.Model(&models.User{}).Where("email = ? AND id <> ?", email, exceptID).Count(&n)
	if n > 0 {
		return &ConflictError{Field: "email", Message: "a user with this email exists"}
	}
	return nil
}

func normalizeEmail(e string) string { return strings.ToLower(strings.TrimSpace(e)) }
