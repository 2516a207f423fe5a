package cards

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// walkTexts calls fn for every Text reachable from v (structs, pointers,
// slices), with a path such as "Cards[3].Items[2].Options[0].Help". It uses
// reflection so that a Text field added later is checked too.
func walkTexts(v reflect.Value, path string, fn func(path string, t Text)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkTexts(v.Elem(), path, fn)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(Text{}) {
			fn(path, v.Interface().(Text))
			return
		}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() || f.Name == "Phase" || f.Name == "Card" || f.Name == "Item" {
				continue // unexported state and the steps' back references
			}
			walkTexts(v.Field(i), path+"."+f.Name, fn)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walkTexts(v.Index(i), fmt.Sprintf("%s[%d]", path, i), fn)
		}
	}
}

// TestEveryTextInBothLanguages walks the whole built-in card set, every
// card and the flow, and fails when a text has Dutch without English or
// English without Dutch.
func TestEveryTextInBothLanguages(t *testing.T) {
	s, err := LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	walkTexts(reflect.ValueOf(s), "Set", func(path string, txt Text) {
		nl, en := strings.TrimSpace(txt.NL) != "", strings.TrimSpace(txt.EN) != ""
		if nl || en {
			n++
		}
		switch {
		case nl && !en:
			t.Errorf("%s has Dutch but no English: %q", path, txt.NL)
		case en && !nl:
			t.Errorf("%s has English but no Dutch: %q", path, txt.EN)
		}
	})
	// The walk must reach every card's texts: at least a title, a purpose
	// and, per item, a text and a help.
	least := 0
	for _, c := range s.Cards {
		least += 2 + 2*len(c.Items)
	}
	if n < least {
		t.Errorf("the walk found %d texts, want at least %d: it misses some", n, least)
	}
	t.Logf("%d texts in both languages", n)
}

// TestWalkTextsFindsAMissingTranslation makes sure the walk above can fail.
func TestWalkTextsFindsAMissingTranslation(t *testing.T) {
	s := &Set{Cards: []*Card{{ID: "k", Title: Text{NL: "Kaart"}, Items: []Item{{Options: []Option{{Help: Text{EN: "only English"}}}}}}}}
	var bad []string
	walkTexts(reflect.ValueOf(s), "Set", func(path string, txt Text) {
		if (txt.NL == "") != (txt.EN == "") {
			bad = append(bad, path)
		}
	})
	want := []string{"Set.Cards[0].Title", "Set.Cards[0].Items[0].Options[0].Help"}
	if strings.Join(bad, ",") != strings.Join(want, ",") {
		t.Errorf("found %q, want %q", bad, want)
	}
}

// TestEveryStepHasAShortTitle checks that every question of the built-in
// conversation has a title in both languages short enough to label its
// answer in a record (the summary, the document): without one, a record
// falls back to the start of the whole question.
func TestEveryStepHasAShortTitle(t *testing.T) {
	const maxLabel = 60 // dialogs.MaxLabel
	s, err := LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range s.Steps() {
		for _, lang := range Langs() {
			title := st.Item.Title.In(lang)
			if title == "" {
				t.Errorf("%s has no title in %s", st.ID, lang)
			}
			if n := len([]rune(title)); n > maxLabel {
				t.Errorf("%s: title %q (%s) is %d characters; a record's label is at most %d", st.ID, title, lang, n, maxLabel)
			}
		}
	}
}
