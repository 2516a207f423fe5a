package fakeslack

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// Block Kit limits the fake enforces (see the Block Kit table in the design notes on Slack).
const (
	maxMessageBlocks = 50
	maxViewBlocks    = 100
	// MaxBlocksJSON is the longest blocks argument of a message, in characters of compact JSON, that the fake
	// accepts; longer ones get msg_blocks_too_long. Slack has been seen to refuse about 12–13k characters of
	// blocks even within the per-block limits, so the fake takes the lower bound.
	MaxBlocksJSON = 12_000
)

// messageBlocks returns the blocks argument of a message as compact JSON, or nil when it is absent or
// empty, checking it as Slack does: invalid_blocks (with Slack-style messages) or msg_blocks_too_long.
func messageBlocks(params map[string]string) (json.RawMessage, *slackError) {
	raw := params["blocks"]
	if raw == "" {
		return nil, nil
	}
	var blocks []any
	if err := json.Unmarshal([]byte(raw), &blocks); err != nil || blocks == nil {
		return nil, errorf("invalid_blocks", "[ERROR] blocks must be a JSON array of objects [json-pointer:/blocks]")
	}
	c := &checker{}
	if len(blocks) > maxMessageBlocks {
		c.errorf("/blocks", "no more than %d items allowed", maxMessageBlocks)
	}
	c.checkBlocks(blocks, "/blocks")
	if len(c.messages) > 0 {
		return nil, errorf("invalid_blocks", c.messages...)
	}
	if len(blocks) == 0 {
		return nil, nil
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, []byte(raw)); err != nil {
		return nil, errorf("invalid_blocks", "[ERROR] "+err.Error())
	}
	if utf8.RuneCount(buf.Bytes()) > MaxBlocksJSON {
		return nil, errorf("msg_blocks_too_long")
	}
	return buf.Bytes(), nil
}

// checker collects Block Kit errors as Slack words them in response_metadata.messages.
type checker struct {
	messages []string
}

func (c *checker) errorf(pointer, format string, args ...any) {
	c.messages = append(c.messages, fmt.Sprintf("[ERROR] %s [json-pointer:%s]", fmt.Sprintf(format, args...), pointer))
}

// maxLen checks that the string field key of obj, if present, is at most max characters.
func (c *checker) maxLen(obj map[string]any, key, pointer string, max int) {
	v, ok := obj[key]
	if !ok {
		return
	}
	s, ok := v.(string)
	switch {
	case !ok:
		c.errorf(pointer+"/"+key, "must be a string")
	case utf8.RuneCountInString(s) > max:
		c.errorf(pointer+"/"+key, "must be less than %d characters", max+1)
	}
}

// count checks that the array field key of obj has between min and max items; it returns the items.
func (c *checker) count(obj map[string]any, key, pointer string, min, max int, required bool) []any {
	v, ok := obj[key]
	if !ok {
		if required {
			c.errorf(pointer, "missing required field: %s", key)
		}
		return nil
	}
	items, ok := v.([]any)
	switch {
	case !ok:
		c.errorf(pointer+"/"+key, "must be an array")
	case len(items) < min:
		c.errorf(pointer+"/"+key, "must provide at least %d items", min)
	case len(items) > max:
		c.errorf(pointer+"/"+key, "no more than %d items allowed", max)
	}
	return items
}

// text checks the text object in field key of obj.
func (c *checker) text(obj map[string]any, key, pointer string, max int, plainOnly, required bool) {
	v, ok := obj[key]
	if !ok {
		if required {
			c.errorf(pointer, "missing required field: %s", key)
		}
		return
	}
	c.textObject(v, pointer+"/"+key, max, plainOnly)
}

// textObject checks a text object: its type, and a text of 1 to max characters.
func (c *checker) textObject(v any, pointer string, max int, plainOnly bool) {
	t, ok := v.(map[string]any)
	if !ok {
		c.errorf(pointer, "must be an object")
		return
	}
	switch typ, _ := t["type"].(string); {
	case plainOnly && typ != "plain_text":
		c.errorf(pointer+"/type", "must be plain_text")
	case typ != "plain_text" && typ != "mrkdwn":
		c.errorf(pointer+"/type", "must be one of plain_text, mrkdwn")
	}
	s, ok := t["text"].(string)
	switch n := utf8.RuneCountInString(s); {
	case !ok:
		c.errorf(pointer, "missing required field: text")
	case n == 0:
		c.errorf(pointer+"/text", "must be more than 0 characters")
	case n > max:
		c.errorf(pointer+"/text", "must be less than %d characters", max+1)
	}
}

