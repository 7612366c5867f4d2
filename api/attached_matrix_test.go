package api_test

import (
	"fmt"
	"net/http"
)

// The authorization matrix's entries for notes and documents.

// Who may change a note or a document (see expect).
const (
	author            access = 100 + iota // a note's author (the target office's officer)
	authorOrAdmin                         // a note's author, and admins
	uploaderOrManager                     // a document's uploader (the target office's officer), managers of its record's office, admins
)

// matrixBoundary frames the matrix's uploads.
const matrixBoundary = "matrixboundary"

// matrixUpload is a multipart body holding one small text file.
func matrixUpload() any {
	return "--" + matrixBoundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"minutes.txt\"\r\n" +
		"Content-Type: text/plain\r\n\r\nMinutes of the meeting.\r\n--" + matrixBoundary + "--\r\n"
}

func init() {
	for _, c := range []struct {
		collection   string
		restrictable bool
	}{{"organizations", false}, {"contacts", true}, {"visits", false}, {"interactions", true}} {
		entity := c.collection[:len(c.collection)-1]
		notes := "/api/v1/" + c.collection + "/{id}/notes"
		docs := "/api/v1/" + c.collection + "/{id}/documents"
		matrix["GET "+notes] = route{access: readAll, entity: entity, restrictable: c.restrictable, ok: 200}
		matrix["POST "+notes] = route{access: officeEdit, entity: entity, restrictable: c.restrictable, ok: 201,
			body: func() any { return map[string]any{"body": unique("Note ")} }}
		matrix["GET "+docs] = route{access: readAll, entity: entity, restrictable: c.restrictable, ok: 200}
		matrix["POST "+docs] = route{access: officeEdit, entity: entity, restrictable: c.restrictable, ok: 201,
			body: matrixUpload, contentType: "multipart/form-data; boundary=" + matrixBoundary}
	}
	matrix["GET /api/v1/notes/{id}"] = route{access: readAll, entity: "note", restrictable: true, ok: 200}
	matrix["PATCH /api/v1/notes/{id}"] = route{access: author, entity: "note", restrictable: true, ok: 200,
		body: func() any { return map[string]any{"body": unique("Rewritten ")} }}
	matrix["DELETE /api/v1/notes/{id}"] = route{access: authorOrAdmin, entity: "note", restrictable: true, ok: 204}
	matrix["GET /api/v1/documents/{id}"] = route{access: readAll, entity: "document", restrictable: true, ok: 200}
	matrix["GET /api/v1/documents/{id}/content"] = route{access: readAll, entity: "document", restrictable: true, ok: 200}
	matrix["DELETE /api/v1/documents/{id}"] = route{access: uploaderOrManager, entity: "document", restrictable: true, ok: 204}
}

// attachedTarget makes a note or document, by the office's officer, on a
// new contact of the office, restricted or not.
func (s *server) attachedTarget(entity, office string, restricted bool) targetRecord {
	s.t.Helper()
	maker := office + ".officer"
	contact, _ := s.create("/api/v1/contacts", maker, map[string]any{"given_name": "Zora", "family_name": "Zulfić", "restricted": restricted}) // listed after the contacts list's targets
	if entity == "note" {
		id, etag := s.create(fmt.Sprintf("/api/v1/contacts/%d/notes", contact), maker, map[string]any{"body": "Target note"})
		return targetRecord{id: id, etag: etag}
	}
	w := s.do(req{method: "POST", path: fmt.Sprintf("/api/v1/contacts/%d/documents", contact), as: maker, body: matrixUpload(),
		header: map[string]string{"Content-Type": "multipart/form-data; boundary=" + matrixBoundary}})
	if w.Code != http.StatusCreated {
		s.t.Fatalf("upload target: %d %s", w.Code, w.Body.String())
	}
	return targetRecord{id: int64(decode(s.t, w)["id"].(float64))}
}
