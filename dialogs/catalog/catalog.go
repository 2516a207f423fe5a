package catalog

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message/catalog"

	"github.com/maatwerkbot/maatwerkbot/cards"
)

// Catalog is the built catalog. It is safe for concurrent use.
type Catalog struct {
	b      *catalog.Builder
	keys   []string
	counts map[string][]count
}

// Count is a counted noun of a plural entry in one language: ${Name} in the
// text becomes One or Other for argument Arg (1-based, as fmt's %[n]d).
type Count struct {
	Name       string
	Arg        int
	One, Other string
}

// New builds the catalog from the table in texts.go. It fails only on a
// mistake in that table.
func New() (*Catalog, error) {
	c := &Catalog{b: catalog.NewBuilder(catalog.Fallback(language.Dutch)), counts: map[string][]count{}}
	for _, n := range counts() {
		c.counts[n.key] = append(c.counts[n.key], n)
	}
	seen := map[string]bool{}
	for _, t := range texts() {
		if seen[t.key] {
			return nil, fmt.Errorf("catalog: key %s twice", t.key)
		}
		seen[t.key] = true
		c.keys = append(c.keys, t.key)
		for _, lang := range []cards.Lang{cards.NL, cards.EN} {
			var msgs []catalog.Message
			for _, n := range c.counts[t.key] {
				one, other := n.forms(lang)
				if !strings.Contains(t.in(lang), "${"+n.name+"}") {
					return nil, fmt.Errorf("catalog: %s (%s) does not use ${%s}", t.key, lang, n.name)
				}
				msgs = append(msgs, catalog.Var(n.name, plural.Selectf(n.arg, "%d", plural.One, one, plural.Other, other)))
			}
			msgs = append(msgs, catalog.String(t.in(lang)))
			if err := c.b.Set(tag(lang), t.key, msgs...); err != nil {
				return nil, fmt.Errorf("catalog: %s (%s): %w", t.key, lang, err)
			}
		}
	}
	for key := range c.counts {
		if !seen[key] {
			return nil, fmt.Errorf("catalog: plural forms for unknown key %s", key)
		}
	}
	slices.Sort(c.keys)
	return c, nil
}

// Keys returns every key, sorted.
func (c *Catalog) Keys() []string { return slices.Clone(c.keys) }

// Counts returns the counted nouns of key in lang; none for a plain text.
func (c *Catalog) Counts(lang cards.Lang, key string) []Count {
	var out []Count
	for _, n := range c.counts[key] {
		one, other := n.forms(lang)
		out = append(out, Count{Name: n.name, Arg: n.arg, One: one, Other: other})
	}
	return out
}

// Text returns the text of key in lang (Dutch for anything but English) as
// it is in the table; ok is false for an unknown key. For a plural entry
// the counted nouns are in the "other" form.
func (c *Catalog) Text(lang cards.Lang, key string) (s string, ok bool) {
	return c.pick(lang, key, nil)
}

// Format formats the text of key in lang with args as fmt.Sprintf does,
// after choosing the plural forms for the count arguments. An unknown key
// gives the key itself.
func (c *Catalog) Format(lang cards.Lang, key string, args ...any) string {
	f, ok := c.pick(lang, key, args)
	if !ok {
		return key
	}
	return fmt.Sprintf(f, args...)
}

// pick returns the format string of key with the plural forms for args
// filled in.
func (c *Catalog) pick(lang cards.Lang, key string, args []any) (string, bool) {
	r := &renderer{args: args}
	if err := c.b.Context(tag(lang), r).Execute(key); err != nil {
		return "", false
	}
	return r.b.String(), true
}

// renderer collects the selected pieces of a message without formatting
// them; it gives the plural selectors the arguments.
type renderer struct {
	b    strings.Builder
	args []any
}

func (r *renderer) Render(s string) { r.b.WriteString(s) }

func (r *renderer) Arg(i int) any {
	if i >= 1 && i <= len(r.args) {
		return r.args[i-1]
	}
	return nil
}

func tag(lang cards.Lang) language.Tag {
	if lang == cards.EN {
		return language.English
	}
	return language.Dutch
}

// text is one entry of the table: a key and its Dutch and English text.
type text struct{ key, nl, en string }

func (t text) in(lang cards.Lang) string {
	if lang == cards.EN {
		return t.en
	}
	return t.nl
}

// count is a counted noun of a plural entry: ${name} in the text of key
// takes its form from argument arg.
type count struct {
	key, name      string
	arg            int
	nlOne, nlOther string
	enOne, enOther string
}

func (n count) forms(lang cards.Lang) (one, other string) {
	if lang == cards.EN {
		return n.enOne, n.enOther
	}
	return n.nlOne, n.nlOther
}
