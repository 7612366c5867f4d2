package main

import (
	"bytes"
	"encoding/json"
)

// indentJSON pretty-prints a JSON document so that the committed OpenAPI
// file diffs readably.
func indentJSON(doc []byte) []byte {
	var buf bytes.Buffer
	if err := json.Indent(&buf, doc, "", "  "); err != nil {
		return doc
	}
	return buf.Bytes()
}
