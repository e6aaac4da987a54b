package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"clvlab/internal/report"
)

// writeResults writes a scenario's result files into dir atomically: into a
// temporary folder beside it, then renamed into place (the previous results
// are moved aside first and removed last). Folders inside the previous
// results that the new ones do not replace (the what-if analyses in
// DIR/<scenario>/<command>/) are carried over.
//
// Only a folder that clvlab wrote is replaced (it holds the marker file
// Marker, or only such folders): any other folder of that name is left
// alone with an error. Leftovers of an interrupted run (a temporary folder,
// or previous results moved aside) are cleaned up, or put back, first.
//
// dir is inside out, the command's -o folder, which is locked while it
// writes (lockOutput): a second command writing into out waits, or fails.
func writeResults(out, dir string, files []report.File) error {
	unlock, err := lockOutput(out)
	if err != nil {
		return err
	}
	defer unlock()
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	recoverInterrupted(dir)
	recoverInside(dir)
	if !ownedByClvlab(dir) {
		return fmt.Errorf("%s exists and was not written by clvlab (it has no %s file); give another -o folder, or move it away", dir, Marker)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // a no-op once renamed
	files = append(files, report.File{Name: Marker, Write: func(w io.Writer) error {
		_, err := io.WriteString(w, "This folder was written by clvlab; the next run replaces it.\n")
		return err
	}})
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
		if err := rename(dir, old); err != nil {
			moveFolders(tmp, dir, kept)
			return fmt.Errorf("moving the previous results aside: %w", err)
		}
	}
	if err := rename(tmp, dir); err != nil {
		if old != "" {
			moveFolders(tmp, old, kept)
			rename(old, dir) // put the previous results back
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
	if err := f.Sync(); err != nil { // on disk before the rename makes it visible
		f.Close()
		return err
	}
	return f.Close()
}

// Marker is the file that marks a folder as clvlab output.
const Marker = ".clvlab-output"

// ownedByClvlab reports whether dir may be replaced: it does not exist, is
// empty, holds Marker, or holds only folders that do (what-if results).
func ownedByClvlab(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.IsNotExist(err)
	}
	if _, err := os.Stat(filepath.Join(dir, Marker)); err == nil {
		return true
	}
	for _, e := range entries {
		if !e.IsDir() {
			return false
		}
		if _, err := os.Stat(filepath.Join(dir, e.Name(), Marker)); err != nil {
			return false
		}
	}
	return true
}

// recoverInterrupted cleans up after a run that was stopped half-way
// (killed between two of writeResults' renames): previous results left
// moved aside are put back if dir is missing; the folders a temporary
// folder holds that dir lacks (the analyses carryFolders had moved into
// it) go back into dir; then the temporary folders, and previous results
// that dir replaced, are removed. Nothing a previous run wrote is lost,
// wherever it was stopped.
func recoverInterrupted(dir string) {
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	old := filepath.Join(parent, "."+base+".old")
	if _, err := os.Stat(old); err == nil {
		if _, err := os.Stat(dir); os.IsNotExist(err) {
			rename(old, dir)
		}
	}
	stale, _ := filepath.Glob(filepath.Join(parent, "."+base+".tmp-*"))
	for _, t := range stale {
		if _, err := os.Stat(dir); err == nil {
			putBack(t, dir)
		}
		os.RemoveAll(t)
	}
	os.RemoveAll(old)
}

// recoverInside recovers the folders inside dir that another command was
// writing when it was stopped: an analysis writes DIR/<scenario>/compare
// as writeResults does, so a kill can leave .compare.old or
// .compare.tmp-* inside the scenario's folder. Recovered, they are carried
// into the next results like any analysis folder, not removed with the
// previous results.
func recoverInside(dir string) {
	entries, _ := os.ReadDir(dir)
	done := map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, ".") {
			continue
		}
		base, ok := strings.CutSuffix(name[1:], ".old")
		if !ok {
			if i := strings.Index(name, ".tmp-"); i > 1 {
				base, ok = name[1:i], true
			}
		}
		if ok && base != "" && !done[base] {
			done[base] = true
			recoverInterrupted(filepath.Join(dir, base))
		}
	}
}

// putBack moves the folders in tmp that dir has no entry of into dir.
func putBack(tmp, dir string) {
	entries, _ := os.ReadDir(tmp)
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if _, err := os.Lstat(filepath.Join(dir, e.Name())); os.IsNotExist(err) {
			rename(filepath.Join(tmp, e.Name()), filepath.Join(dir, e.Name()))
		}
	}
}

// rename is os.Rename; a test stops the process at each call, as a kill
// between two renames would.
var rename = os.Rename

// writeFileAtomic writes data to a temporary file beside path, then
// renames it into place: path holds the old file or the new, never half.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	name := tmp.Name()
	tmp.Close()
	defer os.Remove(name) // a no-op once renamed
	if err := writeFile(name, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
		return err
	}
	if err := os.Chmod(name, 0o644); err != nil {
		return err
	}
	return rename(name, path)
}
