package api

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
)

// maxBody is the largest request body accepted (huma answers 413 beyond).
const maxBody = 1 << 20

// rejectNUL refuses text with NUL characters anywhere in an API request's
// query or JSON body, and queries that are not UTF-8, with a 422 naming
// where. PostgreSQL cannot store NUL
// in text, and no field of Liaison has a use for it; refusing it here keeps
// the rule in one place for every endpoint and both databases.
func rejectNUL() gin.HandlerFunc {
	return func(c *gin.Context) {
		if !strings.HasPrefix(c.Request.URL.Path, "/api/") {
			c.Next()
			return
		}
		if strings.Contains(strings.ToLower(c.Request.URL.RawQuery), "%00") {
			refuseNUL(c, "query")
			return
		}
		if q, err := url.QueryUnescape(c.Request.URL.RawQuery); err == nil && !utf8.ValidString(q) {
			p := newProblem(requestID(c.Request.Context()), http.StatusUnprocessableEntity, "the query is not valid UTF-8")
			p.Errors = []ProblemField{{Location: "query", Message: "is not valid UTF-8"}}
			writeProblem(c, p)
			c.Abort()
			return
		}
		if c.Request.Body != nil && c.Request.ContentLength != 0 {
			body, err := io.ReadAll(io.LimitReader(c.Request.Body, maxBody+1))
			if err != nil {
				c.Next()
				return
			}
			c.Request.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), c.Request.Body))
			if hasEscapedNUL(body) {
				refuseNUL(c, "body")
				return
			}
		}
		c.Next()
	}
}

func refuseNUL(c *gin.Context, loc string) {
	p := newProblem(requestID(c.Request.Context()), http.StatusUnprocessableEntity, "text may not contain NUL characters")
	p.Errors = []ProblemField{{Location: loc, Message: "contains a NUL character"}}
	writeProblem(c, p)
	c.Abort()
}

// hasEscapedNUL reports whether a JSON text holds the escape \u0000 (a raw
// NUL byte is not JSON at all and fails parsing with 400). A backslash that
// is itself escaped does not start an escape.
func hasEscapedNUL(body []byte) bool {
	for i := 0; i+5 < len(body); i++ {
		if body[i] != '\\' {
			continue
		}
		if body[i+1] == 'u' && string(body[i+2:i+6]) == "0000" {
			return true
		}
		i++ // skip the escaped character, whatever it is
	}
	return false
}
