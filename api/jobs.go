package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"liaison/services"
)

// The job queue as admins see it: what waits, what runs, what failed and
// why, and a retry for the failed.

type jobFilter string

func (jobFilter) Schema(huma.Registry) *huma.Schema { return enumSchema(services.JobFilters) }

// Job is one job of the queue.
type Job struct {
	ID          int64      `json:"id"`
	Kind        string     `json:"kind" doc:"schedule, mail_outbox, notification_mail or digest."`
	State       string     `json:"state" doc:"The queue's state: available, scheduled, pending, running, retryable, completed, cancelled or discarded."`
	Attempt     int        `json:"attempt"`
	MaxAttempts int        `json:"max_attempts"`
	LastError   *string    `json:"last_error"`
	CreatedAt   time.Time  `json:"created_at"`
	ScheduledAt time.Time  `json:"scheduled_at"`
	FinalizedAt *time.Time `json:"finalized_at"`
}

func jobOut(j services.Job) Job {
	return Job{ID: j.ID, Kind: j.Kind, State: j.State, Attempt: j.Attempt, MaxAttempts: j.MaxAttempts, LastError: j.LastError,
		CreatedAt: j.CreatedAt, ScheduledAt: j.ScheduledAt, FinalizedAt: j.FinalizedAt}
}

// JobSummary counts the jobs by what an admin asks of them.
type JobSummary struct {
	Queued    int64 `json:"queued"`
	Running   int64 `json:"running"`
	Retrying  int64 `json:"retrying" doc:"Failed at least once, to be tried again."`
	Failed    int64 `json:"failed" doc:"Out of attempts: retried only by an admin."`
	Completed int64 `json:"completed" doc:"Finished within the queue's retention (a day)."`
}

type jobListInput struct {
	State  jobFilter `query:"state" default:"failed" doc:"failed lists the retrying and the discarded."`
	Limit  int       `query:"limit" minimum:"1" maximum:"200" default:"50" doc:"Page size."`
	Cursor string    `query:"cursor" maxLength:"1000" doc:"Opaque cursor from the previous page's next_cursor."`
}

func (h *handlers) registerJobs(api huma.API) {
	const tag = "admin"
	huma.Register(api, op("list-jobs", http.MethodGet, "/api/v1/admin/jobs", "List the queue's jobs, newest first (admins)", tag),
		func(ctx context.Context, in *jobListInput) (*listOutput[Job], error) {
			p, err := h.svc.Jobs.List(ctx, actor(ctx), string(in.State), services.ListParams{Limit: in.Limit, Cursor: in.Cursor})
			if err != nil {
				return nil, fail(ctx, h.log, "query", err)
			}
			return toList(p, jobOut), nil
		})
	huma.Register(api, op("summarize-jobs", http.MethodGet, "/api/v1/admin/jobs/summary", "Count the queue's jobs by state (admins)", tag),
		func(ctx context.Context, _ *struct{}) (*struct{ Body JobSummary }, error) {
			a := actor(ctx)
			c, err := h.svc.Jobs.Counts(ctx, &a)
			if err != nil {
				return nil, fail(ctx, h.log, "path", err)
			}
			return &struct{ Body JobSummary }{Body: JobSummary{Queued: c.Queued, Running: c.Running, Retrying: c.Retrying, Failed: c.Failed, Completed: c.Completed}}, nil
		})
	retry := op("retry-job", http.MethodPost, "/api/v1/admin/jobs/{id}/retry", "Run a job again now (admins)", tag)
	retry.DefaultStatus = http.StatusNoContent
	huma.Register(api, retry, func(ctx context.Context, in *IDPath) (*struct{}, error) {
		if err := h.svc.Jobs.Retry(ctx, actor(ctx), in.ID); err != nil {
			return nil, fail(ctx, h.log, "path", err)
		}
		return nil, nil
	})
}
