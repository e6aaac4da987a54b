// Package stub holds the one small font that every package of this module
// gives as its TTF: ASCII of Noto Sans CJK SC Regular (ascii.ttf, 17 KB,
// SIL Open Font License 1.1, OFL.txt; cut from clvlab's chart font with
// `pyftsubset NotoSansSC-gb2312l1.ttf --unicodes=U+0020-007E
// --notdef-outline`).
package stub

import _ "embed"

// TTF is the font.
//
//go:embed ascii.ttf
var TTF []byte
