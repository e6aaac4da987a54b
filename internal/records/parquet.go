//go:build !js

package records

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/format"
)

// summariseParquet reads a Parquet log: the same columns as a text log
// (named by the schema's column names, or numbered from 1 in its order of
// leaf columns), read column by column; a row's number stands for the line
// in messages. Dates may be DATE, TIMESTAMP (any unit: the calendar day of
// the value as stored), integers YYYYMMDD or strings (as in a text log);
// amounts floating point, integers, DECIMAL or strings; customer ids
// strings or integers.
func summariseParquet(f *os.File, size int64, opt LogOptions) (Summary, error) {
	name := opt.Name
	pf, err := parquet.OpenFile(f, size)
	if err != nil {
		return Summary{}, fileError(name, 0, "begins like a Parquet file but cannot be read as one (%v): write it again, or as CSV", err)
	}
	schema := pf.Schema()
	var header []string
	var leaves []parquet.LeafColumn
	for _, path := range schema.Columns() {
		leaf, _ := schema.Lookup(path...)
		header = append(header, strings.Join(path, "."))
		leaves = append(leaves, leaf)
	}
	if len(header) == 0 {
		return Summary{}, fileError(name, 0, "the Parquet file has no columns: a transaction log has a customer id, a date and an amount per purchase")
	}
	at := func(spec, role, flag string, names []string) (int, error) {
		if spec == "" {
			return findNamed(header, names), nil
		}
		i, err := resolveColumn(spec, role, flag, header, len(header), "the Parquet schema")
		if err != nil {
			return 0, fileError(name, 0, "%v", err)
		}
		return i, nil
	}
	cust, err := at(opt.Customer, "the customer id", "customer", customerNames)
	if err != nil {
		return Summary{}, err
	}
	dcol, err := at(opt.Date, "the date", "date", dateNames)
	if err != nil {
		return Summary{}, err
	}
	if dcol < 0 {
		for i, l := range leaves {
			if k := dateKind(l.Node.Type()); k == dateDays || k == dateTimestamp {
				dcol = i
				break
			}
		}
	}
	amt := -1
	if opt.Amount != NoAmount {
		if amt, err = at(opt.Amount, "the amount", "amount", amountNames); err != nil {
			return Summary{}, err
		}
	}
	switch {
	case cust < 0:
		return Summary{}, fileError(name, 0, "no column of the Parquet schema (%s) is recognised as the customer id: name it (-customer NAME or NUMBER)", listNames(header))
	case dcol < 0:
		return Summary{}, fileError(name, 0, "no column of the Parquet schema (%s) is recognised as the date: name it (-date NAME or NUMBER)", listNames(header))
	case cust == dcol || cust == amt || dcol == amt:
		return Summary{}, fileError(name, 0, "the customer id, date and amount must be three different columns (they are %d, %d and %d)", cust+1, dcol+1, amt+1)
	}
	for _, i := range []int{cust, dcol, amt} {
		if i >= 0 && leaves[i].MaxRepetitionLevel > 0 {
			return Summary{}, fileError(name, 0, "column %q is a repeated (list) column: a transaction log has one value per row in each of its columns", header[i])
		}
	}
	dateConv, err := newParquetDates(leaves[dcol].Node.Type(), opt.DateFormat)
	if err != nil {
		return Summary{}, fileError(name, 0, "column %q: %v", header[dcol], err)
	}
	var scale float64 = 1
	if amt >= 0 {
		if scale, err = amountScale(leaves[amt].Node.Type()); err != nil {
			return Summary{}, fileError(name, 0, "column %q: %v", header[amt], err)
		}
	}
	cols := parquetColumns{header: header, customer: cust, date: dcol, amount: amt, dates: dateConv, scale: scale}
	return summariseTwice(opt, func() error { return nil }, func(spill map[string]bool) (*summariser, error) {
		return readParquet(pf, cols, opt, spill)
	})
}

// parquetColumns are the columns of a Parquet log and how to read them.
type parquetColumns struct {
	header                 []string
	customer, date, amount int
	dates                  *parquetDates
	scale                  float64
}

