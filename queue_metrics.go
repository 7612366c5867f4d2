package main

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"liaison/services"
)

// jobsCollector puts the job queue on /metrics: liaison_jobs{state} counts
// the jobs queued, running, retrying (failed at least once, to be tried
// again), failed (out of attempts: an admin must retry them) and completed
// within the queue's retention. One query per scrape; an alert on
// liaison_jobs{state="failed"} > 0 tells an operator that mail is not
// getting through.
type jobsCollector struct {
	jobs *services.JobService
	desc *prometheus.Desc
}

func newJobsCollector(jobs *services.JobService) *jobsCollector {
	return &jobsCollector{jobs: jobs, desc: prometheus.NewDesc("liaison_jobs", "Jobs of the queue, by state.", []string{"state"}, nil)}
}

func (c *jobsCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *jobsCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	n, err := c.jobs.Counts(ctx, nil)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.desc, err)
		return
	}
	for state, v := range map[string]int64{"queued": n.Queued, "running": n.Running, "retrying": n.Retrying, "failed": n.Failed, "completed": n.Completed} {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(v), state)
	}
}
