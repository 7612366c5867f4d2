package services

import (
	"time"

	"gorm.io/gorm"

	"liaison/models"
)

// Consent evidence: when and how a person consented, and when they
// withdrew. A person whose basis is consent and who withdrew it may not be
// added to new interactions or visits; one recorded on another basis (a
// public role, legitimate interest) may, since withdrawing consent does not
// touch that basis.

// maxConsentSource bounds the free-text source of a consent.
const maxConsentSource = 500

// checkConsentEvidence checks the consent fields of c.
func checkConsentEvidence(c *models.Contact, verr *ValidationError) {
	checkLength("consent_source", c.ConsentSource, maxConsentSource, verr)
	given := c.ConsentDate
	if given != nil {
		if _, err := time.Parse(time.DateOnly, *given); err != nil {
			verr.add("consent_date", "must be a date YYYY-MM-DD")
			given = nil
		} else if *given > models.Now().UTC().Format(time.DateOnly) {
			verr.add("consent_date", "cannot be in the future")
			given = nil
		}
	}
	if c.ConsentWithdrawnAt != nil {
		if c.ConsentWithdrawnAt.After(models.Now().Add(time.Minute)) {
			verr.add("consent_withdrawn_at", "cannot be in the future")
		}
		if given != nil && c.ConsentWithdrawnAt.UTC().Format(time.DateOnly) < *given {
			verr.add("consent_withdrawn_at", "cannot be before consent_date")
		}
	}
}

// consentBlocks reports, of contact ids, those who may not be added to a
// record: their consent (their only basis) is withdrawn, or their data
// was erased. In a bulk import the answers come from the import's memo,
// which looks up each batch's contacts at once (an import of meetings
// asked once per participant before).
func consentBlocks(tx *gorm.DB, ids []int64) (withdrawn, erased map[int64]bool) {
	m := memoOf(tx)
	if m == nil {
		return readConsentBlocks(tx, ids)
	}
	m.rememberBlocks(tx, unknown(m.blocked, ids))
	withdrawn, erased = map[int64]bool{}, map[int64]bool{}
	for _, id := range ids {
		b := m.blocked[id]
		if b.withdrawn {
			withdrawn[id] = true
		}
		if b.erased {
			erased[id] = true
		}
	}
	return withdrawn, erased
}

// readConsentBlocks is consentBlocks' lookup, one statement for all ids.
func readConsentBlocks(tx *gorm.DB, ids []int64) (withdrawn, erased map[int64]bool) {
	withdrawn, erased = map[int64]bool{}, map[int64]bool{}
	if len(ids) == 0 {
		return
	}
	var rows []struct {
		ID        int64
		Withdrawn bool
		Erased    bool
	}
	tx.Model(&models.Contact{}).Unscoped().
		Select("id, (consent_withdrawn_at IS NOT NULL AND consent_basis = ?) AS withdrawn, erased_at IS NOT NULL AS erased", "consent").
		Where("id IN ? AND ((consent_withdrawn_at IS NOT NULL AND consent_basis = ?) OR erased_at IS NOT NULL)", ids, "consent").
		Scan(&rows)
	for _, r := range rows {
		withdrawn[r.ID], erased[r.ID] = r.Withdrawn, r.Erased
	}
	return
}
