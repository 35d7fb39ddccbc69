package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestREADMECommands runs every lambdaiam command shown in the README's sh
// blocks, from the repository root, and checks its exit status (0, or the
// N of a trailing "# exit N" comment). Every line of the README's text
// blocks must appear in the output of one of those commands: the README
// shows what the commands really print.
func TestREADMECommands(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir("../.."); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)

	var outputs []string
	var texts []string
	commands := 0
	for _, block := range fencedBlocks(string(readme)) {
		switch block.lang {
		case "text":
			texts = append(texts, block.body)
		case "sh":
			for _, line := range strings.Split(block.body, "\n") {
				rest, ok := strings.CutPrefix(strings.TrimSpace(line), "go run ./cmd/lambdaiam")
				if !ok {
					continue
				}
				want := 0
				if i := strings.Index(rest, "#"); i >= 0 {
					if n, ok := strings.CutPrefix(strings.TrimSpace(rest[i+1:]), "exit "); ok {
						want, _ = strconv.Atoi(n)
					}
					rest = rest[:i]
				}
				args := shellWords(t, rest)
				var stdout, stderr bytes.Buffer
				got := run(args, strings.NewReader(""), &stdout, &stderr)
				if got != want {
					t.Errorf("lambdaiam %s: exit %d, want %d\n%s%s", strings.Join(args, " "), got, want, stdout.String(), stderr.String())
				}
				outputs = append(outputs, stdout.String())
				commands++
			}
		}
	}
	t.Logf("%d commands, %d text blocks", commands, len(texts))
	if commands < 6 {
		t.Fatalf("found only %d lambdaiam commands in the README", commands)
	}
	all := strings.Join(outputs, "\n")
	for _, text := range texts {
		for _, line := range strings.Split(text, "\n") {
			line = strings.TrimRight(line, " ")
			if line != "" && !strings.Contains(all, line) {
				t.Errorf("README shows output no command prints:\n%s", line)
			}
		}
	}
}

type fenced struct{ lang, body string }

// fencedBlocks returns the README's fenced code blocks in order.
func fencedBlocks(md string) []fenced {
	var out []fenced
	lines := strings.Split(md, "\n")
	for i := 0; i < len(lines); i++ {
		lang, ok := strings.CutPrefix(lines[i], "```")
		if !ok || lang == "" {
			continue
		}
		var body []string
		for i++; i < len(lines) && !strings.HasPrefix(lines[i], "```"); i++ {
			body = append(body, lines[i])
		}
		out = append(out, fenced{lang, strings.Join(body, "\n")})
	}
	return out
}

// shellWords splits a command line as sh would for the README's simple
// commands: single quotes, and * globs expanded against the file system.
func shellWords(t *testing.T, s string) []string {
	var words []string
	for _, f := range strings.Fields(s) {
		if strings.HasPrefix(f, "'") && strings.HasSuffix(f, "'") && len(f) >= 2 {
			words = append(words, f[1:len(f)-1])
			continue
		}
		if strings.Contains(f, "*") {
			matches, err := filepath.Glob(f)
			if err != nil || len(matches) == 0 {
				t.Fatalf("README glob %q matches nothing", f)
			}
			words = append(words, matches...)
			continue
		}
		words = append(words, f)
	}
	return words
}
