package bot

import (
	"html/template"
	"log/slog"
	"net/http"
)

// The pages of the install flow: Dutch first, with an English line, as
// plain HTML with no script. Everything filled in is escaped by
// html/template (a team name is what a user typed).

// pageData is what a page shows.
type pageData struct {
	Title, TitleEN string
	Text, TextEN   string
	// Link and LinkText: the one button of the page (Add to Slack, or open
	// Slack); empty for none.
	Link, LinkText string
	// AddToSlack shows Slack's official Add to Slack button.
	AddToSlack bool
}

var pageTemplate = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} – maatwerkbot</title>
<style>body{font-family:system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em;line-height:1.5;color:#1d1c1d}
.en{color:#616061}</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p lang="en" class="en"><strong>{{.TitleEN}}</strong></p>
<p>{{.Text}}</p>
<p lang="en" class="en">{{.TextEN}}</p>
{{- if .AddToSlack}}
<p><a href="{{.Link}}"><img alt="Add to Slack" height="40" width="139" src="https://platform.slack-edge.com/img/add_to_slack.png" srcset="https://platform.slack-edge.com/img/add_to_slack.png 1x, https://platform.slack-edge.com/img/add_to_slack@2x.png 2x"></a></p>
{{- else if .Link}}
<p><a href="{{.Link}}">{{.LinkText}}</a></p>
{{- end}}
</body>
</html>
`))

// writePage answers with page d and status code.
func writePage(w http.ResponseWriter, log *slog.Logger, code int, d pageData) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; img-src https://platform.slack-edge.com; style-src 'unsafe-inline'")
	w.WriteHeader(code)
	if err := pageTemplate.Execute(w, d); err != nil {
		log.Warn("write install page", "err", err)
	}
}

var (
	pageBadState = pageData{
		Title:   "Deze installatielink is verlopen of ongeldig",
		TitleEN: "This install link has expired or is not valid",
		Text:    "Er is niets geïnstalleerd. Begin opnieuw vanaf de installatiepagina.",
		TextEN:  "Nothing was installed. Start again from the install page.",
		Link:    "/slack/install", LinkText: "Opnieuw installeren / Install again",
	}
	pageCancelled = pageData{
		Title:   "Installatie geannuleerd",
		TitleEN: "Installation cancelled",
		Text:    "De app is niet aan Slack toegevoegd. U kunt het later opnieuw proberen.",
		TextEN:  "The app was not added to Slack. You can try again later.",
		Link:    "/slack/install", LinkText: "Opnieuw installeren / Install again",
	}
	pageFailed = pageData{
		Title:   "Installatie mislukt",
		TitleEN: "Installation failed",
		Text:    "Slack gaf de toegang niet vrij. Probeer het opnieuw; lukt het dan nog niet, vraag het functioneel beheer.",
		TextEN:  "Slack did not grant access. Try again; if it still fails, ask your administrator.",
		Link:    "/slack/install", LinkText: "Opnieuw installeren / Install again",
	}
)