// checkBlocks checks each of a list of blocks and the uniqueness of their block_ids.
func (c *checker) checkBlocks(blocks []any, pointer string) {
	ids := map[string]bool{}
	for i, b := range blocks {
		p := fmt.Sprintf("%s/%d", pointer, i)
		block, ok := b.(map[string]any)
		if !ok {
			c.errorf(p, "must be an object")
			continue
		}
		if id, ok := block["block_id"].(string); ok {
			if ids[id] {
				c.errorf(p+"/block_id", "duplicate block_id %q", id)
			}
			ids[id] = true
		}
		c.maxLen(block, "block_id", p, 255)
		c.checkBlock(block, p)
	}
}

// checkBlock checks one block by its type; types the fake does not know pass.
func (c *checker) checkBlock(block map[string]any, p string) {
	typ, _ := block["type"].(string)
	switch typ {
	case "":
		c.errorf(p, "missing required field: type")
	case "section":
		_, hasText := block["text"]
		_, hasFields := block["fields"]
		if !hasText && !hasFields {
			c.errorf(p, "must provide either text or fields")
		}
		c.text(block, "text", p, 3000, false, false)
		for i, field := range c.count(block, "fields", p, 1, 10, false) {
			c.textObject(field, fmt.Sprintf("%s/fields/%d", p, i), 2000, false)
		}
		if acc, ok := block["accessory"].(map[string]any); ok {
			c.checkElement(acc, p+"/accessory")
		}
	case "header":
		c.text(block, "text", p, 150, true, true)
	case "context":
		for i, el := range c.count(block, "elements", p, 1, 10, true) {
			ep := fmt.Sprintf("%s/elements/%d", p, i)
			obj, ok := el.(map[string]any)
			if !ok {
				c.errorf(ep, "must be an object")
				continue
			}
			if obj["type"] == "image" {
				c.checkElement(obj, ep)
				continue
			}
			c.textObject(obj, ep, 3000, false)
		}
	case "actions":
		actionIDs := map[string]bool{}
		for i, el := range c.count(block, "elements", p, 1, 25, true) {
			ep := fmt.Sprintf("%s/elements/%d", p, i)
			obj, ok := el.(map[string]any)
			if !ok {
				c.errorf(ep, "must be an object")
				continue
			}
			if id, ok := obj["action_id"].(string); ok {
				if actionIDs[id] {
					c.errorf(ep+"/action_id", "duplicate action_id %q", id)
				}
				actionIDs[id] = true
			}
			c.checkElement(obj, ep)
		}
	case "input":
		c.text(block, "label", p, 2000, true, true)
		c.text(block, "hint", p, 2000, true, false)
		el, ok := block["element"].(map[string]any)
		if !ok {
			c.errorf(p, "missing required field: element")
			return
		}
		c.checkElement(el, p+"/element")
	case "image":
		c.image(block, p)
		c.text(block, "title", p, 2000, true, false)
	}
}

// image checks an image block or element.
func (c *checker) image(obj map[string]any, p string) {
	_, hasURL := obj["image_url"]
	_, hasFile := obj["slack_file"]
	if !hasURL && !hasFile {
		c.errorf(p, "must provide either image_url or slack_file")
	}
	c.maxLen(obj, "image_url", p, 3000)
	if _, ok := obj["alt_text"]; !ok {
		c.errorf(p, "missing required field: alt_text")
	}
	c.maxLen(obj, "alt_text", p, 2000)
}

