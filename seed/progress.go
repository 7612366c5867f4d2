package seed

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// Progress draws a progress bar of the bulk import: redrawn in place on a
// terminal, one line per tenth otherwise (logs, CI).
type Progress struct {
	w           io.Writer
	tty         bool
	total, done int
	rows        int
	start, last time.Time
	tenth       int
}

// NewProgress reports to w.
func NewProgress(w io.Writer) *Progress {
	tty := false
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			tty = true
		}
	}
	return &Progress{w: w, tty: tty}
}

func (p *Progress) begin(total int) {
	if p == nil {
		return
	}
	p.total, p.start = total, time.Now()
}

func (p *Progress) step(phase string, records, rows int) {
	if p == nil {
		return
	}
	p.done += records
	p.rows += rows
	now := time.Now()
	tenth := p.done * 10 / max(1, p.total)
	switch {
	case p.tty && now.Sub(p.last) > 200*time.Millisecond:
		p.last = now
		fmt.Fprintf(p.w, "\r%s", p.line(phase, now))
	case !p.tty && tenth > p.tenth:
		p.tenth = tenth
		fmt.Fprintln(p.w, p.line(phase, now))
	}
}

func (p *Progress) line(phase string, now time.Time) string {
	const width = 30
	filled := p.done * width / max(1, p.total)
	rate := float64(p.rows) / max(now.Sub(p.start).Seconds(), 1e-9)
	return fmt.Sprintf("[%s%s] %3d%% %-13s %9d/%d records %10d rows %8.0f rows/s",
		strings.Repeat("#", filled), strings.Repeat(".", width-filled), p.done*100/max(1, p.total), phase,
		p.done, p.total, p.rows, rate)
}

func (p *Progress) end(r Report) {
	if p == nil {
		return
	}
	if p.tty {
		fmt.Fprintf(p.w, "\r%s\n", p.line("done", time.Now()))
	}
}
