package examples_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/lambdaiam/lambdaiam/evaluate/evaltest"
	"github.com/lambdaiam/lambdaiam/examples"
)

// TestCases runs the expectations of every example: each case file under
// examples/, with its policies read from the files the cases name.
func TestCases(t *testing.T) {
	evaltest.RunDir(t, ".")
}

// TestQuickstartEmbedded checks that the bundled quickstart is the one on
// disk.
func TestQuickstartEmbedded(t *testing.T) {
	embedded, err := examples.Quickstart.ReadFile(examples.QuickstartCases)
	if err != nil {
		t.Fatal(err)
	}
	onDisk, err := os.ReadFile(examples.QuickstartCases)
	if err != nil {
		t.Fatal(err)
	}
	if string(embedded) != string(onDisk) {
		t.Error("the embedded quickstart differs from the file")
	}
}

// policyRef finds the policy files a case file names.
var policyRef = regexp.MustCompile(`"(policies/[^"]+\.json)"`)

// TestLayout checks that each topic directory has what a reader expects: a
// README, a case file, its policies (each one used by some case) and a
// runnable example. The quickstart carries its policies inline in its
// cases, because the lambdaiam command evaluates it from the embedded
// files.
func TestLayout(t *testing.T) {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	topics := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := e.Name()
		t.Run(dir, func(t *testing.T) {
			for _, f := range []string{"README.md", "cases.jsonl", "policies"} {
				if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
					t.Errorf("missing %s", f)
				}
			}
			if dir == "quickstart" {
				return
			}
			topics++
			if _, err := os.Stat(filepath.Join(dir, "example_test.go")); err != nil {
				t.Error("missing example_test.go")
			}
			cases, err := os.ReadFile(filepath.Join(dir, "cases.jsonl"))
			if err != nil {
				t.Fatal(err)
			}
			used := map[string]bool{}
			for _, m := range policyRef.FindAllSubmatch(cases, -1) {
				used[string(m[1])] = true
			}
			files, err := filepath.Glob(filepath.Join(dir, "policies", "*.json"))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				ref := "policies/" + filepath.Base(f)
				if !used[ref] {
					t.Errorf("%s is used by no case", ref)
				}
				delete(used, ref)
			}
			for ref := range used {
				t.Errorf("the cases name %s, which does not exist", ref)
			}
		})
	}
	if topics < 5 {
		t.Errorf("%d topics, want at least 5", topics)
	}
}
