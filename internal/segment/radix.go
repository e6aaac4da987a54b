package segment

import "math"

// orderKey maps a float64 to a uint64 whose unsigned order is the
// float's (negative numbers flipped whole, positive ones their sign bit
// set); -0 and +0 get different keys, so callers give +0 for both.
func orderKey(x float64) uint64 {
	b := math.Float64bits(x)
	if b>>63 == 1 {
		return ^b
	}
	return b | 1<<63
}

// sortKeys sorts keys ascending and carries idx along (a least-significant
// digit radix sort, one byte a pass; a pass whose byte is the same in
// every key is skipped). It returns the sorted slices, which may be the
// scratch ones given: tmpKeys and tmpIdx have the inputs' lengths.
func sortKeys(keys []uint64, idx []int32, tmpKeys []uint64, tmpIdx []int32) ([]uint64, []int32) {
	n := len(keys)
	var counts [8][256]int
	for _, k := range keys {
		for d := range 8 {
			counts[d][byte(k>>(8*d))]++
		}
	}
	for d := range 8 {
		c := &counts[d]
		if c[byte(keys[0]>>(8*d))] == n {
			continue // every key has this byte
		}
		pos := 0
		for b := range 256 {
			c[b], pos = pos, pos+c[b]
		}
		shift := 8 * d
		for i, k := range keys {
			b := byte(k >> shift)
			j := c[b]
			c[b]++
			tmpKeys[j], tmpIdx[j] = k, idx[i]
		}
		keys, tmpKeys = tmpKeys, keys
		idx, tmpIdx = tmpIdx, idx
	}
	return keys, idx
}
