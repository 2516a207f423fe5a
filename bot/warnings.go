package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"github.com/slack-go/slack"

	"github.com/maatwerkbot/maatwerkbot/bot/internal/render"
	"github.com/maatwerkbot/maatwerkbot/dialogs"
	"github.com/maatwerkbot/maatwerkbot/dialogs/record"
)

// The decision's form when the engine warns before recording it
// (dialogs.Warnings): the same form back with the warnings, to go on or
// change the motivering (see also warnedChangeForm in change.go).

// warnedForm is the answer to a decision's form whose submission has
// warnings: the same form again with the warnings above the motivering as
// typed, and in its metadata what was warned about, so that submitting the
// same motivering again records the decision despite them. A changed
// motivering is checked again. Nil when the case cannot be read (the
// caller then shows the warnings as a field error).
func (b *Bot) warnedForm(ctx context.Context, m render.Meta, text string, warnings []dialogs.Warning) *slack.ViewSubmissionResponse {
	c, err := b.store.Case(ctx, m.CaseID)
	if err != nil {
		b.log.Error("warned form: read case", "case", record.FormatKey(m.CaseID), "err", err)
		return nil
	}
	p, ok := b.engine.Prompt(c)
	if !ok {
		return nil
	}
	m.Warned = nil
	for _, w := range warnings {
		m.Warned = append(m.Warned, string(w.Kind))
	}
	m.WarnedKey = motiveringKey(text)
	view := b.render.WarnedAnswerModal(c, p, m.Choice, m, warnings, dialogs.CleanText(text))
	return slack.NewUpdateViewSubmissionResponse(&view)
}

// motiveringKey identifies a motivering as the engine reads it (cleaned),
// without carrying its text in the form's metadata.
func motiveringKey(text string) string {
	sum := sha256.Sum256([]byte(dialogs.CleanText(text)))
	return hex.EncodeToString(sum[:12])
}
