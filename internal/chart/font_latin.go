//go:build js

package chart

import _ "embed"

// startFont is the Latin face: the browser starts with it and fetches the
// whole face (ChineseFontFile) when Chinese is shown.
//
//go:embed font/NotoSansSC-latin.ttf
var startFont []byte

const startChinese = false
