package dialogs

import (
	"fmt"
	"strings"
)

// cardCommand recognises a request for a card typed at any console prompt:
// "kaart" (the list), "kaart <naam>" and "varianten", in Dutch or English.
// It returns the text to show; false means the line is an ordinary answer.
func (con *Console) cardCommand(line string) (string, bool) {
	words := strings.Fields(line)
	if len(words) == 0 || len(words) > 4 {
		return "", false
	}
	set := con.Engine.Cards()
	ct := CardTextsFor(con.Lang)
	switch strings.ToLower(words[0]) {
	case "kaart", "kaarten", "card", "cards":
		name := strings.Join(words[1:], " ")
		if name == "" {
			return PlainCardList(CardList(set, con.Lang), ct, "") + "\n" + ct.ConsoleHint, true
		}
		c, ok := FindCard(set, name)
		if !ok {
			return fmt.Sprintf(ct.UnknownCardF, name, strings.Join(CardNames(set), ", ")), true
		}
		return PlainCard(ViewCard(set, c, con.Lang), ct, TextsFor(con.Lang).SeeAlso), true
	case "varianten", "variants":
		if len(words) > 1 {
			return "", false
		}
		c, ok := VariantsCard(set)
		if !ok {
			return ct.NoVariants, true
		}
		return PlainCard(ViewCard(set, c, con.Lang), ct, TextsFor(con.Lang).SeeAlso), true
	}
	return "", false
}
