package query

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
)

// EncodeCursor writes where a page ended (a list's sort value and id, a
// timeline's time, kind and id) as the opaque next_cursor clients hand back.
func EncodeCursor(v any) string {
	raw, err := json.Marshal(v)
	if err != nil {
		panic("cursor: " + err.Error()) // only plain values are encoded
	}
	return base64.RawURLEncoding.EncodeToString(raw)
}

// DecodeCursor reads a cursor back into v. A cursor comes back through a
// client, unsigned: what does not decode, or carries a field v does not
// have, is refused here; numbers stay json.Number so that the caller can
// check each value against the type it must have before any reaches SQL.
func DecodeCursor(s string, v any) error {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}
