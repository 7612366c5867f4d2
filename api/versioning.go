package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
)

// Versions travel over HTTP as ETags: every record's GET, POST and PATCH
// answer with ETag: "<version>", and a PATCH, DELETE or restore names the
// version it was made from in If-Match. The services compare it with the
// stored one (services/versioning.go).

// parseIfMatch reads the expected version from If-Match: `"3"`, `W/"3"` or
// `*` (any version). A missing header is 428; a malformed one 412, since it
// cannot match any version.
func parseIfMatch(ctx context.Context, header string) (*int64, error) {
	h := strings.TrimSpace(header)
	if h == "" {
		p := newProblem(requestID(ctx), http.StatusPreconditionRequired, "send If-Match with the ETag you read")
		p.Errors = []ProblemField{{Location: "header.If-Match", Message: "is required"}}
		return nil, p
	}
	if h == "*" {
		return nil, nil
	}
	h = strings.Trim(strings.TrimPrefix(h, "W/"), `"`)
	v, err := strconv.ParseInt(h, 10, 64)
	if err != nil || v < 1 {
		return nil, newProblem(requestID(ctx), http.StatusPreconditionFailed, "If-Match does not name a version of this record")
	}
	return &v, nil
}

// etag renders a version as a strong ETag.
func etag(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }
