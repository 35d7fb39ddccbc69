package condition

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/internal/glob"
)

func lit(s string) glob.Token { return glob.Token{Kind: glob.Literal, Text: s} }

var (
	star  = glob.Token{Kind: glob.Star}
	quest = glob.Token{Kind: glob.Quest}
)

func TestDTemplateParse(t *testing.T) {
	rows := []struct {
		name string
		in   string
		vars bool
		code string
		has  bool
	}{
		{"D1/no-variables", "arn:aws:lambda:*:*:function:f", true, "", false},
		{"D1/variable", "f-${aws:username}", true, "", true},
		{"D1/old-version-is-literal", "f-${aws:username}", false, "", false},
		{"D1/old-version-malformed-is-literal", "f-${", false, "", false},
		{"D1/lone-dollar-is-text", "cost$5", true, "", false},
		{"D1/dollar-brace-text-after", "a$b{c}", true, "", false},
		{"D4/default", "${aws:PrincipalTag/team, 'shared'}", true, "", true},
		{"D4/default-no-space", "${aws:PrincipalTag/team,'shared'}", true, "", true},
		{"D4/default-with-brace", "${aws:PrincipalTag/team, 'a}b'}", true, "", true},
		{"D4/default-empty", "${aws:PrincipalTag/team, ''}", true, "", true},
		{"D5/specials", "${*}${?}${$}", true, "", true},
		{"D1/unterminated", "f-${aws:username", true, CodeInvalidVariable, false},
		{"D1/empty-name", "${}", true, CodeInvalidVariable, false},
		{"D1/blank-name", "${ }", true, CodeInvalidVariable, false},
		{"D1/nested", "${a${b}}", true, CodeInvalidVariable, false},
		{"D4/default-unquoted", "${k, shared}", true, CodeInvalidVariable, false},
		{"D4/default-unterminated", "${k, 'shared}", true, CodeInvalidVariable, false},
		{"D4/default-trailing-text", "${k, 'a' b}", true, CodeInvalidVariable, false},
		{"D4/default-no-closing-brace", "${k, 'a'", true, CodeInvalidVariable, false},
		{"D5/special-with-default", "${*, 'x'}", true, CodeInvalidVariable, false},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			tpl, err := ParseTemplate(r.in, r.vars)
			if diff := cmp.Diff(r.code, errCode(err)); diff != "" {
				t.Fatalf("ParseTemplate(%q) code (-want +got):\n%s", r.in, diff)
			}
			if err != nil {
				return
			}
			if diff := cmp.Diff(r.has, tpl.HasVariables()); diff != "" {
				t.Errorf("HasVariables (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(r.in, tpl.String()); diff != "" {
				t.Errorf("String (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDTemplateExpand(t *testing.T) {
	ctx := NewContext(map[string][]string{
		"aws:username":          {"alice"},
		"aws:PrincipalTag/team": {"a*b?"},
		"aws:TagKeys":           {"x"},
		"empty":                 {""},
	})
	env := &Env{Ctx: ctx}
	env.AddDefault("aws:principalaccount", "111122223333")
	rows := []struct {
		name string
		in   string
		vars bool
		want []glob.Token
		ok   bool
	}{
		{"M1/literal-text-is-globbed", "fn-*-?", true, []glob.Token{lit("fn-"), star, lit("-"), quest}, true},
		{"D1/old-version-text", "fn-${aws:username}*", false, []glob.Token{lit("fn-${aws:username}"), star}, true},
		{"D1/substituted", "fn-${aws:username}-*", true, []glob.Token{lit("fn-"), lit("alice"), lit("-"), star}, true},
		{"D1/key-any-case", "${AWS:UserName}", true, []glob.Token{lit("alice")}, true},
		{"D2/from-env-default", "${aws:PrincipalAccount}", true, []glob.Token{lit("111122223333")}, true},
		{"D2/multivalued-unresolved", "${aws:TagKeys}", true, nil, false},
		{"D3/missing-unresolved", "fn-${aws:PrincipalTag/cost}", true, nil, false},
		{"D4/default-for-missing", "fn-${aws:PrincipalTag/cost, 'c*'}", true, []glob.Token{lit("fn-"), lit("c*")}, true},
		{"D4/default-ignored-when-present", "${aws:username, 'x'}", true, []glob.Token{lit("alice")}, true},
		{"D4/default-for-multivalued", "${aws:TagKeys, 'none'}", true, []glob.Token{lit("none")}, true},
		{"D5/specials-are-literal", "${*}${?}${$}", true, []glob.Token{lit("*"), lit("?"), lit("$")}, true},
		{"D5/substituted-wildcards-are-literal", "${aws:PrincipalTag/team}", true, []glob.Token{lit("a*b?")}, true},
		{"D5/empty-value-adds-nothing", "a${empty}b", true, []glob.Token{lit("a"), lit("b")}, true},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			tpl, err := ParseTemplate(r.in, r.vars)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := tpl.Expand(env, nil)
			if diff := cmp.Diff(r.ok, ok); diff != "" {
				t.Fatalf("Expand ok (-want +got):\n%s", diff)
			}
			if !ok {
				return
			}
			if diff := cmp.Diff(r.want, got); diff != "" {
				t.Errorf("Expand (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDTemplateExpandNilEnv(t *testing.T) {
	tpl, _ := ParseTemplate("${k, 'd'}-${*}", true)
	got, ok := tpl.Expand(nil, []glob.Token{star})
	if diff := cmp.Diff([]glob.Token{star, lit("d"), lit("-"), lit("*")}, got); diff != "" || !ok {
		t.Errorf("D4/nil-env-uses-default: ok %v (-want +got):\n%s", ok, diff)
	}
	var zero Template
	got, ok = zero.Expand(nil, nil)
	if len(got) != 0 || !ok || zero.HasVariables() || zero.String() != "" {
		t.Errorf("D1/zero-template: got %v %v", got, ok)
	}
}
