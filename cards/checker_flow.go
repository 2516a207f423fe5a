package cards

import (
	"fmt"
	"strings"
)

// The checks of flow.yaml: its version, phases and steps.

func (ch *checker) flow(f *Flow, byID map[string]*Card) {
	file := f.file
	if strings.TrimSpace(f.Version) == "" {
		ch.add(file, ch.line(&f.Version, 1), `"version" ontbreekt in de flow; zet bovenaan bijvoorbeeld: version: "1"`)
	}
	if len(f.Phases) == 0 {
		ch.add(file, ch.line(&f.Phases, 0), `de flow heeft geen fasen; zet ze onder "phases:"`)
	}
	phases := make(map[string]int, len(f.Phases))
	steps := make(map[string]int)
	for i := range f.Phases {
		ph := &f.Phases[i]
		name := fmt.Sprintf("fase %d", i+1)
		switch {
		case ph.ID == "":
			ch.add(file, ph.line, `"id" ontbreekt bij %s`, name)
		case ch.id(file, ch.line(&ph.ID, ph.line), ph.ID):
			name = fmt.Sprintf("fase %q", ph.ID)
			if first, ok := phases[ph.ID]; ok {
				ch.add(file, ch.line(&ph.ID, ph.line), "de fase-id %q komt al eerder voor (regel %d)", ph.ID, first)
			} else {
				phases[ph.ID] = ch.line(&ph.ID, ph.line)
			}
		}
		ch.text(file, &ph.Title, ph.line, "title", name, true, 0)
		if len(ph.Steps) == 0 {
			ch.add(file, ch.line(&ph.Steps, ph.line), `%s heeft geen stappen; zet de vragen als kaart/item onder "steps:"`, name)
		}
		for j, ref := range ph.Steps {
			line := ch.line(&ph.Steps[j], ph.line)
			if first, ok := steps[ref]; ok {
				ch.add(file, line, "de stap %q staat al eerder in de flow (regel %d); elke vraag wordt één keer gesteld", ref, first)
				continue
			}
			steps[ref] = line
			it := ch.ref(file, line, ref, "stap", byID)
			if it != nil && it.Kind != "" && !it.Kind.Asks() {
				ch.add(file, line, "de stap %q is een item van soort %q: dat wordt getoond, niet gevraagd; haal het weg uit de flow", ref, it.Kind)
			}
			if it == nil {
				continue
			}
			if it.Role == RoleLookBack {
				ch.add(file, line, "de stap %q heeft role: %s: de bot vraagt hem later, los van het gesprek; haal hem weg uit de flow", ref, it.Role)
			}
			for _, r := range it.Recall {
				if _, ok := steps[r]; !ok || r == ref {
					ch.add(file, line, `de stap %q toont met "recall" het antwoord op %q, maar die stap komt niet eerder in de flow`, ref, r)
				}
			}
		}
	}
}
