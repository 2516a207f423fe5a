package cards

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// decoder reads one content file from its YAML node tree into the package's
// types. It is strict: an unknown field, a repeated field or a value of the
// wrong shape is a problem with its line, and decoding goes on so that one
// run reports everything.
type decoder struct {
	file string
	ps   *Problems
	// at holds the line of decoded values that have no line field of their
	// own (ids, kinds, list entries, lists), keyed by the value's address.
	at map[any]int
}

func (d *decoder) add(line int, format string, args ...any) {
	d.ps.add(d.file, line, format, args...)
}

// parse returns the root node of the file's single YAML document, or nil
// when there is none to decode (the file is empty or not valid YAML; the
// problem is recorded).
func (d *decoder) parse(data []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			d.add(0, "het bestand is leeg")
		} else {
			d.syntax(err)
		}
		return nil
	}
	var more yaml.Node
	switch err := dec.Decode(&more); {
	case errors.Is(err, io.EOF):
	case err != nil:
		d.syntax(err)
		return nil
	default:
		d.add(more.Line, `het bestand bevat meer dan één YAML-document; haal de regel "---" weg`)
	}
	if len(doc.Content) == 0 || d.value(doc.Content[0]) == nil {
		d.add(0, "het bestand is leeg")
		return nil
	}
	return doc.Content[0]
}

// syntax records a YAML syntax error, such as "yaml: line 3: mapping values
// are not allowed in this context", with its line.
func (d *decoder) syntax(err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, after, ok := strings.Cut(rest, ": "); ok {
			if l, err := strconv.Atoi(n); err == nil {
				line, msg = l, after
				if parserError(msg) {
					line++
				}
			}
		}
	}
	d.add(line, "dit is geen geldige YAML (%s); let op inspringing, dubbele punten en aanhalingstekens", msg)
}

