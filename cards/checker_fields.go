package cards

import (
	"strings"
	"unicode/utf8"
)

// The checks of single fields: texts in every language within Slack's
// limits, and ids.

// text checks a text: a required text must be there, and any text that is
// there must be there in every language, each at most limit characters (no
// limit when 0).
func (ch *checker) text(file string, t *Text, fallback int, field, owner string, required bool, limit int) {
	line := t.line
	if line == 0 {
		line = fallback
	}
	if t.IsZero() {
		if required {
			ch.add(file, line, "%q ontbreekt bij %s", field, owner)
		}
		return
	}
	for _, lang := range Langs() {
		s, p := t.NL, &t.NL
		if lang == EN {
			s, p = t.EN, &t.EN
		}
		if s == "" {
			ch.add(file, line, "%s ontbreekt bij %q van %s", langName(lang), field, owner)
			continue
		}
		if n := utf8.RuneCountInString(s); limit > 0 && n > limit {
			ch.add(file, ch.line(p, line), "%s bij %q van %s is %d tekens lang; Slack toont er hooguit %d",
				langName(lang), field, owner, n, limit)
		}
	}
}

func langName(l Lang) string {
	if l == EN {
		return "de Engelse tekst (en)"
	}
	return "de Nederlandse tekst (nl)"
}

// id checks an id's form and reports whether it is valid.
func (ch *checker) id(file string, line int, id string) bool {
	for i, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' && i > 0) {
			ch.add(file, line, "de id %q is ongeldig: gebruik alleen kleine letters (a-z), cijfers en streepjes, en begin niet met een streepje", id)
			return false
		}
	}
	if n := len(id); n > maxID {
		ch.add(file, line, "de id %q is %d tekens lang; hooguit %d", id, n, maxID)
		return false
	}
	return true
}

func kindList() string {
	names := make([]string, 0, len(Kinds()))
	for _, k := range Kinds() {
		names = append(names, string(k))
	}
	return strings.Join(names, ", ")
}

func joinValues[T ~string](vs []T) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return strings.Join(out, ", ")
}