// readParquet reads a Parquet log into a summariser; spill names the
// customers whose rows are held (nil on the first pass).
func readParquet(pf *parquet.File, cols parquetColumns, opt LogOptions, spill map[string]bool) (*summariser, error) {
	name, header := opt.Name, cols.header
	cust, dcol, amt, dateConv, scale := cols.customer, cols.date, cols.amount, cols.dates, cols.scale
	s := newSummariser(opt, amt >= 0)
	s.spill = spill
	probs := problems{file: name}
	var idBuf []byte
	row := 0
	total := pf.NumRows()
	for _, rg := range pf.RowGroups() {
		chunks := rg.ColumnChunks()
		cc := newCursor(chunks[cust])
		dc := newCursor(chunks[dcol])
		var ac *cursor
		if amt >= 0 {
			ac = newCursor(chunks[amt])
		}
		for n := rg.NumRows(); n > 0; n-- {
			row++
			cv, err1 := cc.next()
			dv, err2 := dc.next()
			av := parquet.Value{}
			var err3 error
			if ac != nil {
				av, err3 = ac.next()
			}
			if err := errors.Join(err1, err2, err3); err != nil {
				return nil, fileError(name, row, "cannot read the row (%v): the file is damaged or cut short", err)
			}
			idBuf = idBuf[:0]
			switch {
			case cv.IsNull():
			case cv.Kind() == parquet.ByteArray || cv.Kind() == parquet.FixedLenByteArray:
				idBuf = append(idBuf, cv.ByteArray()...)
			case cv.Kind() == parquet.Int32:
				idBuf = strconv.AppendInt(idBuf, int64(cv.Int32()), 10)
			case cv.Kind() == parquet.Int64:
				idBuf = strconv.AppendInt(idBuf, cv.Int64(), 10)
			default:
				return nil, fileError(name, 0, "column %q holds %v values: a customer id is a string or an integer", header[cust], cv.Kind())
			}
			if len(idBuf) == 0 {
				probs.add(row, "the customer id (column %q) is empty: every row names its customer", header[cust])
				continue
			}
			d, ok := dateConv.day(dv)
			if !ok {
				probs.add(row, "%s (column %q) is not a date%s", describeValue(dv), header[dcol], dateConv.hint())
				continue
			}
			if !plausible(d) {
				probs.add(row, "the date %s (column %q) is %s", d, header[dcol], implausible)
				continue
			}
			v := 0.0
			if ac != nil {
				var msg string
				v, msg = parquetAmount(av, scale)
				if msg != "" {
					probs.add(row, "the amount %s (column %q) %s", describeValue(av), header[amt], msg)
					continue
				}
			}
			if probs.any() {
				continue
			}
			s.add(idBuf, d, v, row)
			if opt.Progress != nil && row%(1<<20) == 0 {
				opt.Progress(int64(row), total)
			}
		}
	}
	if err := probs.err(); err != nil {
		return nil, err
	}
	if opt.Progress != nil {
		opt.Progress(int64(row), total)
	}
	return s, nil
}

// cursor reads the values of a column chunk one at a time.
type cursor struct {
	pages parquet.Pages
	vals  parquet.ValueReader
	buf   []parquet.Value
	i, n  int
}

func newCursor(c parquet.ColumnChunk) *cursor {
	return &cursor{pages: c.Pages(), buf: make([]parquet.Value, 1024)}
}

func (c *cursor) next() (parquet.Value, error) {
	for c.i >= c.n {
		if c.vals == nil {
			page, err := c.pages.ReadPage()
			if err != nil {
				if err == io.EOF {
					err = io.ErrUnexpectedEOF
				}
				return parquet.Value{}, err
			}
			c.vals = page.Values()
		}
		n, err := c.vals.ReadValues(c.buf)
		c.i, c.n = 0, n
		if err == io.EOF {
			c.vals = nil
		} else if err != nil {
			return parquet.Value{}, err
		}
	}
	c.i++
	return c.buf[c.i-1], nil
}

// Kinds of date column.
const (
	dateText      = iota // strings, read as a text log's dates
	dateDays             // DATE: days since 1970-01-01
	dateTimestamp        // TIMESTAMP: units since 1970-01-01T00:00
	dateCompact          // integers YYYYMMDD
	dateUnknown
)

// dateKind tells how a column holds dates.
func dateKind(t parquet.Type) int {
	if lt := t.LogicalType(); lt != nil && lt.Value != nil {
		switch lt.Value.(type) {
		case *format.DateType:
			return dateDays
		case *format.TimestampType:
			return dateTimestamp
		case *format.StringType:
			return dateText
		}
	}
	if ct := t.ConvertedType(); ct != nil {
		switch *ct {
		case deprecated.Date:
			return dateDays
		case deprecated.TimestampMillis, deprecated.TimestampMicros:
			return dateTimestamp
		case deprecated.UTF8:
			return dateText
		}
	}
	switch t.Kind() {
	case parquet.ByteArray:
		return dateText
	case parquet.Int32, parquet.Int64:
		return dateCompact
	}
	return dateUnknown
}

// parquetDates converts a date column's values to days.
type parquetDates struct {
	kind   int
	perDay int64 // timestamp units in a day
	text   *dateParser
	layout string // from the options; "" detects
}