// parserError reports whether msg comes from yaml.v3's parser rather than
// its scanner: the parser counts the lines in its messages from 0.
func parserError(msg string) bool {
	for _, p := range []string{"did not find expected", "found duplicate", "found incompatible", "found undefined tag"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// value returns n, or nil when n is null (an empty value counts as absent).
// An alias (*name) is a problem: content is written out, not referenced.
func (d *decoder) value(n *yaml.Node) *yaml.Node {
	switch {
	case n.Kind == yaml.AliasNode:
		d.add(n.Line, "verwijzingen naar een anker (*%s) worden niet ondersteund; schrijf de waarde uit", n.Value)
		return nil
	case n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null":
		return nil
	}
	return n
}

// field is one field a mapping may have.
type field struct {
	name   string
	decode func(key, val *yaml.Node)
}

// fields decodes a mapping whose keys must be among fields, each at most
// once. what names the mapping in a problem when n is not a mapping.
func (d *decoder) fields(n *yaml.Node, what string, fields ...field) {
	if n.Kind != yaml.MappingNode {
		d.add(n.Line, "%s hoort te bestaan uit velden (naam: waarde)", what)
		return
	}
	seen := make(map[string]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.add(k.Line, `hier hoort een veldnaam, zoals "id"`)
			continue
		}
		if first, ok := seen[k.Value]; ok {
			d.add(k.Line, "het veld %q staat er twee keer (ook op regel %d)", k.Value, first)
			continue
		}
		seen[k.Value] = k.Line
		j := slices.IndexFunc(fields, func(f field) bool { return f.name == k.Value })
		if j < 0 {
			names := make([]string, len(fields))
			for i, f := range fields {
				names[i] = f.name
			}
			d.add(k.Line, "onbekend veld %q; mogelijk zijn: %s", k.Value, strings.Join(names, ", "))
			continue
		}
		if v = d.value(v); v != nil {
			fields[j].decode(k, v)
		}
	}
}

// str decodes a single value, e.g. an id, and records its line.
func str[T ~string](d *decoder, name string, v *yaml.Node, dst *T) {
	if v.Kind != yaml.ScalarNode {
		d.add(v.Line, "%q hoort één waarde te zijn, geen lijst of blok", name)
		return
	}
	*dst = T(v.Value)
	d.at[dst] = v.Line
}

// boolean decodes true or false.
func (d *decoder) boolean(k, v *yaml.Node, dst *bool) {
	if v.Kind != yaml.ScalarNode || v.Decode(dst) != nil {
		d.add(v.Line, "%q moet true of false zijn", k.Value)
	}
}

// integer decodes a whole number.
func (d *decoder) integer(k, v *yaml.Node, dst *int) {
	if v.Kind != yaml.ScalarNode || v.Decode(dst) != nil {
		d.add(v.Line, "%q moet een geheel getal zijn", k.Value)
	}
}

// text decodes a text in every language. Leading and trailing white space,
// such as the final newline of a block (|), is dropped.
func (d *decoder) text(k, v *yaml.Node, t *Text) {
	t.line = k.Line
	if v.Kind != yaml.MappingNode {
		d.add(v.Line, `%q hoort een tekst in twee talen te zijn, met daaronder de velden "nl:" en "en:"`, k.Value)
		return
	}
	lang := func(dst *string) func(k, v *yaml.Node) {
		return func(k, v *yaml.Node) {
			str(d, k.Value, v, dst)
			*dst = strings.TrimSpace(*dst)
		}
	}
	d.fields(v, strconv.Quote(k.Value), field{"nl", lang(&t.NL)}, field{"en", lang(&t.EN)})
}

// seq decodes a list, each element with decode, and records the line of the
// list. Empty elements are a problem and left out.
func seq[T any](d *decoder, k, v *yaml.Node, dst *[]T, decode func(n *yaml.Node, x *T)) {
	if v.Kind != yaml.SequenceNode {
		d.add(v.Line, `%q hoort een lijst te zijn, met elk element op een regel die begint met "- "`, k.Value)
		return
	}
	// The capacity is final, so the addresses of elements (keys in d.at)
	// stay valid.
	out := make([]T, 0, len(v.Content))
	for _, n := range v.Content {
		if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
			d.add(n.Line, "leeg element in de lijst %q", k.Value)
			continue
		}
		if n = d.value(n); n == nil {
			continue
		}
		out = append(out, *new(T))
		decode(n, &out[len(out)-1])
	}
	*dst = out
	d.at[dst] = k.Line
}

// list decodes a list of single values, such as "card/item" references.
func (d *decoder) list(k, v *yaml.Node, dst *[]string) {
	seq(d, k, v, dst, func(n *yaml.Node, s *string) {
		str(d, "elk element van "+strconv.Quote(k.Value), n, s)
	})
}

// card decodes a card file.
func (d *decoder) card(n *yaml.Node, c *Card) {
	d.fields(n, "een kaart",
		field{"id", func(k, v *yaml.Node) { str(d, k.Value, v, &c.ID) }},
		field{"title", func(k, v *yaml.Node) { d.text(k, v, &c.Title) }},
		field{"purpose", func(k, v *yaml.Node) { d.text(k, v, &c.Purpose) }},
		field{"items", func(k, v *yaml.Node) { seq(d, k, v, &c.Items, d.item) }},
		field{"readings", func(k, v *yaml.Node) { seq(d, k, v, &c.Readings, d.reading) }},
		field{"source", func(k, v *yaml.Node) { str(d, k.Value, v, &c.Source) }},
	)
}

