package models

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

// A statement cut short because its client went away is not reported as a
// database problem; any other failure is, without the bound values.
func TestQueryLoggerSkipsCancelledRequests(t *testing.T) {
	var buf bytes.Buffer
	q := queryLogger{slog.New(slog.NewTextHandler(&buf, nil))}
	q.Printf("%s %s [%.3fms] [rows:%v] %s", "file.go:1", fmt.Errorf("query: %w", context.Canceled), 1.0, "-", "SELECT 1")
	if buf.Len() != 0 {
		t.Fatalf("a cancelled statement was logged: %s", buf.String())
	}
	q.Printf("%s %s [%.3fms] [rows:%v] %s", "file.go:1", errors.New("disk I/O error"), 1.0, "-", "SELECT 1")
	if !strings.Contains(buf.String(), "disk I/O error") {
		t.Fatalf("a failed statement was not logged: %q", buf.String())
	}
}
