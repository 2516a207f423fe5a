package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/maatwerkbot/maatwerkbot/deploy"
)

const manifestUsage = "usage: maatwerkbot manifest [--http https://PUBLIC-ADDRESS] [--distributed [--public-url https://PUBLIC-ADDRESS]]"

// manifestCmd prints the Slack app manifest to create the app from: for
// Socket Mode, or with --http for HTTP mode with the bot's public https
// address in the request URLs. The slash command is MAATWERK_COMMAND.
func manifestCmd(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("manifest", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	baseURL := fs.String("http", "", "the bot's public https address (HTTP mode)")
	distributed := fs.Bool("distributed", false, "installed through OAuth in many workspaces: redirect URL and token rotation (HTTP mode)")
	publicURL := fs.String("public-url", "", "the bot's public https address for --distributed (else --http, else MAATWERK_PUBLIC_URL)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stdout, manifestUsage)
			return nil
		}
		return fmt.Errorf("%w\n%s", err, manifestUsage)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected %q\n%s", fs.Arg(0), manifestUsage)
	}
	mode := "socket"
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "http" {
			mode = "http"
		}
	})
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	if *distributed {
		base := cmp.Or(*publicURL, *baseURL, cfg.PublicURL)
		if base == "" {
			return fmt.Errorf("--distributed: give the bot's public address (--public-url or MAATWERK_PUBLIC_URL)\n%s", manifestUsage)
		}
		m, err := deploy.DistributedManifest(cfg.Command, base)
		if err != nil {
			return err
		}
		_, err = stdout.Write(m)
		return err
	}
	if cfg.Mode == "http" && mode != "http" {
		return fmt.Errorf("MAATWERK_MODE=http: give the bot's public address\n%s", manifestUsage)
	}
	m, err := deploy.Manifest(mode, cfg.Command, *baseURL)
	if err != nil {
		return err
	}
	_, err = stdout.Write(m)
	return err
}
