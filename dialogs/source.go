package dialogs

import (
	"net/url"
	"slices"
	"strings"

	"github.com/maatwerkbot/maatwerkbot/cards"
)

// titleMax is the longest title NewCase takes, in characters.
const titleMax = 150

// maxSource is the longest source link kept; a Slack permalink is about
// a hundred characters.
const maxSource = 500

// ValidSource reports whether link has the shape of a Slack message
// permalink, the only kind of source a case keeps:
// https://<workspace>.slack.com/archives/<channel id>/p<digits>, with at
// most Slack's own thread_ts and cid parameters. (GovSlack's
// slack-gov.com is Slack too.) Anything else, however it came in, is not
// stored and never shown as a link.
func ValidSource(link string) bool {
	if link == "" || len(link) > maxSource {
		return false
	}
	u, err := url.Parse(link)
	if err != nil || u.Scheme != "https" || u.User != nil || u.Opaque != "" || u.Port() != "" || u.Fragment != "" || u.RawFragment != "" {
		return false
	}
	host := u.Hostname()
	if !validHostLabels(host) || !(strings.HasSuffix(host, ".slack.com") || strings.HasSuffix(host, ".slack-gov.com")) {
		return false
	}
	parts := strings.Split(u.EscapedPath(), "/")
	if len(parts) != 4 || parts[0] != "" || parts[1] != "archives" || !isSlackID(parts[2]) {
		return false
	}
	ts, ok := strings.CutPrefix(parts[3], "p")
	if !ok || ts == "" || len(ts) > 20 || strings.Trim(ts, "0123456789") != "" {
		return false
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return false
	}
	for k := range q {
		if k != "thread_ts" && k != "cid" {
			return false
		}
	}
	return true
}

// source is link if ValidSource accepts it, else "".
func source(link string) string {
	if ValidSource(link) {
		return link
	}
	return ""
}

// validHostLabels reports whether host consists of lowercase letters,
// digits, hyphens and dots, without empty labels.
func validHostLabels(host string) bool {
	if host == "" {
		return false
	}
	for _, label := range strings.Split(host, ".") {
		if label == "" || strings.Trim(label, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
			return false
		}
	}
	return true
}

// isSlackID reports whether s looks like a Slack id: capital letters and
// digits, starting with a letter.
func isSlackID(s string) bool {
	if s == "" || len(s) > 30 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	return strings.Trim(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == ""
}

// TitleFromMessage proposes a case title from the plain text of a message
// a case is started from (Slack's markup already turned into text): on
// one line, clean (CleanText), at most 150 characters. When the text holds
// something that looks like personal data, nothing of it is proposed: the
// title is empty and found says what was seen, so the form can say why.
// Copying the rest with the finds left out is not safe, since the guard
// names kinds, not places, and reads some of them (a name with an aanhef,
// a number split around words) from the text as a whole; and the
// caseworker writes the short description in their own words anyway.
func TitleFromMessage(text string) (title string, found []PersonalData) {
	text = CleanText(text)
	line := strings.Join(strings.Fields(text), " ")
	found = FindPersonalData(text)
	for _, k := range FindPersonalData(line) {
		if !slices.Contains(found, k) {
			found = append(found, k)
		}
	}
	if len(found) > 0 {
		return "", found
	}
	return clipText(line, titleMax), nil
}

// DescribeFound names the kinds of personal data found, in lang: "een
// burgerservicenummer (BSN) en een e-mailadres".
func DescribeFound(found []PersonalData, lang cards.Lang) string {
	parts := make([]string, len(found))
	for i, f := range found {
		parts[i] = f.Describe(string(lang))
	}
	return strings.Join(parts, TextsFor(lang).And)
}
