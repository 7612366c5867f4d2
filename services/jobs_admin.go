package services

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"

	"liaison/models"
)

// JobService shows admins the job queue — what waits, what failed and why —
// and retries a failed job. It reads the queue through a client of its own
// that works no jobs, so any process can answer, queue running or not.
type JobService struct {
	db     *gorm.DB
	client *river.Client[*sql.Tx]
}

// newJobService makes the admin's view of the queue.
func newJobService(db *gorm.DB) *JobService {
	sqlDB, err := db.DB()
	if err != nil {
		panic(err) // gorm over database/sql always has one
	}
	client, err := river.NewClient(models.QueueDriver(db.Name(), sqlDB), &river.Config{})
	if err != nil {
		panic(err) // an empty configuration is valid
	}
	return &JobService{db: db, client: client}
}

// Job is one job as an admin sees it.
type Job struct {
	ID          int64
	Kind        string
	State       string
	Attempt     int
	MaxAttempts int
	LastError   *string
	CreatedAt   time.Time
	ScheduledAt time.Time
	FinalizedAt *time.Time
}

// Job filters: the states an admin asks for by a name of their own.
var jobFilters = map[string][]rivertype.JobState{
	"queued":    {rivertype.JobStateAvailable, rivertype.JobStateScheduled, rivertype.JobStatePending},
	"running":   {rivertype.JobStateRunning},
	"failed":    {rivertype.JobStateRetryable, rivertype.JobStateDiscarded},
	"completed": {rivertype.JobStateCompleted, rivertype.JobStateCancelled},
}

// JobFilters lists the filter names.
var JobFilters = []string{"queued", "running", "failed", "completed"}

// List returns one page of the jobs in the filter's states, newest first.
// Errors: ErrForbidden (not an admin), ErrInvalidCursor.
func (s *JobService) List(ctx context.Context, actor Actor, filter string, p ListParams) (Page[Job], error) {
	if !actor.IsAdmin() {
		return Page[Job]{}, ErrForbidden
	}
	states, ok := jobFilters[filter]
	if !ok {
		var verr ValidationError
		verr.add("state", "must be one of queued, running, failed, completed")
		return Page[Job]{}, &verr
	}
	limit := p.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	params := river.NewJobListParams().States(states...).OrderBy(river.JobListOrderByID, river.SortOrderDesc).First(limit)
	if p.Cursor != "" {
		var c river.JobListCursor
		if err := c.UnmarshalText([]byte(p.Cursor)); err != nil {
			return Page[Job]{}, ErrInvalidCursor
		}
		params = params.After(&c)
	}
	res, err := s.client.JobList(ctx, params)
	if err != nil {
		return Page[Job]{}, err
	}
	page := Page[Job]{Items: make([]Job, len(res.Jobs))}
	for i, j := range res.Jobs {
		page.Items[i] = Job{ID: j.ID, Kind: j.Kind, State: string(j.State), Attempt: j.Attempt, MaxAttempts: j.MaxAttempts,
			CreatedAt: j.CreatedAt, ScheduledAt: j.ScheduledAt, FinalizedAt: j.FinalizedAt}
		if n := len(j.Errors); n > 0 {
			page.Items[i].LastError = &j.Errors[n-1].Error
		}
	}
	if len(res.Jobs) == limit && res.LastCursor != nil {
		text, err := res.LastCursor.MarshalText()
		if err != nil {
			return Page[Job]{}, err
		}
		page.NextCursor = string(text)
	}
	return page, nil
}

// JobCounts are how many jobs are in each filter's states.
type JobCounts struct {
	Queued, Running, Retrying, Failed, Completed int64
}

// Counts counts the jobs by state, for admins and for /metrics (main,
// which asks as the system: actor nil).
func (s *JobService) Counts(ctx context.Context, actor *Actor) (JobCounts, error) {
	if actor != nil && !actor.IsAdmin() {
		return JobCounts{}, ErrForbidden
	}
	var rows []struct {
		State string
		N     int64
	}
	if err := s.db.WithContext(ctx).Table("river_job").Select("state, COUNT(*) AS n").Group("state").Scan(&rows).Error; err != nil {
		return JobCounts{}, err
	}
	var c JobCounts
	for _, r := range rows {
		switch rivertype.JobState(r.State) {
		case rivertype.JobStateAvailable, rivertype.JobStateScheduled, rivertype.JobStatePending:
			c.Queued += r.N
		case rivertype.JobStateRunning:
			c.Running += r.N
		case rivertype.JobStateRetryable:
			c.Retrying += r.N
		case rivertype.JobStateDiscarded:
			c.Failed += r.N
		case rivertype.JobStateCompleted, rivertype.JobStateCancelled:
			c.Completed += r.N
		}
	}
	return c, nil
}

// Retry makes a failed (or finished) job run again now.
// Errors: ErrForbidden, ErrNotFound.
func (s *JobService) Retry(ctx context.Context, actor Actor, id int64) error {
	if !actor.IsAdmin() {
		return ErrForbidden
	}
	_, err := s.client.JobRetry(ctx, id)
	if errors.Is(err, river.ErrNotFound) {
		return ErrNotFound
	}
	return err
}
