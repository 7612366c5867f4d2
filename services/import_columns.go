package services

import (
	"errors"
	"io"
)

// readColumns answers what a client needs to map a file's columns by: its
// format and separator, its columns with the field each maps to, and the
// first previewRows data rows. It stops reading there, so that a 100k-row
// file answers as fast as a five-row one: no row is checked or looked up,
// nothing is written, and nothing is audited (the caller learns only what
// it sent). Rows counts the rows read for the preview, not the file's.
// Two columns mapping to one field are told, not refused: the client is
// about to choose the mapping, and the dry run refuses it if it stands.
func readColumns(req ImportFileRequest) (ImportResult, error) {
	sh, format, sep, err := openSheet(req.File)
	if err != nil {
		return ImportResult{}, err
	}
	defer func() { _ = sh.close() }()
	res := ImportResult{DryRun: true, Format: format, Separator: sep, Entity: importEntities[req.Kind]}
	header, err := readHeader(sh)
	if err != nil {
		return ImportResult{}, err
	}
	im := &fileImport{req: req, res: &res}
	_ = im.mapColumns(header) // its only error, two columns for one field, is the dry run's to refuse
	var verr *ValidationError
	for len(res.Preview) < previewRows {
		_, cells, err := sh.next()
		if errors.Is(err, io.EOF) || errors.As(err, &verr) {
			break // the end, or a row the dry run will name
		}
		if err != nil {
			return ImportResult{}, err
		}
		if !blankRow(cells) {
			res.Preview = append(res.Preview, padCells(cells, len(res.Columns)))
		}
	}
	res.Rows = len(res.Preview)
	return res, nil
}