func (d *decoder) item(n *yaml.Node, it *Item) {
	it.line = n.Line
	d.fields(n, `elk item in "items"`,
		field{"id", func(k, v *yaml.Node) { str(d, k.Value, v, &it.ID) }},
		field{"kind", func(k, v *yaml.Node) { str(d, k.Value, v, &it.Kind) }},
		field{"title", func(k, v *yaml.Node) { d.text(k, v, &it.Title) }},
		field{"text", func(k, v *yaml.Node) { d.text(k, v, &it.Text) }},
		field{"help", func(k, v *yaml.Node) { d.text(k, v, &it.Help) }},
		field{"placeholder", func(k, v *yaml.Node) { d.text(k, v, &it.Placeholder) }},
		field{"reason", func(k, v *yaml.Node) { d.text(k, v, &it.Reason) }},
		field{"options", func(k, v *yaml.Node) { seq(d, k, v, &it.Options, d.option) }},
		field{"options_from", func(k, v *yaml.Node) { str(d, k.Value, v, &it.OptionsFrom) }},
		field{"position", func(k, v *yaml.Node) {
			it.Position = &Position{}
			d.at[&it.Position] = k.Line
			d.position(v, it.Position)
		}},
		field{"see", func(k, v *yaml.Node) { d.list(k, v, &it.See) }},
		field{"role", func(k, v *yaml.Node) { str(d, k.Value, v, &it.Role) }},
		field{"recall", func(k, v *yaml.Node) { d.list(k, v, &it.Recall) }},
		field{"schemes", func(k, v *yaml.Node) { str(d, k.Value, v, &it.Schemes) }},
		field{"matches", func(k, v *yaml.Node) { d.list(k, v, &it.Matches) }},
	)
}

func (d *decoder) option(n *yaml.Node, o *Option) {
	o.line = n.Line
	d.fields(n, `elke optie in "options"`,
		field{"id", func(k, v *yaml.Node) { str(d, k.Value, v, &o.ID) }},
		field{"text", func(k, v *yaml.Node) { d.text(k, v, &o.Text) }},
		field{"help", func(k, v *yaml.Node) { d.text(k, v, &o.Help) }},
		field{"reason", func(k, v *yaml.Node) { d.text(k, v, &o.Reason) }},
		field{"closes", func(k, v *yaml.Node) { d.boolean(k, v, &o.Closes) }},
		field{"escalates", func(k, v *yaml.Node) { d.boolean(k, v, &o.Escalates) }},
		field{"more_info", func(k, v *yaml.Node) { d.boolean(k, v, &o.MoreInfo) }},
		field{"strong", func(k, v *yaml.Node) { d.boolean(k, v, &o.Strong) }},
		field{"mandate", func(k, v *yaml.Node) { str(d, k.Value, v, &o.Mandate) }},
	)
}

func (d *decoder) position(n *yaml.Node, p *Position) {
	d.fields(n, `"position"`,
		field{"groups", func(k, v *yaml.Node) { d.boolean(k, v, &p.Groups) }},
		field{"single_case", func(k, v *yaml.Node) { d.boolean(k, v, &p.SingleCase) }},
	)
}

func (d *decoder) reading(n *yaml.Node, r *Reading) {
	r.line = n.Line
	d.fields(n, `elke duiding in "readings"`,
		field{"min", func(k, v *yaml.Node) { d.integer(k, v, &r.Min) }},
		field{"strong", func(k, v *yaml.Node) { d.boolean(k, v, &r.Strong) }},
		field{"text", func(k, v *yaml.Node) { d.text(k, v, &r.Text) }},
	)
}

// flow decodes flow.yaml.
func (d *decoder) flow(n *yaml.Node, f *Flow) {
	d.fields(n, "flow.yaml",
		field{"version", func(k, v *yaml.Node) { str(d, k.Value, v, &f.Version) }},
		field{"phases", func(k, v *yaml.Node) { seq(d, k, v, &f.Phases, d.phase) }},
	)
}

func (d *decoder) phase(n *yaml.Node, p *Phase) {
	p.line = n.Line
	d.fields(n, `elke fase in "phases"`,
		field{"id", func(k, v *yaml.Node) { str(d, k.Value, v, &p.ID) }},
		field{"title", func(k, v *yaml.Node) { d.text(k, v, &p.Title) }},
		field{"steps", func(k, v *yaml.Node) { d.list(k, v, &p.Steps) }},
	)
}
