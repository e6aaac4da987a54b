package cli

import (
	"os"
	"path/filepath"
	"strings"
)

// carryFolders moves the folders inside dir that tmp (the new results) does
// not have into tmp, and returns their names; on failure it moves back
// what it moved. Hidden folders (another command's temporary results) stay.
func carryFolders(dir, tmp string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var moved []string
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if _, err := os.Lstat(filepath.Join(tmp, e.Name())); err == nil {
			continue // the new results replace it
		}
		if err := rename(filepath.Join(dir, e.Name()), filepath.Join(tmp, e.Name())); err != nil {
			moveFolders(tmp, dir, moved)
			return nil, err
		}
		moved = append(moved, e.Name())
	}
	return moved, nil
}

// moveFolders moves the named folders from one folder to another, as far
// as it can (it undoes carryFolders after a failure).
func moveFolders(from, to string, names []string) {
	for _, n := range names {
		rename(filepath.Join(from, n), filepath.Join(to, n))
	}
}
