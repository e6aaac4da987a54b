package scenarios

import (
	"fmt"
	"io/fs"
	"strings"
)

// PresetSource returns the shipped scenario file with the given id as it
// is embedded, byte for byte, comments included.
func PresetSource(id string) ([]byte, error) {
	if fs.ValidPath(id) && !strings.Contains(id, "/") {
		if src, err := fs.ReadFile(shipped, "shipped/"+id+".toml"); err == nil {
			return src, nil
		}
	}
	return nil, fmt.Errorf("no shipped scenario %q; shipped scenarios are %s", id, strings.Join(Presets(), ", "))
}
