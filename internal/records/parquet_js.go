package records

import "os"

// summariseParquet: the browser build reads no Parquet (its reader would
// add megabytes to the page); the command line does.
func summariseParquet(f *os.File, size int64, opt LogOptions) (Summary, error) {
	return Summary{}, fileError(opt.Name, 0, "is a Parquet file, which the browser does not read: run clvlab fit transactions %s on your machine", opt.Name)
}
