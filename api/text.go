package api

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
)

// maxBody is the largest request body accepted (huma answers 413 beyond).
const maxBody = 1 << 20

// refuseNonText refuses, with a 422 naming where, an API request whose
// query or JSON body holds something that is not text: bytes that are not
// UTF-8, an escaped lone surrogate ("\ud800"), or a NUL. Go's JSON decoder
// would quietly store the first two as U+FFFD, losing what the client
// sent; PostgreSQL cannot store NUL in text, and no field has a use for
// it. Refusing all three here keeps the rule in one place for every
// endpoint and both databases.
func refuseNonText() gin.HandlerFunc {
	return func(c *gin.Context) {
		if !strings.HasPrefix(c.Request.URL.Path, "/api/") {
			c.Next()
			return
		}
		if strings.Contains(strings.ToLower(c.Request.URL.RawQuery), "%00") {
			refuse(c, "query", "contains a NUL character")
			return
		}
		if q, err := url.QueryUnescape(c.Request.URL.RawQuery); err == nil && !utf8.ValidString(q) {
			refuse(c, "query", "is not valid UTF-8")
			return
		}
		if c.Request.Body != nil && c.Request.ContentLength != 0 && isJSON(c.Request.Header.Get("Content-Type")) {
			body, err := io.ReadAll(io.LimitReader(c.Request.Body, maxBody+1))
			if err != nil {
				c.Next()
				return
			}
			c.Request.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), c.Request.Body))
			if loc, msg := textFault(body); loc != "" {
				refuse(c, loc, msg)
				return
			}
		}
		c.Next()
	}
}

// isJSON reports whether a content type is JSON (application/json, or a
// +json type such as merge-patch): other bodies are files, not text fields.
func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

func refuse(c *gin.Context, loc, msg string) {
	p := newProblem(requestID(c.Request.Context()), http.StatusUnprocessableEntity, "validation failed: "+loc+" "+msg)
	p.Errors = []ProblemField{{Location: loc, Message: msg}}
	writeProblem(c, p)
	c.Abort()
}

// jsonLevel is one open object or array while a JSON text is walked.
type jsonLevel struct {
	object bool
	key    string // the member being read, in an object
	index  int    // the element being read, in an array
}

// textFault walks a JSON text and finds the first string that is not text,
// returning where it is, as huma names locations ("body.name",
// "body.participants[1].role"), and what is wrong; "" when every string is
// text. Malformed JSON is left to the decoder, which answers 400.
func textFault(body []byte) (loc, msg string) {
	var stack []jsonLevel
	where := func(levels []jsonLevel) string {
		var b strings.Builder
		b.WriteString("body")
		for _, l := range levels {
			if l.object {
				b.WriteString("." + l.key)
			} else {
				b.WriteString("[" + strconv.Itoa(l.index) + "]")
			}
		}
		return b.String()
	}
	for i := 0; i < len(body); {
		switch body[i] {
		case '{':
			stack = append(stack, jsonLevel{object: true})
			i++
		case '[':
			stack = append(stack, jsonLevel{})
			i++
		case '}', ']':
			if len(stack) == 0 {
				return "", ""
			}
			stack = stack[:len(stack)-1]
			i++
		case ',':
			if n := len(stack); n > 0 && !stack[n-1].object {
				stack[n-1].index++
			}
			i++
		case '"':
			end, fault := scanString(body, i)
			if end < 0 {
				return "", "" // unterminated: the decoder's to report
			}
			n := len(stack)
			if n > 0 && stack[n-1].object && nextByte(body, end) == ':' {
				if fault != "" {
					return where(stack[:n-1]), "has a member name that " + fault
				}
				var key string
				if json.Unmarshal(body[i:end], &key) != nil {
					return "", ""
				}
				stack[n-1].key = key
			} else if fault != "" {
				return where(stack), fault
			}
			i = end
		default:
			i++
		}
	}
	return "", ""
}

// nextByte is the first byte at or after i that is not white space, 0 at
// the end.
func nextByte(body []byte, i int) byte {
	for ; i < len(body); i++ {
		switch body[i] {
		case ' ', '\t', '\n', '\r':
		default:
			return body[i]
		}
	}
	return 0
}

// scanString reads the JSON string that starts with the quote at body[i]
// and returns the index after its closing quote (-1 when it has none) and
// what in it is not text, if anything.
func scanString(body []byte, i int) (end int, fault string) {
	for j := i + 1; j < len(body); {
		switch body[j] {
		case '"':
			return j + 1, fault
		case '\\':
			if j+1 >= len(body) {
				return -1, fault
			}
			if body[j+1] != 'u' {
				j += 2 // \" \\ \n …: one escaped character
				continue
			}
			r, ok := hex4(body, j+2)
			switch {
			case !ok:
				return -1, fault // a bad escape: malformed JSON
			case r == 0 && fault == "":
				fault = "contains a NUL character"
			case r >= 0xD800 && r <= 0xDBFF:
				// A high surrogate must be followed by a low one.
				if j+11 < len(body) && body[j+6] == '\\' && body[j+7] == 'u' {
					if low, ok := hex4(body, j+8); ok && low >= 0xDC00 && low <= 0xDFFF {
						j += 12
						continue
					}
				}
				if fault == "" {
					fault = "holds a lone surrogate (not text)"
				}
			case r >= 0xDC00 && r <= 0xDFFF && fault == "":
				fault = "holds a lone surrogate (not text)"
			}
			j += 6
		default:
			r, size := utf8.DecodeRune(body[j:])
			if r == utf8.RuneError && size == 1 && fault == "" {
				fault = "is not valid UTF-8"
			}
			j += size
		}
	}
	return -1, fault
}

// hex4 reads the four hex digits of a \u escape at body[i:i+4].
func hex4(body []byte, i int) (rune, bool) {
	if i+4 > len(body) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(body[i:i+4]), 16, 32)
	return rune(n), err == nil
}
