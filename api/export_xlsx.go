package api

import (
	"archive/zip"
	"io"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"liaison/services"
)

// Column widths of a sheet, in characters: wide enough for the header and
// for the values of the first batch, within bounds.
const (
	minColumnWidth = 8
	maxColumnWidth = 60
)

// xlsxStyles are the styles an export's cells use.
type xlsxStyles struct{ header, date, moment int }

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	var s xlsxStyles
	var err error
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return s, err
	}
	dateFormat, momentFormat := "yyyy-mm-dd", "yyyy-mm-dd hh:mm"
	if s.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &dateFormat}); err != nil {
		return s, err
	}
	s.moment, err = f.NewStyle(&excelize.Style{CustomNumFmt: &momentFormat})
	return s, err
}

// writeXLSX writes an export as a workbook of typed cells, one worksheet
// per sheet, through excelize's stream writer, which keeps rows on disk
// rather than in memory. A workbook is a zip whose sheets are compressed
// once complete, so its bytes leave after the last row is read. Returns
// the rows written.
func writeXLSX(out *exportWriter, ex *services.Export) (int64, error) {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	styles, err := newXLSXStyles(f)
	if err != nil {
		return 0, err
	}
	var rows int64
	for i, sheet := range ex.Sheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", sheet.Name)
		} else {
			_, err = f.NewSheet(sheet.Name)
		}
		if err != nil {
			return rows, err
		}
		n, err := writeXLSXSheet(f, styles, sheet, ex.RightToLeft)
		rows += n
		if err != nil {
			return rows, err
		}
	}
	// The workbook is zipped straight onto the response: excelize's own
	// Write would first build the whole file in memory.
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(out) })
	if err := f.Write(io.Discard); err != nil {
		return rows, err
	}
	out.flush()
	return rows, nil
}

func writeXLSXSheet(f *excelize.File, styles xlsxStyles, sheet *services.ExportSheet, rtl bool) (int64, error) {
	if rtl {
		yes := true
		if err := f.SetSheetView(sheet.Name, 0, &excelize.ViewOptions{RightToLeft: &yes}); err != nil {
			return 0, err
		}
	}
	sw, err := f.NewStreamWriter(sheet.Name)
	if err != nil {
		return 0, err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return 0, err
	}
	// Widths must precede the first row; they are measured on the first batch.
	batch, err := sheet.Next()
	if err != nil {
		return 0, err
	}
	for i, c := range sheet.Columns {
		if err := sw.SetColWidth(i+1, i+1, columnWidth(c, i, batch)); err != nil {
			return 0, err
		}
	}
	header := make([]any, len(sheet.Columns))
	for i, c := range sheet.Columns {
		header[i] = excelize.Cell{StyleID: styles.header, Value: c.Name}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return 0, err
	}
	var rows int64
	cells := make([]any, len(sheet.Columns))
	for len(batch) > 0 {
		for _, row := range batch {
			for i, v := range row {
				cells[i] = xlsxCell(styles, sheet.Columns[i].Kind, v)
			}
			cell, err := excelize.CoordinatesToCellName(1, int(rows)+2)
			if err != nil {
				return rows, err
			}
			if err := sw.SetRow(cell, cells); err != nil {
				return rows, err
			}
			rows++
		}
		if batch, err = sheet.Next(); err != nil {
			return rows, err
		}
	}
	return rows, sw.Flush()
}

// xlsxCell is one value as a typed cell: dates and moments as serial
// numbers with a date format, numbers as numbers, booleans as booleans.
// Text stays text: a spreadsheet never reads it as a formula.
func xlsxCell(styles xlsxStyles, kind services.CellKind, v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case time.Time:
		if kind == services.CellDate {
			return excelize.Cell{StyleID: styles.date, Value: x}
		}
		return excelize.Cell{StyleID: styles.moment, Value: x.UTC()}
	}
	return v
}

// columnWidth fits a column to its header and the first batch's values.
func columnWidth(c services.ExportColumn, i int, batch [][]any) float64 {
	w := utf8.RuneCountInString(c.Name) + 2
	switch c.Kind {
	case services.CellDate:
		w = max(w, 12)
	case services.CellTime:
		w = max(w, 18)
	}
	for _, row := range batch {
		if s, ok := row[i].(string); ok {
			w = max(w, utf8.RuneCountInString(s)+2)
		}
	}
	return float64(min(max(w, minColumnWidth), maxColumnWidth))
}
