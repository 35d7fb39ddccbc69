package policy

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tidwall/gjson"
)

// corpusPolicy is one policy of a conformance case, as raw bytes (with any
// duplicate names intact) and the kind its field gives it.
type corpusPolicy struct {
	field string // "identityPolicies[0]", "resourcePolicy", ...
	kind  Kind
	raw   []byte
}

type corpusCase struct {
	file   string
	line   int
	name   string
	expect string
	pols   []corpusPolicy
}

// loadCorpus reads every case of ../testdata/conformance/*.jsonl with
// gjson, never decoding a policy into maps (that would drop duplicate
// names).
func loadCorpus(t testing.TB) []corpusCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "conformance", "*.jsonl"))
	if err != nil || len(files) == 0 {
		t.Skipf("no conformance corpus in ../testdata/conformance (%v)", err)
	}
	var out []corpusCase
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 0, 1<<20), 1<<24)
		n := 0
		for sc.Scan() {
			n++
			line := sc.Text()
			if strings.TrimSpace(line) == "" {
				continue
			}
			if !gjson.Valid(line) {
				t.Fatalf("%s:%d: not valid JSON", f, n)
			}
			c := corpusCase{file: filepath.Base(f), line: n}
			var action string
			var resource gjson.Result
			gjson.Parse(line).ForEach(func(k, v gjson.Result) bool {
				switch k.Str {
				case "name":
					c.name = v.Str
				case "expect":
					c.expect = v.Str
				case "action":
					action = v.Str
				case "identityPolicies":
					i := 0
					v.ForEach(func(_, p gjson.Result) bool {
						doc := p
						p.ForEach(func(k, v gjson.Result) bool {
							if k.Str == "document" {
								doc = v
							}
							return true
						})
						c.pols = append(c.pols, corpusPolicy{field: "identityPolicies[" + itoa(i) + "]", kind: KindIdentity, raw: []byte(doc.Raw)})
						i++
						return true
					})
				case "resourcePolicy":
					resource = v
				case "permissionsBoundary":
					c.add("permissionsBoundary", KindBoundary, v)
				case "sessionPolicy":
					c.add("sessionPolicy", KindSession, v)
				case "scps", "rcps":
					kind := KindSCP
					if k.Str == "rcps" {
						kind = KindRCP
					}
					lvl := 0
					v.ForEach(func(_, level gjson.Result) bool {
						j := 0
						level.ForEach(func(_, p gjson.Result) bool {
							c.add(k.Str+"["+itoa(lvl)+"]["+itoa(j)+"]", kind, p)
							j++
							return true
						})
						lvl++
						return true
					})
				}
				return true
			})
			kind := KindResource
			if strings.HasPrefix(strings.ToLower(action), "sts:assumerole") {
				kind = KindTrust
			}
			c.add("resourcePolicy", kind, resource)
			out = append(out, c)
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func (c *corpusCase) add(field string, kind Kind, v gjson.Result) {
	if !v.Exists() || v.Type == gjson.Null {
		return
	}
	c.pols = append(c.pols, corpusPolicy{field: field, kind: kind, raw: []byte(v.Raw)})
}

func itoa(i int) string { return string(appendInt(nil, i)) }

func appendInt(b []byte, i int) []byte {
	if i >= 10 {
		b = appendInt(b, i/10)
	}
	return append(b, byte('0'+i%10))
}

// corpusErrors names, for each "Error" case of the corpus, the policy that
// must fail and the first error it must report (code and pointer).
var corpusErrors = map[string]struct {
	field   string
	code    Code
	pointer string
}{
	"G4 Effect value is case-sensitive: lowercase allow is rejected":                         {"identityPolicies[0]", CodeInvalidEffect, "/Statement/0/Effect"},
	"G5 Action and NotAction in one statement are rejected":                                  {"identityPolicies[0]", CodeActionAndNotAction, "/Statement/0/NotAction"},
	"G5 Resource and NotResource in one statement are rejected":                              {"identityPolicies[0]", CodeResourceAndNotResource, "/Statement/0/NotResource"},
	"G5 statement without Effect is rejected":                                                {"identityPolicies[0]", CodeMissingEffect, "/Statement/0"},
	"G5 statement without Action or NotAction is rejected":                                   {"identityPolicies[0]", CodeMissingAction, "/Statement/0"},
	"G4 identity-policy statement without Resource is rejected":                              {"identityPolicies[0]", CodeMissingResource, "/Statement/0"},
	"G5 Principal in an identity policy is rejected":                                         {"identityPolicies[0]", CodePrincipalNotAllowed, "/Statement/0/Principal"},
	"G5 Principal in a permissions boundary is rejected":                                     {"permissionsBoundary", CodePrincipalNotAllowed, "/Statement/0/Principal"},
	"G5 NotPrincipal in a session policy is rejected":                                        {"sessionPolicy", CodeNotPrincipalNotAllowed, "/Statement/0/NotPrincipal"},
	"G5 function-policy statement without Principal is rejected":                             {"resourcePolicy", CodeMissingPrincipal, "/Statement/0"},
	"G5 NotPrincipal with Allow is rejected":                                                 {"resourcePolicy", CodeNotPrincipalWithAllow, "/Statement/0/NotPrincipal"},
	"G5 Principal and NotPrincipal in one statement are rejected":                            {"resourcePolicy", CodePrincipalAndNotPrincipal, "/Statement/0/NotPrincipal"},
	"G9 duplicate Effect keys are rejected even though a last-wins decoder would read Allow": {"identityPolicies[0]", CodeDuplicateKey, "/Statement/0/Effect"},
	"G9 two StringEquals blocks in one Condition are rejected":                               {"identityPolicies[0]", CodeDuplicateKey, "/Statement/0/Condition/StringEquals"},
	"G2 unknown Version value is rejected":                                                   {"identityPolicies[0]", CodeInvalidVersion, "/Version"},
	"G8 lower-case element name effect is rejected":                                          {"identityPolicies[0]", CodeMissingEffect, "/Statement/0"},
	"G8 lower-case condition operator stringEquals is rejected":                              {"identityPolicies[0]", CodeUnknownOperator, "/Statement/0/Condition/stringEquals"},
	"C4 unknown condition operator StringEqualz is rejected":                                 {"identityPolicies[0]", CodeUnknownOperator, "/Statement/0/Condition/StringEqualz"},
	"C4 NumericLessThan with a non-numeric policy value is rejected":                         {"identityPolicies[0]", CodeInvalidConditionValue, "/Statement/0/Condition/NumericLessThan/aws:MultiFactorAuthAge"},
	"C4 IpAddress with a /33 IPv4 prefix is rejected":                                        {"identityPolicies[0]", CodeInvalidConditionValue, "/Statement/0/Condition/IpAddress/aws:SourceIp"},
	"C4 NullIfExists does not exist and is rejected":                                         {"identityPolicies[0]", CodeUnknownOperator, "/Statement/0/Condition/NullIfExists"},
	"C5 set prefix other than ForAllValues or ForAnyValue is rejected":                       {"identityPolicies[0]", CodeUnknownOperator, "/Statement/0/Condition/ForSomeValues:StringEquals"},
	"G1 policy without Statement is rejected":                                                {"identityPolicies[0]", CodeMissingStatement, ""},
	"G11 policy text with a character above U+00FF is rejected":                              {"identityPolicies[0]", CodeInvalidCharacter, ""},
	"G6 IAM identity-policy Sid with a hyphen is rejected":                                   {"identityPolicies[0]", CodeInvalidSid, "/Statement/0/Sid"},
	"G3 empty Statement array is rejected":                                                   {"identityPolicies[0]", CodeEmptyStatement, "/Statement"},
}

// TestConformance parses every policy of the conformance corpus with the
// kind of its field: the policies of cases expecting a decision must parse
// cleanly; each case expecting "Error" must have a policy that fails with
// the error listed in corpusErrors.
func TestConformance(t *testing.T) {
	cases := loadCorpus(t)
	var nPolicies, nClean, nError int
	used := map[string]bool{}
	for _, c := range cases {
		t.Run(strings.TrimSuffix(c.file, ".jsonl")+"/"+c.name, func(t *testing.T) {
			if c.expect != "Error" {
				for _, p := range c.pols {
					nPolicies++
					if _, err := Parse(p.raw, WithKind(p.kind), WithSource(p.field)); err != nil {
						t.Errorf("%s:%d: %s (%s) must parse:\n%v", c.file, c.line, p.field, p.kind, err)
						continue
					}
					nClean++
				}
				return
			}
			want, ok := corpusErrors[c.name]
			if !ok {
				t.Fatalf("%s:%d: no expected error listed for this Error case; add it to corpusErrors", c.file, c.line)
			}
			used[c.name] = true
			type result struct {
				Field   string
				Code    Code
				Pointer string
			}
			var got []result
			for _, p := range c.pols {
				nPolicies++
				_, err := Parse(p.raw, WithKind(p.kind), WithSource(p.field))
				var list ErrorList
				if errors.As(err, &list) {
					got = append(got, result{p.field, list[0].Code, list[0].Pointer})
					if !list[0].Pos.IsValid() || list[0].Pos.Offset > len(p.raw) {
						t.Errorf("%s: error position %+v outside the policy", p.field, list[0].Pos)
					}
				}
			}
			if diff := cmp.Diff([]result{{want.field, want.code, want.pointer}}, got); diff != "" {
				t.Errorf("%s:%d: failing policies (-want +got):\n%s", c.file, c.line, diff)
			} else {
				nError++
			}
		})
	}
	for name := range corpusErrors {
		if !used[name] {
			t.Errorf("corpusErrors lists %q, which is not an Error case of the corpus", name)
		}
	}
	t.Logf("%d cases: %d policies, %d parsed cleanly, %d Error cases rejected as expected", len(cases), nPolicies, nClean, nError)
}
