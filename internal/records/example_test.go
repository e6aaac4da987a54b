package records_test

import (
	"fmt"
	"strings"
	"time"

	"clvlab/internal/records"
)

// The CDNOW sample as Fader, Hardie & Lee (2005) split it: weeks,
// calibration to 1997-09-30, holdout to 1998-06-30. Customer 1 bought on
// 1997-01-01, 01-18, 08-02 and 12-12: two repeat purchases in calibration,
// the last 213 days after the first (30.43 weeks), and one in the holdout.
func ExampleReadLog() {
	s, err := records.ReadLog("testdata/CDNOW_sample.txt", records.LogOptions{
		Customer: "2", Date: "3", Amount: "5", Unit: records.Week,
		CalibrationEnd: time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC),
		HoldoutEnd:     time.Date(1998, 6, 30, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	c := s.Customers[0]
	fmt.Printf("%d customers from %d rows; holdout %g weeks\n", len(s.Customers), s.Rows, s.Holdout)
	fmt.Printf("customer %s: frequency %g, recency %.2f, T %.2f, monetary %.3f; holdout %g\n",
		c.ID, c.Frequency, c.Recency, c.T, c.Monetary, c.HoldoutFrequency)
	// Output:
	// 2357 customers from 6919 rows; holdout 39 weeks
	// customer 0001: frequency 2, recency 30.43, T 38.86, monetary 22.345; holdout 1
}

// A log of dates only, from any reader: two purchases on one day are one.
func ExampleSummariseLog() {
	log := "date,id\n2024-01-01 09:00,a\n2024-01-01 17:30,a\n2024-01-08,a\n2024-01-05,b\n"
	s, err := records.SummariseLog(strings.NewReader(log), records.LogOptions{Unit: records.Day})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range s.Customers {
		fmt.Printf("%s: frequency %g, recency %g, T %g\n", c.ID, c.Frequency, c.Recency, c.T)
	}
	// Output:
	// a: frequency 1, recency 7, T 7
	// b: frequency 0, recency 0, T 3
}
