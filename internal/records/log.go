package records

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// LogOptions say how to read a transaction log and summarise it. The zero
// value detects the columns, the separator and the date form, and
// summarises in days over the whole log.
type LogOptions struct {
	// Customer, Date and Amount name the log's columns: a header's name or
	// a 1-based column number ("2"). "" detects the column: by the header's
	// name (customer_id, customer, id, ...; date, order_date, ...; amount,
	// dollar_value, value, revenue, ...) or, in a file without a header of
	// at most three columns, the date by its form and the customer and
	// amount as the other two. Amount "none" reads no amounts (frequency,
	// recency and T need none).
	Customer, Date, Amount string
	// DateFormat is the dates' Go layout (such as "02/01/2006"); "" detects
	// ISO (2006-01-02, a time part allowed) or YYYYMMDD from the first row.
	// Only the calendar date is used: a time part is ignored.
	DateFormat string
	// Unit is the unit of recency, T and the holdout's length.
	Unit Unit
	// CalibrationEnd closes calibration (zero: the log's last date), and
	// HoldoutEnd the holdout (zero: no holdout). Both are calendar days,
	// included in their period.
	CalibrationEnd, HoldoutEnd time.Time
	// Progress, if not nil, is called now and then with the bytes read so
	// far and the file's size (total -1 when unknown); for Parquet, with
	// the rows read and the file's rows. A log read twice (rows out of date
	// order) counts from 0 again.
	Progress func(done, total int64)
	// Name is the input's name in messages (ReadLog uses the path;
	// SummariseLog "input" when empty).
	Name string
	// Purpose says why one customer is not enough, in that message
	// ("" : "the models learn from a customer base").
	Purpose string
}

// purpose is what a message says a customer base is for.
func purpose(p string) string {
	if p == "" {
		return "the models learn from a customer base"
	}
	return p
}

// NoAmount is the Amount option that reads a log without amounts.
const NoAmount = "none"

// parquetMagic begins (and ends) every Parquet file.
var parquetMagic = []byte("PAR1")

// ReadLog reads and summarises the transaction log at path: a Parquet file,
// delimited text (see SummariseLog) or gzip-compressed delimited text, told
// by their content, not their names.
func ReadLog(path string, opt LogOptions) (Summary, error) {
	if opt.Name == "" {
		opt.Name = path
	}
	if err := opt.check(); err != nil {
		return Summary{}, err
	}
	f, err := os.Open(path)
	if err != nil {
		return Summary{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return Summary{}, err
	}
	var head [4]byte
	n, _ := io.ReadFull(f, head[:])
	if n == 4 && bytes.Equal(head[:], parquetMagic) {
		return summariseParquet(f, info.Size(), opt)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return Summary{}, err
	}
	if n >= 2 && head[0] == 0x1f && head[1] == 0x8b {
		return summariseGzip(f, opt)
	}
	return summariseText(f, info.Size(), opt)
}

// summariseGzip reads a gzip-compressed text log (told by its magic
// bytes), decompressing it as it goes; a second pass, when one is needed,
// decompresses it again. Progress has no total.
func summariseGzip(f *os.File, opt LogOptions) (Summary, error) {
	zr, err := gzip.NewReader(f)
	if err != nil {
		return Summary{}, fileError(opt.Name, 0, "begins like a gzip file but cannot be read as one (%v)", err)
	}
	rewind := func() error {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		return zr.Reset(f)
	}
	return summariseTwice(opt, rewind, func(spill map[string]bool) (*summariser, error) {
		s, err := readText(zr, -1, opt, spill)
		if err != nil && (errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.ErrUnexpectedEOF)) {
			return nil, fileError(opt.Name, 0, "the compressed file is damaged or cut short (%v): compress it again", errors.Unwrap(err))
		}
		return s, err
	})
}

// SummariseLog reads a transaction log in delimited text from r and
// summarises it: one row per purchase; a header row or none; fields
// separated by commas, semicolons, tabs or runs of blanks (detected from
// the first lines); dates ISO or YYYYMMDD (detected) or as
// opt.DateFormat says. Each customer's rows should come in date order (a
// log sorted by date, or by customer and date): then memory grows with the
// customers, not the rows. When they do not, a reader that can seek is read
// again holding the rows of the customers out of order (Summary.Warnings
// says so); any other reader gives an error.
func SummariseLog(r io.Reader, opt LogOptions) (Summary, error) {
	if opt.Name == "" {
		opt.Name = "input"
	}
	if err := opt.check(); err != nil {
		return Summary{}, err
	}
	return summariseText(r, -1, opt)
}

// check refuses options that contradict each other.
func (opt LogOptions) check() error {
	if !opt.HoldoutEnd.IsZero() {
		if opt.CalibrationEnd.IsZero() {
			return fmt.Errorf("%s: a holdout end (%s) needs a calibration end: set -calibration-end too", opt.Name, dayOf(opt.HoldoutEnd))
		}
		if c, h := dayOf(opt.CalibrationEnd), dayOf(opt.HoldoutEnd); h <= c {
			return fmt.Errorf("%s: the holdout end %s is not after the calibration end %s: the holdout follows calibration; set a later -holdout-end, or none", opt.Name, h, c)
		}
	}
	if opt.Unit < Day || opt.Unit > Year {
		return fmt.Errorf("%s: unknown unit %d", opt.Name, opt.Unit)
	}
	return nil
}

// summariseText reads delimited text, twice when a customer's rows are not
// in date order and r can seek back.
func summariseText(r io.Reader, size int64, opt LogOptions) (Summary, error) {
	var rewind func() error
	if seeker, ok := r.(io.Seeker); ok {
		if start, err := seeker.Seek(0, io.SeekCurrent); err == nil {
			rewind = func() error {
				_, err := seeker.Seek(start, io.SeekStart)
				return err
			}
		}
	}
	return summariseTwice(opt, rewind, func(spill map[string]bool) (*summariser, error) {
		return readText(r, size, opt, spill)
	})
}

// summariseTwice summarises what read reads; when some customer's rows are
// not in date order, it reads again (after rewind; an error when rewind is
// nil) holding those customers' rows.
func summariseTwice(opt LogOptions, rewind func() error, read func(spill map[string]bool) (*summariser, error)) (Summary, error) {
	s, err := read(nil)
	if err != nil {
		return Summary{}, err
	}
	if s.disordered == 0 {
		return s.finish(opt.Name)
	}
	if rewind == nil {
		return Summary{}, fileError(opt.Name, s.disorderLine, "%s: the rows of each customer must be in date order when the log is read from a stream: sort the log by date (or by customer and date), or read it from a file", s.disorderDetail)
	}
	spill := make(map[string]bool, s.disordered)
	for c, st := range s.cs {
		if st.disordered {
			spill[s.ids.name(c)] = true
		}
	}
	if err := rewind(); err != nil {
		return Summary{}, err
	}
	first := fmt.Sprintf("line %d: %s", s.disorderLine, s.disorderDetail)
	if s, err = read(spill); err != nil {
		return Summary{}, err
	}
	sum, err := s.finish(opt.Name)
	if err != nil {
		return Summary{}, err
	}
	sum.Warnings = append(sum.Warnings, fmt.Sprintf("%s: the rows of %s are not in date order (the first at %s): the log was read twice, holding those customers' rows in memory; a log sorted by date, or by customer and date, is read once, in memory bounded by the customers", opt.Name, plural(len(spill), "customer"), first))
	return sum, nil
}
