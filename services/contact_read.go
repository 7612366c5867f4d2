package services

import (
	"database/sql"
	"errors"
	"strings"

	"gorm.io/gorm"

	"liaison/models"
	"liaison/services/query"
)

// contactByID reads one live contact, every column a reader sees; the
// visibility rule's condition is appended.
var contactByID = "SELECT contacts." + strings.Join((&models.Contact{}).ListColumns(), ", contacts.") +
	" FROM contacts WHERE contacts.id = ? AND contacts.deleted_at IS NULL AND "

// readLiveContact reads one live contact the actor may see, in one statement
// without gorm (query.Direct): the commonest read there is (a contact's
// page, its card, an officer's phone in the field). The condition is the
// visibility rule's own text (visibleSQL), so the rule stays in one place.
// found is false when no such contact exists; a merged contact's old
// address is then looked up by mergedAway.
func readLiveContact(db *gorm.DB, actor Actor, id int64) (models.Contact, bool, error) {
	var c models.Contact
	err := query.DirectRow(db, contactByID+actor.visibleSQL(on(contactsTable)), id).Scan(c.ScanTargets()...)
	if errors.Is(err, sql.ErrNoRows) {
		return models.Contact{}, false, nil
	}
	return c, err == nil, err
}
