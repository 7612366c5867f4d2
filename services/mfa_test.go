package services

import (
	"sync"
	"testing"

	"liaison/models"
)

// Enrolments of one user sent at once (a double click, two tabs) take
// turns: none fails, and one pending secret with its ten recovery codes
// remains, the last one's.
func TestConcurrentEnrolmentsTakeTurns(t *testing.T) {
	e := newEnv(t)
	a := e.as("a.manager")
	var wg sync.WaitGroup
	errs := make(chan error, 6)
	for range 6 {
		wg.Go(func() {
			_, err := e.svc.Auth.EnrolMFA(e.ctx, a)
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("a concurrent enrolment failed: %v", err)
		}
	}
	var secrets, codes int64
	e.db.Model(&models.UserMFA{}).Where("user_id = ?", a.UserID).Count(&secrets)
	e.db.Model(&models.MFARecoveryCode{}).Where("user_id = ?", a.UserID).Count(&codes)
	if secrets != 1 || codes != recoveryCodeCount {
		t.Fatalf("after six enrolments: %d secrets, %d recovery codes; want 1 and %d", secrets, codes, recoveryCodeCount)
	}
}
