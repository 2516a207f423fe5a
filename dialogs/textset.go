package dialogs

import (
	"fmt"
	"maps"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/maatwerkbot/maatwerkbot/cards"
	"github.com/maatwerkbot/maatwerkbot/dialogs/catalog"
)

// textSet is every interface text of the package in both languages: the
// catalog and the structs filled from it, key by key. The key of a field is
// the struct's prefix and the field's name ("Texts.Yes"); an entry of a map
// or array field adds its key or index ("Texts.Status.open",
// "Digest.Days.0").
type textSet struct {
	cat     *catalog.Catalog
	texts   map[cards.Lang]*Texts
	digest  map[cards.Lang]*DigestTexts
	card    map[cards.Lang]*CardTexts
	console map[cards.Lang]*consoleTexts
	lookup  map[cards.Lang]*LookupTexts
	erase   map[cards.Lang]*EraseTexts
	// used are the keys the structs took.
	used map[string]bool
}

// textSetOnce builds the text set on first use. A mistake in the catalog's
// table panics here; the tests of both packages catch it first.
var textSetOnce = sync.OnceValue(func() *textSet {
	s, err := buildTextSet()
	if err != nil {
		panic(err)
	}
	return s
})

func buildTextSet() (*textSet, error) {
	cat, err := catalog.New()
	if err != nil {
		return nil, err
	}
	s := &textSet{
		cat:     cat,
		texts:   map[cards.Lang]*Texts{},
		digest:  map[cards.Lang]*DigestTexts{},
		card:    map[cards.Lang]*CardTexts{},
		console: map[cards.Lang]*consoleTexts{},
		lookup:  map[cards.Lang]*LookupTexts{},
		erase:   map[cards.Lang]*EraseTexts{},
		used:    map[string]bool{},
	}
	for _, lang := range cards.Langs() {
		s.texts[lang], s.card[lang], s.console[lang] = &Texts{}, &CardTexts{}, &consoleTexts{}
		s.digest[lang] = &DigestTexts{lang: lang}
		s.lookup[lang], s.erase[lang] = &LookupTexts{lang: lang}, &EraseTexts{}
		for prefix, dst := range map[string]any{"Texts": s.texts[lang], "Digest": s.digest[lang], "Card": s.card[lang],
			"Console": s.console[lang], "Lookup": s.lookup[lang], "Erase": s.erase[lang]} {
			if err := s.fill(dst, prefix, lang); err != nil {
				return nil, err
			}
		}
	}
	return s, nil
}

// fill sets every exported field of the struct dst points to from the
// catalog: strings, maps with string keys and arrays of strings.
func (s *textSet) fill(dst any, prefix string, lang cards.Lang) error {
	v := reflect.ValueOf(dst).Elem()
	for i := range v.NumField() {
		f, fv := v.Type().Field(i), v.Field(i)
		if !f.IsExported() {
			continue
		}
		key := prefix + "." + f.Name
		switch fv.Kind() {
		case reflect.String:
			t, err := s.text(lang, key)
			if err != nil {
				return err
			}
			fv.SetString(t)
		case reflect.Array:
			for j := range fv.Len() {
				t, err := s.text(lang, key+"."+strconv.Itoa(j))
				if err != nil {
					return err
				}
				fv.Index(j).SetString(t)
			}
		case reflect.Map:
			m := reflect.MakeMap(fv.Type())
			for _, k := range s.cat.Keys() {
				if entry, ok := strings.CutPrefix(k, key+"."); ok {
					t, err := s.text(lang, k)
					if err != nil {
						return err
					}
					m.SetMapIndex(reflect.ValueOf(entry).Convert(fv.Type().Key()), reflect.ValueOf(t))
				}
			}
			if m.Len() == 0 {
				return fmt.Errorf("dialogs: no texts for %s", key)
			}
			fv.Set(m)
		default:
			return fmt.Errorf("dialogs: %s has kind %s; texts are strings, maps or arrays of strings", key, fv.Kind())
		}
	}
	return nil
}

func (s *textSet) text(lang cards.Lang, key string) (string, error) {
	t, ok := s.cat.Text(lang, key)
	if !ok {
		return "", fmt.Errorf("dialogs: no text %s in the catalog", key)
	}
	s.used[key] = true
	return t, nil
}

// setLang is cards.NL for anything but English.
func setLang(lang cards.Lang) cards.Lang {
	if lang == cards.EN {
		return cards.EN
	}
	return cards.NL
}

// TextsFor returns the interface texts in lang (Dutch for anything else).
// Each call returns a fresh copy.
func TextsFor(lang cards.Lang) *Texts {
	t := *textSetOnce().texts[setLang(lang)]
	t.Status = maps.Clone(t.Status)
	return &t
}

// DigestTextsFor returns the digest texts in lang (Dutch unless English).
func DigestTextsFor(lang cards.Lang) *DigestTexts {
	t := *textSetOnce().digest[setLang(lang)]
	t.PatternKind = maps.Clone(t.PatternKind)
	return &t
}

// CardTextsFor returns the card texts in lang (Dutch for anything else).
func CardTextsFor(lang cards.Lang) *CardTexts {
	t := *textSetOnce().card[setLang(lang)]
	return &t
}

// consoleTexts are the console's own texts.
type consoleTexts struct {
	Banner         string // the first line
	OpenCases      string // heading of the list of open cases
	Choice         string // prompt for a number from that list
	NumberF        string // "Typ een nummer van 1 tot en met %d."
	ArgumentOrDone string
	ResumeOrStop   string // prompt of a paused case
	Saved          string // on leaving before the end
	// ReportAsk offers the document when the case is done; ReportDoneF
	// (case id, file) and ReportFailedF (the error) say how it went.
	ReportAsk     string
	ReportDoneF   string
	ReportFailedF string
	Unfinished    string // a last line without Enter, not taken
	Help          string // what can be typed at any prompt
	NothingYet    string // terug before any answer
	WhichStep     string // wijzig without a step
	AnsweredSteps string // heading of the list of answered steps
	NowF          string // the current answer of the step to change
	ChangedF      string // %d the step changed
	ReviewF       string // %s the steps that build on it
	NumbersF      string // a multiple choice typed wrong; %d the number of options
	YourTextF     string // %s what was typed with a refused answer
	KeptHint      string // Enter reuses the text typed before
	NamePrompt    string // asks the caseworker's name
	NameRule      string // what a name must be
	WarnGoOn      string // after a warning: record anyway, or a new motivering
}

func consoleTextsFor(lang cards.Lang) *consoleTexts {
	return textSetOnce().console[setLang(lang)]
}
