package lint_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/policy"
	"github.com/lambdaiam/lambdaiam/policy/lint"
)

// TestHandBuilt checks documents that did not come from text: a nil
// document has no findings, and one built by hand gets its findings with
// pointers but no positions, in statement order.
func TestHandBuilt(t *testing.T) {
	if fs := lint.Check(nil); fs != nil {
		t.Errorf("Check(nil) = %v", fs)
	}
	doc := &policy.Document{Version: policy.Version2012, Statements: []policy.Statement{
		{Index: 0, Effect: policy.Allow, Action: []string{"lambda:Describe*"}, Resource: []string{"*"}},
		{Index: 1, Effect: policy.Allow, NotAction: []string{"iam:*"}, Resource: []string{"*"}},
	}}
	var got []string
	for _, f := range lint.Check(doc) {
		got = append(got, fmt.Sprintf("%s %s %v", f.Code, f.Pointer, f.Pos.IsValid()))
	}
	want := []string{
		"action-matches-nothing /Statement/0/Action false",
		"allow-notaction /Statement/1/NotAction false",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestMaxFindings checks that a document with more problems than
// MaxFindings gets the first MaxFindings of them, in document order.
func TestMaxFindings(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"Version": "2012-10-17", "Statement": [`)
	for i := 0; i < lint.MaxFindings+20; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"Effect": "Allow", "Action": "lambda:Nope%d", "Resource": "*"}`, i)
	}
	b.WriteString("]}")
	doc, err := policy.Parse([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	fs := lint.Check(doc)
	if len(fs) != lint.MaxFindings {
		t.Fatalf("%d findings, want %d", len(fs), lint.MaxFindings)
	}
	for i, f := range fs {
		if want := "/Statement/" + strconv.Itoa(i) + "/Action"; f.Pointer != want || f.Code != lint.CodeUnknownAction {
			t.Errorf("finding %d: %s %s, want unknown-action %s", i, f.Code, f.Pointer, want)
		}
	}
}

func TestFindingString(t *testing.T) {
	tests := []struct {
		name string
		f    lint.Finding
		want string
	}{
		{"E1/full", lint.Finding{Code: lint.CodePublicFunction, Pointer: "/Statement/0/Principal",
			Pos: policy.Position{Source: "p.json", Line: 3, Column: 7}, Msg: "m", Fix: "f"},
			"p.json:3:7: /Statement/0/Principal: warning[public-function]: m (fix: f)"},
		{"E1/no position or fix", lint.Finding{Code: lint.CodeAllowNotAction, Pointer: "/Statement/NotAction", Msg: "m"},
			"/Statement/NotAction: warning[allow-notaction]: m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}
