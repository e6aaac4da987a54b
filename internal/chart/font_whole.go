//go:build !js

package chart

import _ "embed"

// startFont is the whole face: native builds draw every language with it.
//
//go:embed font/NotoSansSC-gb2312l1.ttf
var startFont []byte

const startChinese = true
