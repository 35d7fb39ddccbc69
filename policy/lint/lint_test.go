package lint_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/internal/goldenfile"
	"github.com/lambdaiam/lambdaiam/policy"
	"github.com/lambdaiam/lambdaiam/policy/lint"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/lint")

const corpus = "../../testdata/lint"

// got is what the corpus test compares: a finding's code, position and
// pointer.
type got struct {
	Code    lint.Code
	Pos     string // "line:col"
	Pointer string
}

func parseFile(t *testing.T, path string, kind policy.Kind) *policy.Document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := policy.Parse(data, policy.WithSource(filepath.Base(path)), policy.WithKind(kind))
	if err != nil {
		t.Fatalf("%s does not parse: %v", path, err)
	}
	return doc
}

func summarize(fs []lint.Finding) []got {
	var out []got
	for _, f := range fs {
		out = append(out, got{f.Code, strconv.Itoa(f.Pos.Line) + ":" + strconv.Itoa(f.Pos.Column), f.Pointer})
	}
	return out
}

// TestCorpus lints one bad-practice policy per code, testdata/lint/CODE.json,
// and its clean counterpart, CODE.clean.json: the bad one gives exactly
// the listed findings, the clean one none. The full output of the bad one
// is pinned by CODE.golden (go test ./policy/lint -update rewrites it).
func TestCorpus(t *testing.T) {
	res := policy.KindResource
	id := policy.KindIdentity
	tests := []struct {
		name string // rule/code: the code is also the file name
		kind policy.Kind
		want []got
	}{
		{"M2/unknown-service", id, []got{{lint.CodeUnknownService, "8:9", "/Statement/0/Action/0"}}},
		{"M2/unknown-action", id, []got{{lint.CodeUnknownAction, "8:9", "/Statement/0/Action/0"}}},
		{"M1/action-matches-nothing", id, []got{{lint.CodeActionMatchesNothing, "8:9", "/Statement/0/Action/0"}}},
		{"M3/wildcard-only-action", id, []got{{lint.CodeWildcardOnlyAction, "8:9", "/Statement/0/Action/0"}}},
		{"M2/allow-notaction", id, []got{{lint.CodeAllowNotAction, "7:20", "/Statement/0/NotAction"}}},
		{"F4/resource-type-mismatch", id, []got{{lint.CodeResourceTypeMismatch, "9:9", "/Statement/0/Resource/0"}}},
		{"G12/resource-type-wildcard", id, []got{{lint.CodeResourceTypeWildcard, "8:19", "/Statement/0/Resource"}}},
		{"M3/allow-notresource", id, []got{{lint.CodeAllowNotResource, "8:22", "/Statement/0/NotResource"}}},
		{"F3/unqualified-function-grant", id, []got{{lint.CodeUnqualifiedFunction, "8:19", "/Statement/0/Resource"}}},
		{"F3/function-prefix-overmatch", id, []got{{lint.CodeFunctionPrefixMatch, "8:19", "/Statement/0/Resource"}}},
		{"D2/variable-in-arn-prefix", id, []got{{lint.CodeVariableInARNPrefix, "8:19", "/Statement/0/Resource"}}},
		{"D3/resource-variable-absent", id, []got{{lint.CodeResourceVariableAbsent, "8:19", "/Statement/0/Resource"}}},
		{"D1/variable-in-old-version", id, []got{{lint.CodeVariableInOldVersion, "7:19", "/Statement/0/Resource"}}},
		{"C2/unknown-condition-key", id, []got{{lint.CodeUnknownConditionKey, "14:11", "/Statement/0/Condition/StringEquals/aws:PrincipalOrganization"}}},
		{"F4/unsupported-condition-key", id, []got{{lint.CodeUnsupportedConditionKey, "11:11", "/Statement/0/Condition/StringEquals/lambda:FunctionUrlAuthType"}}},
		{"C4/operator-type-mismatch", id, []got{
			{lint.CodeOperatorTypeMismatch, "11:11", "/Statement/0/Condition/NumericGreaterThanEquals/aws:PrincipalTag~1level"},
			{lint.CodeOperatorTypeMismatch, "14:11", "/Statement/0/Condition/DateGreaterThan/aws:SourceIp"},
		}},
		{"C5/set-operator-single-valued", id, []got{{lint.CodeSetOperatorSingleValued, "11:11", "/Statement/0/Condition/ForAllValues:StringEquals/aws:PrincipalTag~1team"}}},
		{"C5/plain-operator-multivalued", id, []got{{lint.CodePlainOperatorMultiValue, "11:11", "/Statement/0/Condition/StringEquals/aws:TagKeys"}}},
		{"C5/forallvalues-without-null", id, []got{{lint.CodeForAllValuesWithoutNull, "11:11", "/Statement/0/Condition/ForAllValues:StringLike/lambda:Layer"}}},
		{"M4/notprincipal", res, []got{{lint.CodeNotPrincipal, "8:23", "/Statement/0/NotPrincipal"}}},
		{"F6/service-principal-without-source", res, []got{{lint.CodeConfusedDeputy, "9:20", "/Statement/0/Principal/Service"}}},
		{"E7/public-function", res, []got{{lint.CodePublicFunction, "8:20", "/Statement/0/Principal"}}},
		{"E1/redundant-statement", id, []got{{lint.CodeRedundantStatement, "10:5", "/Statement/1"}}},
		{"E3/shadowed-statement", id, []got{{lint.CodeShadowedStatement, "4:5", "/Statement/0"}}},
	}
	seen := map[lint.Code]bool{}
	for _, tt := range tests {
		_, code, _ := strings.Cut(tt.name, "/")
		seen[lint.Code(code)] = true
		t.Run(tt.name, func(t *testing.T) {
			doc := parseFile(t, filepath.Join(corpus, code+".json"), tt.kind)
			fs := lint.Check(doc)
			if diff := cmp.Diff(tt.want, summarize(fs)); diff != "" {
				t.Errorf("%s.json findings (-want +got):\n%s", code, diff)
			}
			var out bytes.Buffer
			for _, f := range fs {
				out.WriteString(f.String() + "\n")
			}
			golden(t, filepath.Join(corpus, code+".golden"), out.Bytes())

			clean := parseFile(t, filepath.Join(corpus, code+".clean.json"), tt.kind)
			if diff := cmp.Diff([]got(nil), summarize(lint.Check(clean))); diff != "" {
				t.Errorf("%s.clean.json findings (-want +got):\n%s", code, diff)
			}
		})
	}
	for _, c := range lint.Codes() {
		if !seen[c] {
			t.Errorf("no corpus policy for code %s", c)
		}
	}
}

