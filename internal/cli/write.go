package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"clvlab/internal/report"
)

// writeResults writes a scenario's result files into dir atomically: into a
// temporary folder beside it, then renamed into place (the previous results
// are moved aside first and removed last). Folders inside the previous
// results that the new ones do not replace (the what-if analyses in
// DIR/<scenario>/<command>/) are carried over.
func writeResults(dir string, files []report.File) error {
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // a no-op once renamed
	for _, f := range files {
		if err := writeFile(filepath.Join(tmp, f.Name), f.Write); err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	old := ""
	var kept []string
	if _, err := os.Stat(dir); err == nil {
		if kept, err = carryFolders(dir, tmp); err != nil {
			return fmt.Errorf("keeping the folders of the previous results: %w", err)
		}
		old = filepath.Join(parent, "."+filepath.Base(dir)+".old")
		os.RemoveAll(old)
		if err := os.Rename(dir, old); err != nil {
			moveFolders(tmp, dir, kept)
			return fmt.Errorf("moving the previous results aside: %w", err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			moveFolders(tmp, old, kept)
			os.Rename(old, dir) // put the previous results back
		}
		return err
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}

// create opens a result file for writing; tests replace it to make a
// write fail half-way.
var create = os.Create

func writeFile(name string, write func(io.Writer) error) error {
	f, err := create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if err := write(w); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
