package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/lambdaiam/lambdaiam/internal/caseload"
)

// TestEvalConformance runs every conformance case through the command,
// as `lambdaiam eval --jsonl FILE`, and checks each result line against the
// case's expect: a decision, or an error for "Error" cases.
func TestEvalConformance(t *testing.T) {
	files, err := filepath.Glob("../../testdata/conformance/*.jsonl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no conformance files: %v", err)
	}
	total := 0
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := readLimited(file)
			if err != nil {
				t.Fatal(err)
			}
			var expects []string
			for _, line := range bytes.Split(data, []byte{'\n'}) {
				if len(bytes.TrimSpace(line)) > 0 {
					expects = append(expects, gjson.GetBytes(line, "expect").Str)
				}
			}
			var stdout, stderr bytes.Buffer
			if code := run([]string{"eval", "--jsonl", file}, nil, &stdout, &stderr); code != 0 {
				t.Fatalf("exit status %d: %s", code, stderr.String())
			}
			sc := bufio.NewScanner(&stdout)
			sc.Buffer(nil, 1<<20)
			i := 0
			for sc.Scan() {
				var out caseload.Output
				if err := json.Unmarshal(sc.Bytes(), &out); err != nil {
					t.Fatalf("line %d: %v", i+1, err)
				}
				if i >= len(expects) {
					t.Fatalf("more results than cases")
				}
				got := out.Decision
				if out.Error != nil {
					got = "Error"
				}
				if got != expects[i] {
					msg := ""
					if out.Error != nil {
						msg = *out.Error
					}
					t.Errorf("%s: got %s, want %s %s", out.Name, got, expects[i], msg)
				}
				i++
			}
			if i != len(expects) {
				t.Errorf("%d results for %d cases", i, len(expects))
			}
			total += i
		})
	}
	if total < 246 {
		t.Errorf("only %d conformance cases ran; the shared corpus has 246", total)
	}
}

// TestEvalBundled runs `lambdaiam eval` with no argument: it must explain
// the bundled example without reading standard input. The text is pinned by
// a golden file.
func TestEvalBundled(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"eval"}, strings.NewReader("must not be read"), &stdout, &stderr); code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr.String())
	}
	if got := strings.Count(stdout.String(), "(as expected)"); got != 3 {
		t.Errorf("%d cases decided as expected, want 3:\n%s", got, stdout.String())
	}
	golden(t, "eval-bundled.golden", stdout.Bytes())
}

// TestEvalOutputs checks the three output forms and standard input.
func TestEvalOutputs(t *testing.T) {
	file := "../../examples/quickstart/cases.jsonl"
	var arr bytes.Buffer
	if code := run([]string{"eval", "--json", file}, nil, &arr, &bytes.Buffer{}); code != 0 {
		t.Fatalf("--json: exit %d", code)
	}

	// Standard input gives what the file gives (the cases hold their
	// policies inline: references from standard input resolve against the
	// working directory).
	inline := "../../testdata/conformance/matching.jsonl"
	data, err := readLimited(inline)
	if err != nil {
		t.Fatal(err)
	}
	var jsonl, stdin bytes.Buffer
	if code := run([]string{"eval", "--jsonl", inline}, nil, &jsonl, &bytes.Buffer{}); code != 0 {
		t.Fatalf("--jsonl: exit %d", code)
	}
	if code := run([]string{"eval", "--jsonl", "-"}, bytes.NewReader(data), &stdin, &bytes.Buffer{}); code != 0 {
		t.Fatalf("stdin: exit %d", code)
	}
	if diff := cmpDiff(jsonl.String(), strings.ReplaceAll(stdin.String(), "<stdin>", inline)); diff != "" {
		t.Errorf("standard input differs from the file (-file +stdin):\n%s", diff)
	}
	var fromArray []caseload.Output
	if err := json.Unmarshal(arr.Bytes(), &fromArray); err != nil {
		t.Fatal(err)
	}
	var decisions []string
	for _, o := range fromArray {
		decisions = append(decisions, o.Decision)
	}
	if diff := cmpDiff("Allow ImplicitDeny ExplicitDeny", strings.Join(decisions, " ")); diff != "" {
		t.Errorf("decisions (-want +got):\n%s", diff)
	}

	var out, errOut bytes.Buffer
	if code := run([]string{"eval", "--fail-on-deny", file}, nil, &out, &errOut); code != 1 {
		t.Errorf("--fail-on-deny with denied cases: exit %d, want 1", code)
	}
	if code := run([]string{"eval", "--json", "--jsonl", file}, nil, &out, &errOut); code != 2 {
		t.Errorf("--json with --jsonl: exit %d, want 2", code)
	}
}

// TestEvalBadInput checks that unusable input exits 2 with a message that
// names the file and the position.
func TestEvalBadInput(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, text, want string
	}{
		{"not JSON", "{\"name\": \n", "bad.jsonl"},
		{"policy error in a case that expects a decision",
			`{"name":"x","principal":"arn:aws:iam::111122223333:user/a","action":"lambda:GetFunction","resource":"arn:aws:lambda:us-east-1:111122223333:function:f","identityPolicies":[{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"lambda:*","Resource":"*"}]}],"expect":"Allow"}` + "\n",
			"bad.jsonl:1:219: /identityPolicies/0/Statement/0/Effect:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, "bad.jsonl")
			writeFile(t, path, tt.text)
			var stdout, stderr bytes.Buffer
			code := run([]string{"eval", path}, nil, &stdout, &stderr)
			if code != 2 {
				t.Errorf("exit status %d, want 2", code)
			}
			if all := stdout.String() + stderr.String(); !strings.Contains(all, tt.want) {
				t.Errorf("output does not name %q:\n%s", tt.want, all)
			}
		})
	}
}

// TestEvalFormatAndColor checks --format and that color is used only on a
// terminal and never with NO_COLOR set.
func TestEvalFormatAndColor(t *testing.T) {
	file := "../../testdata/conformance/matching.jsonl"
	var viaFlag, viaFormat bytes.Buffer
	if code := run([]string{"eval", "--json", file}, nil, &viaFlag, &bytes.Buffer{}); code != 0 {
		t.Fatalf("--json: exit %d", code)
	}
	if code := run([]string{"eval", "--format", "json", file}, nil, &viaFormat, &bytes.Buffer{}); code != 0 {
		t.Fatalf("--format json: exit %d", code)
	}
	if diff := cmpDiff(viaFlag.String(), viaFormat.String()); diff != "" {
		t.Errorf("--format json differs from --json (-json +format):\n%s", diff)
	}
	if code := run([]string{"eval", "--format", "xml", file}, nil, &bytes.Buffer{}, &bytes.Buffer{}); code != 2 {
		t.Errorf("--format xml: exit %d, want 2", code)
	}
	var text bytes.Buffer
	if code := run([]string{"eval", file}, nil, &text, &bytes.Buffer{}); code != 0 {
		t.Fatalf("text: exit %d", code)
	}
	if strings.Contains(text.String(), "\x1b[") {
		t.Errorf("color written to a buffer, which is not a terminal")
	}
	if useColor(&bytes.Buffer{}) {
		t.Errorf("useColor(buffer) = true")
	}
	t.Setenv("NO_COLOR", "")
	if useColor(os.Stdout) {
		t.Errorf("useColor with NO_COLOR set = true")
	}
	if got := paint(true, "32", "Allow"); got != "\x1b[32mAllow\x1b[0m" {
		t.Errorf("paint = %q", got)
	}
	if got := paint(false, "32", "Allow"); got != "Allow" {
		t.Errorf("paint without color = %q", got)
	}
}
