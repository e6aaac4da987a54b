package scenarios

// Text is a display string in English and Chinese. A file may give a plain
// string (used for both) or a table { en = "...", zh = "..." } with either
// language or both; the missing one falls back to the other.
type Text struct {
	EN string
	ZH string
}

// In returns the text in lang ("en" or "zh"), falling back to the other
// language when that one is empty.
func (t Text) In(lang string) string {
	if lang == "zh" && t.ZH != "" || t.EN == "" {
		return t.ZH
	}
	return t.EN
}

// IsZero reports whether t has no text in either language.
func (t Text) IsZero() bool { return t.EN == "" && t.ZH == "" }

// String returns the English text (or the Chinese where there is none).
func (t Text) String() string { return t.In("en") }