func newParquetDates(t parquet.Type, layout string) (*parquetDates, error) {
	p := &parquetDates{kind: dateKind(t), layout: layout}
	switch p.kind {
	case dateUnknown:
		return nil, fmt.Errorf("holds %v values: a date is a DATE, a TIMESTAMP, an integer YYYYMMDD or a string", t.Kind())
	case dateTimestamp:
		p.perDay = 86400 * 1000
		unit := format.TimeUnitValue(&format.MilliSeconds{})
		if lt := t.LogicalType(); lt != nil {
			if ts, ok := lt.Value.(*format.TimestampType); ok && ts.Unit.Value != nil {
				unit = ts.Unit.Value
			}
		} else if ct := t.ConvertedType(); ct != nil && *ct == deprecated.TimestampMicros {
			unit = &format.MicroSeconds{}
		}
		p.perDay = int64(86400e9 / unit.Duration())
	case dateText:
		if layout != "" {
			p.text = newDateParser(layout)
		}
	}
	return p, nil
}

func (p *parquetDates) day(v parquet.Value) (day, bool) {
	if v.IsNull() {
		return 0, false
	}
	switch p.kind {
	case dateDays:
		return day(v.Int32()), true
	case dateTimestamp:
		t := v.Int64()
		d := t / p.perDay
		if t%p.perDay < 0 {
			d-- // floor: before 1970
		}
		if d < math.MinInt32 || d > math.MaxInt32 {
			return 0, false
		}
		return day(d), true
	case dateCompact:
		var n int64
		if v.Kind() == parquet.Int32 {
			n = int64(v.Int32())
		} else {
			n = v.Int64()
		}
		if n < 10000101 || n > 99991231 {
			return 0, false
		}
		return ymd(int(n/10000), int(n/100%100), int(n%100))
	}
	b := v.ByteArray()
	if p.text == nil {
		layout := detectLayout(b)
		if layout == "" {
			return 0, false
		}
		p.text = newDateParser(layout)
	}
	return p.text.parse(b)
}

// hint says what dates the column may hold, for messages.
func (p *parquetDates) hint() string {
	switch p.kind {
	case dateCompact:
		return ": an integer date column holds YYYYMMDD (such as 20240131)"
	case dateText:
		if p.text != nil {
			return " in the form " + p.text.describe() + ": correct it, or set the date format (-date-format) to the column's Go layout"
		}
		return ": write dates as YYYY-MM-DD or YYYYMMDD, or set the date format (-date-format)"
	}
	return ""
}

// amountScale is the factor that turns a column's stored values into
// amounts (a DECIMAL's 10^-scale), or an error for a column that cannot hold
// amounts.
func amountScale(t parquet.Type) (float64, error) {
	scale := 1.0
	if lt := t.LogicalType(); lt != nil {
		if dec, ok := lt.Value.(*format.DecimalType); ok {
			scale = math.Pow10(-int(dec.Scale))
		}
	}
	switch t.Kind() {
	case parquet.Double, parquet.Float, parquet.Int32, parquet.Int64:
		return scale, nil
	case parquet.ByteArray:
		if scale != 1 {
			return 0, errors.New("a DECIMAL stored as bytes is not read: store amounts as DOUBLE, or as DECIMAL in INT32 or INT64")
		}
		return 1, nil
	}
	return 0, fmt.Errorf("holds %v values: an amount is a number", t.Kind())
}

// parquetAmount reads an amount; msg says what is wrong with it.
func parquetAmount(v parquet.Value, scale float64) (float64, string) {
	var x float64
	switch {
	case v.IsNull():
		return 0, "is missing: give every purchase its amount, or read the log without amounts (-amount none)"
	case v.Kind() == parquet.Double:
		x = v.Double()
	case v.Kind() == parquet.Float:
		x = float64(v.Float())
	case v.Kind() == parquet.Int32:
		x = float64(v.Int32()) * scale
	case v.Kind() == parquet.Int64:
		x = float64(v.Int64()) * scale
	default:
		var err error
		if x, err = strconv.ParseFloat(string(v.ByteArray()), 64); err != nil {
			return 0, "is not a number"
		}
	}
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return 0, "is not a number"
	case x < 0:
		return 0, "is negative: a purchase's amount is 0 or more (leave returns out of the log, or net them against their purchase)"
	}
	return x, ""
}

// describeValue writes a value for a message.
func describeValue(v parquet.Value) string {
	if v.IsNull() {
		return "null"
	}
	if k := v.Kind(); k == parquet.ByteArray || k == parquet.FixedLenByteArray {
		return quoted(v.ByteArray())
	}
	return v.String()
}