// checkElement checks an interactive or image element by its type; types the fake does not know pass.
func (c *checker) checkElement(el map[string]any, p string) {
	c.maxLen(el, "action_id", p, 255)
	if confirm, ok := el["confirm"].(map[string]any); ok {
		cp := p + "/confirm"
		c.text(confirm, "title", cp, 100, true, true)
		c.text(confirm, "text", cp, 300, false, true)
		c.text(confirm, "confirm", cp, 30, true, true)
		c.text(confirm, "deny", cp, 30, true, true)
	}
	typ, _ := el["type"].(string)
	switch typ {
	case "":
		c.errorf(p, "missing required field: type")
	case "button":
		c.text(el, "text", p, 75, true, true)
		c.maxLen(el, "value", p, 2000)
		c.maxLen(el, "url", p, 3000)
		if style, ok := el["style"]; ok && style != "primary" && style != "danger" {
			c.errorf(p+"/style", "must be one of primary, danger")
		}
	case "static_select", "multi_static_select":
		c.text(el, "placeholder", p, 150, true, false)
		_, hasGroups := el["option_groups"]
		if hasGroups {
			for i, g := range c.count(el, "option_groups", p, 1, 100, true) {
				group, _ := g.(map[string]any)
				gp := fmt.Sprintf("%s/option_groups/%d", p, i)
				c.text(group, "label", gp, 75, true, true)
				c.options(group, gp, 1, 100, true)
			}
			return
		}
		c.options(el, p, 1, 100, true)
	case "overflow":
		c.options(el, p, 2, 5, true)
	case "radio_buttons", "checkboxes":
		c.options(el, p, 1, 10, false)
	case "plain_text_input":
		c.text(el, "placeholder", p, 150, true, false)
		c.number(el, "max_length", p, 1, 3000)
		c.number(el, "min_length", p, 0, 3000)
	case "users_select", "multi_users_select", "conversations_select", "multi_conversations_select",
		"channels_select", "multi_channels_select", "external_select", "multi_external_select",
		"datepicker", "timepicker", "email_text_input", "url_text_input", "number_input":
		c.text(el, "placeholder", p, 150, true, false)
	case "image":
		c.image(el, p)
	}
}

// options checks the options of a select, overflow, radio buttons or checkboxes element.
func (c *checker) options(el map[string]any, p string, min, max int, plainOnly bool) {
	for i, o := range c.count(el, "options", p, min, max, true) {
		op := fmt.Sprintf("%s/options/%d", p, i)
		opt, ok := o.(map[string]any)
		if !ok {
			c.errorf(op, "must be an object")
			continue
		}
		c.text(opt, "text", op, 75, plainOnly, true)
		c.text(opt, "description", op, 75, plainOnly, false)
		if _, ok := opt["value"]; !ok {
			c.errorf(op, "missing required field: value")
		}
		c.maxLen(opt, "value", op, 150)
	}
}

// number checks that the numeric field key of obj, if present, lies within [min, max].
func (c *checker) number(obj map[string]any, key, p string, min, max float64) {
	v, ok := obj[key]
	if !ok {
		return
	}
	n, ok := v.(float64)
	if !ok || n < min || n > max {
		c.errorf(p+"/"+key, "must be a number from %v to %v", min, max)
	}
}

// checkView checks a modal or Home tab view; wantType is "modal", "home" or "" for either.
func (c *checker) checkView(v map[string]any, wantType string) {
	const p = "/view"
	typ, _ := v["type"].(string)
	switch {
	case typ == "":
		c.errorf(p, "missing required field: type")
		return
	case typ != "modal" && typ != "home":
		c.errorf(p+"/type", "must be one of modal, home")
		return
	case wantType != "" && typ != wantType:
		c.errorf(p+"/type", "must be %s", wantType)
		return
	}
	blocks := c.count(v, "blocks", p, 0, maxViewBlocks, true)
	c.checkBlocks(blocks, p+"/blocks")
	c.maxLen(v, "private_metadata", p, 3000)
	c.maxLen(v, "callback_id", p, 255)
	c.maxLen(v, "external_id", p, 255)
	if typ != "modal" {
		return
	}
	c.text(v, "title", p, 24, true, true)
	c.text(v, "submit", p, 24, true, false)
	c.text(v, "close", p, 24, true, false)
	if _, hasSubmit := v["submit"]; !hasSubmit {
		for _, b := range blocks {
			if block, ok := b.(map[string]any); ok && block["type"] == "input" {
				c.errorf(p, "must provide a submit property when using input blocks")
				break
			}
		}
	}
}