// golden compares got with the file at path, or rewrites it under -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	goldenfile.Compare(t, path, got, *update)
}

// TestManaged lints the AWS managed policies for Lambda of spec table F9,
// written out in testdata/lint/managed: lint reports nothing for them.
func TestManaged(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(corpus, "managed", "*.json"))
	if err != nil || len(files) < 19 {
		t.Fatalf("found %d managed policies (%v), want the 19 of table F9", len(files), err)
	}
	for _, f := range files {
		t.Run("F9/"+strings.TrimSuffix(filepath.Base(f), ".json"), func(t *testing.T) {
			doc := parseFile(t, f, policy.KindIdentity)
			var msgs []string
			for _, x := range lint.Check(doc) {
				msgs = append(msgs, x.String())
			}
			if diff := cmp.Diff([]string(nil), msgs); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCodes checks that the codes are unique kebab-case names and that
// the package documentation lists every one.
func TestCodes(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[lint.Code]bool{}
	for _, c := range lint.Codes() {
		if seen[c] {
			t.Errorf("code %s twice", c)
		}
		seen[c] = true
		for _, r := range string(c) {
			if !(r >= 'a' && r <= 'z' || r == '-') {
				t.Errorf("code %q is not kebab-case", c)
				break
			}
		}
		if !bytes.Contains(doc, []byte("//\t"+string(c)+" ")) {
			t.Errorf("doc.go does not list code %s", c)
		}
	}
}
