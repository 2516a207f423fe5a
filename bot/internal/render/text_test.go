package render

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/render/rendertest"
)

func TestUserText(t *testing.T) {
	const z = "\u200b"
	for _, tc := range []struct{ in, want string }{
		{"<!channel>", "&lt;!channel&gt;"},
		{"<https://x.example|label>", "&lt;https://x.example|label&gt;"},
		{"&lt;!here&gt;", "&amp;lt;!here&amp;gt;"},
		{"*vet*", z + "*" + z + "vet" + z + "*" + z},
		{"a_b ~c~ `d`", "a" + z + "_" + z + "b " + z + "~" + z + "c" + z + "~" + z + " " + z + "`" + z + "d" + z + "`" + z},
		{"@channel kijk", "@" + z + "channel kijk"},
		{"> geen citaat\n> ook niet", z + "&gt; geen citaat\n" + z + "&gt; ook niet"},
		{"a > b", "a &gt; b"},
		{"gewoon € 12,50", "gewoon € 12,50"},
	} {
		if got := UserText(tc.in); got != tc.want {
			t.Errorf("userText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// zwAs says how a model of Slack's mrkdwn parser counts U+200B: Slack does
// not document it, so UserText must hold either way.
type zwAs int

func (zw zwAs) space(r rune) bool {
	if r == ZeroWidthSpace {
		return zw == zwAsSpace
	}
	return unicode.IsSpace(r)
}

func (zw zwAs) word(r rune) bool {
	if r == ZeroWidthSpace {
		return zw == zwAsWord
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// opens and closes model Slack's rule for *bold*, _italics_, ~strike~ and
// `code`: a delimiter opens with no word character before it (the start, a
// space or punctuation: "(*a*)" is bold, "a*b*" is not) and a non-space
// after it; it closes with a non-space before it and no word character
// after it.
func (zw zwAs) opens(rs []rune, i int) bool {
	return (i == 0 || !zw.word(rs[i-1])) && i+1 < len(rs) && !zw.space(rs[i+1])
}

func (zw zwAs) closes(rs []rune, i int) bool {
	return i > 0 && !zw.space(rs[i-1]) && (i+1 == len(rs) || !zw.word(rs[i+1]))
}

// TestUserTextFormattingShowsAsTyped: in the places the bot puts user text
// (after a bold label, inside its italics, in a bullet), no formatting
// character the user typed can open or close formatting under the model of
// Slack's parser, whether U+200B counts as part of a word or as a space. A
// zero-width space after each delimiter only (as on main before this
// change) fails: under the first reading a user's * still opens, and a
// bot's closing * further on ends it.
func TestUserTextFormattingShowsAsTyped(t *testing.T) {
	inputs := []string{
		"*vet*", "_schuin_", "~door~", "`code`", "```blok```", "**", "*a * b*", "(*haakjes*)", "x*y*z",
		"*begin", "eind*", "_a_b_", "~/pad/naar~", "* lijst\n* punt", "vet*, en *nog*.", "`*`",
	}
	wrappers := []string{"%s", "*Besluit:* %s", "_%s_", "• %s — <@UALICE001>", "*%s*", "%s *ná*"}
	// The old scheme, to show the model is not blind: its * opens.
	old := strings.NewReplacer("*", "*\u200b").Replace("*vet*")
	if !zwAsWord.opens([]rune(old), 0) {
		t.Fatal("the model does not see a delimiter followed by U+200B open")
	}
	for _, in := range inputs {
		esc := []rune(UserText(in))
		for _, w := range wrappers {
			prefix := len([]rune(strings.SplitN(w, "%s", 2)[0]))
			out := []rune(strings.Replace(w, "%s", string(esc), 1))
			for j, r := range esc {
				if !strings.ContainsRune("*_~`", r) {
					continue
				}
				i := prefix + j
				for _, zw := range []zwAs{zwAsWord, zwAsSpace} {
					if zw.opens(out, i) || zw.closes(out, i) {
						t.Errorf("%q in %q: the user's %q at %d can open or close formatting (U+200B as %s): %q",
							in, w, r, i, [...]string{"word", "space"}[zw], string(out))
					}
				}
			}
		}
	}
}

// FuzzUserText: whatever a person types, UserText's result holds no < or >,
// no & but as an entity, no formatting character without a zero-width
// space on both sides, no @ directly before a word, and reads back as the
// text typed.
func FuzzUserText(f *testing.F) {
	for _, s := range append(rendertest.Hostile(), "a@b", "> q\n>> r", "&amp;", "\u200b*\u200b") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if !utf8.ValidString(in) {
			return
		}
		out := UserText(in)
		rs := []rune(out)
		for i, r := range rs {
			switch r {
			case '<', '>':
				t.Fatalf("userText(%q) = %q holds %q", in, out, r)
			case '&':
				rest := string(rs[i:])
				if !strings.HasPrefix(rest, "&amp;") && !strings.HasPrefix(rest, "&lt;") && !strings.HasPrefix(rest, "&gt;") {
					t.Fatalf("userText(%q) = %q holds a bare &", in, out)
				}
			case '*', '_', '~', '`':
				if i == 0 || i+1 == len(rs) || rs[i-1] != ZeroWidthSpace || rs[i+1] != ZeroWidthSpace {
					t.Fatalf("userText(%q) = %q: %q at %d is not guarded", in, out, r, i)
				}
			case '@':
				if i+1 == len(rs) || rs[i+1] != ZeroWidthSpace {
					t.Fatalf("userText(%q) = %q: @ at %d is not guarded", in, out, i)
				}
			}
		}
		strip := func(s string) string { return strings.ReplaceAll(s, string(ZeroWidthSpace), "") }
		if back := Unescape(strip(out)); back != strip(in) {
			t.Fatalf("userText(%q) = %q reads back as %q", in, out, back)
		}
	})
}

const (
	zwAsWord zwAs = iota
	zwAsSpace
)
