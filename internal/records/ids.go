package records

import (
	"hash/maphash"
)

// idTable interns customer ids: each distinct id gets the next index (0,
// 1, 2, ... in order of first appearance). It is an open-addressing hash
// table with linear probing whose slots hold short ids inline, so that
// looking up an id already seen touches one slot in the common case (a
// log's rows come in no order of customer, so every lookup is a cache
// miss: the Go map takes three or four).
type idTable struct {
	seed  maphash.Seed
	slots []idSlot // a power of two
	n     int
	// arena holds every id, end to end; ends[i] is the end of id i.
	arena []byte
	ends  []int
}

// inlineID is the longest id a slot holds inline; longer ones are compared
// in the arena.
const inlineID = 19

// idSlot is one slot: hash 0 means empty.
type idSlot struct {
	hash uint64
	idx  uint32
	n    uint8 // the id's length when inline; inlineID+1 when longer
	key  [inlineID]byte
}

func newIDTable() *idTable {
	return &idTable{seed: maphash.MakeSeed(), slots: make([]idSlot, 1024)}
}

// index is id's index; added reports whether id is new.
func (t *idTable) index(id []byte) (idx int32, added bool) {
	h := maphash.Bytes(t.seed, id) | 1
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.hash == 0 {
			return t.insert(s, h, id), true
		}
		if s.hash == h && t.equal(s, id) {
			return int32(s.idx), false
		}
	}
}

func (t *idTable) equal(s *idSlot, id []byte) bool {
	if s.n <= inlineID {
		return int(s.n) == len(id) && string(s.key[:s.n]) == string(id)
	}
	return string(t.id(int(s.idx))) == string(id)
}

func (t *idTable) insert(s *idSlot, h uint64, id []byte) int32 {
	idx := len(t.ends)
	t.arena = append(t.arena, id...)
	t.ends = append(t.ends, len(t.arena))
	s.hash, s.idx = h, uint32(idx)
	if len(id) <= inlineID {
		s.n = uint8(len(id))
		copy(s.key[:], id)
	} else {
		s.n = inlineID + 1
	}
	t.n++
	if 4*t.n > 3*len(t.slots) {
		t.grow()
	}
	return int32(idx)
}

// grow doubles the table.
func (t *idTable) grow() {
	old := t.slots
	t.slots = make([]idSlot, 2*len(old))
	mask := uint64(len(t.slots) - 1)
	for _, s := range old {
		if s.hash == 0 {
			continue
		}
		i := s.hash & mask
		for t.slots[i].hash != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = s
	}
}

// id is the id of index i, in the arena (valid until the next insert).
func (t *idTable) id(i int) []byte {
	start := 0
	if i > 0 {
		start = t.ends[i-1]
	}
	return t.arena[start:t.ends[i]]
}

// name is the id of index i as a string.
func (t *idTable) name(i int) string { return string(t.id(i)) }
