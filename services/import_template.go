package services

import (
	"bytes"
	"encoding/csv"
	"slices"

	"github.com/xuri/excelize/v2"
)

// ImportTemplate is a spreadsheet to fill in for an import of kind: a
// header of the fields' English labels (which map by themselves) and one
// example row. CSV is UTF-8 with a BOM, so that spreadsheet programs read
// Bosnian and Arabic letters right.
// Errors: *ValidationError (an unknown kind or format).
func ImportTemplate(kind, format string) ([]byte, error) {
	fields, ok := ImportFields[kind]
	var verr ValidationError
	if !ok {
		verr.add("kind", "must be one of organizations, contacts, interactions, commitments")
	}
	if !slices.Contains([]string{FormatCSV, FormatXLSX}, format) {
		verr.add("format", "must be csv or xlsx")
	}
	if err := verr.orNil(); err != nil {
		return nil, err
	}
	header, example := make([]string, len(fields)), make([]string, len(fields))
	for i, f := range fields {
		header[i], example[i] = f.Label, f.Example
	}
	if format == FormatCSV {
		var b bytes.Buffer
		b.WriteString("\xef\xbb\xbf")
		w := csv.NewWriter(&b)
		_ = w.Write(header)
		_ = w.Write(example)
		w.Flush()
		return b.Bytes(), w.Error()
	}
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	sheet := f.GetSheetName(0)
	for i := range header {
		for r, v := range [][]string{header, example} {
			cell, err := excelize.CoordinatesToCellName(i+1, r+1)
			if err != nil {
				return nil, err
			}
			if err := f.SetCellStr(sheet, cell, v[i]); err != nil {
				return nil, err
			}
		}
	}
	if bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err == nil {
		last, _ := excelize.CoordinatesToCellName(len(header), 1)
		_ = f.SetCellStyle(sheet, "A1", last, bold)
	}
	_ = f.SetColWidth(sheet, "A", "Z", 20)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
