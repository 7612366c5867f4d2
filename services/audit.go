package services

import (
	"encoding/json"
	"reflect"

	"gorm.io/gorm"

	"liaison/models"
)

// Audit actions.
const (
	ActionCreate      = "create"
	ActionUpdate      = "update"
	ActionArchive     = "archive"
	ActionRestore     = "restore"
	ActionLogin       = "login"
	ActionLoginFailed = "login_failed"
	ActionLogout      = "logout"
	ActionTokenCreate = "token_create"
	ActionTokenRevoke = "token_revoke"
)

// fieldChange is the old and new value of one changed field.
type fieldChange struct {
	Old any `json:"old"`
	New any `json:"new"`
	// Erased marks a change whose values were erased with the person
	// they were about (erasure.go): which field changed is all that is left.
	Erased bool `json:"erased,omitempty"`
}

// auditEntry is one event to write; it is written in the caller's
// transaction, so an event exists exactly when its change does.
type auditEntry struct {
	actorID  *int64
	action   string
	entity   string
	entityID int64
	officeID int64
	changes  map[string]fieldChange
	origin   Origin
}

func writeAudit(tx *gorm.DB, e auditEntry) error {
	ev := models.AuditEvent{
		At: models.Now(), ActorID: e.actorID, Action: e.action, Entity: e.entity,
		ClientAddr: e.origin.ClientAddr, RequestID: e.origin.RequestID,
	}
	if e.entityID != 0 {
		ev.EntityID = &e.entityID
	}
	if e.officeID != 0 {
		ev.OfficeID = &e.officeID
	}
	if len(e.changes) > 0 {
		raw, err := json.Marshal(e.changes)
		if err != nil {
			return err
		}
		ev.Changes = string(raw)
	}
	return tx.Create(&ev).Error
}

// audit writes an event on behalf of an actor.
func (a Actor) audit(tx *gorm.DB, action, entity string, id, officeID int64, changes map[string]fieldChange) error {
	uid := a.UserID
	return writeAudit(tx, auditEntry{actorID: &uid, action: action, entity: entity, entityID: id, officeID: officeID, changes: changes, origin: a.Origin})
}

// notAudited are bookkeeping fields whose changes say nothing to a reader of
// the history (or would leak a secret into it).
var notAudited = map[string]bool{
	"Version": true, "CreatedAt": true, "UpdatedAt": true, "DeletedAt": true,
	"SearchText": true, "SortKey": true, "PasswordHash": true, "Record": true, "ID": true,
}

// diff lists the fields that differ between two values of the same struct
// type, by snake_case column name, with their old and new values. A nil
// before lists every set field of after (a creation).
func diff[T any](before, after *T) map[string]fieldChange {
	out := map[string]fieldChange{}
	av := reflect.ValueOf(after).Elem()
	var bv reflect.Value
	if before != nil {
		bv = reflect.ValueOf(before).Elem()
	}
	t := av.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if notAudited[f.Name] || !f.IsExported() {
			continue
		}
		nv := av.Field(i).Interface()
		var ov any
		if bv.IsValid() {
			ov = bv.Field(i).Interface()
		} else if av.Field(i).IsZero() {
			continue
		}
		if bv.IsValid() && reflect.DeepEqual(ov, nv) {
			continue
		}
		out[columnName(f.Name)] = fieldChange{Old: deref(ov), New: deref(nv)}
	}
	return out
}

func deref(v any) any {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil
		}
		return rv.Elem().Interface()
	}
	return v
}

// columnName converts a Go field name to the snake_case name the API uses.
func columnName(field string) string {
	var out []rune
	runes := []rune(field)
	for i, r := range runes {
		upper := r >= 'A' && r <= 'Z'
		if upper && i > 0 && (runes[i-1] < 'A' || runes[i-1] > 'Z' || (i+1 < len(runes) && runes[i+1] >= 'a' && runes[i+1] <= 'z')) {
			out = append(out, '_')
		}
		if upper {
			r += 'a' - 'A'
		}
		out = append(out, r)
	}
	return string(out)
}
