package catalog_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/policy"
)

// These tests check that package evaluate takes its defaults from the
// catalog: wildcard-only actions (M3.4) in every catalogued service, the
// multivalued keys (C5) and the RCP-supported services (E3 step 2), and
// that the caller's options still override them.

const (
	evUser = "arn:aws:iam::111122223333:user/priya"
	evAcct = "111122223333"
)

func mustDoc(t *testing.T, kind policy.Kind, stmt string) *policy.Document {
	t.Helper()
	d, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[`+stmt+`]}`), policy.WithKind(kind))
	if err != nil {
		t.Fatalf("policy: %v", err)
	}
	return d
}

func TestEvaluateUsesCatalog(t *testing.T) {
	subnets := "arn:aws:ec2:us-east-1:111122223333:subnet/*"
	table := "arn:aws:dynamodb:us-east-1:111122223333:table/users"
	leading := func(op string) string {
		return `{"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"` + table + `","Condition":{"` + op + `":{"dynamodb:LeadingKeys":"u1"}}}`
	}
	rcpDeny := `{"Effect":"Deny","Principal":"*","Action":["xray:*","lambda:*"],"Resource":"*"}`
	tests := []struct {
		name     string
		identity string
		rcp      string
		req      evaluate.Request
		opts     []evaluate.Option
		want     evaluate.Decision
	}{
		{name: "M3.4/ec2-describe-needs-literal-star",
			identity: `{"Effect":"Allow","Action":"ec2:Describe*","Resource":"` + subnets + `"}`,
			req:      evaluate.Request{Principal: evUser, Action: "ec2:DescribeSubnets", Resource: subnets[:len(subnets)-1] + "subnet-1"},
			want:     evaluate.ImplicitDeny},
		{name: "M3.4/ec2-describe-granted-by-star",
			identity: `{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}`,
			req:      evaluate.Request{Principal: evUser, Action: "ec2:DescribeSubnets", Resource: "*"},
			want:     evaluate.Allow},
		{name: "M3.4/caller-table-overrides-catalog",
			identity: `{"Effect":"Allow","Action":"ec2:Describe*","Resource":"` + subnets + `"}`,
			req:      evaluate.Request{Principal: evUser, Action: "ec2:DescribeSubnets", Resource: subnets[:len(subnets)-1] + "subnet-1"},
			opts:     []evaluate.Option{evaluate.WithWildcardOnlyActions(func(string) bool { return false })},
			want:     evaluate.Allow},
		{name: "M3.4/lambda-list-functions-still-star-only",
			identity: `{"Effect":"Allow","Action":"lambda:List*","Resource":"arn:aws:lambda:*:*:*"}`,
			req:      evaluate.Request{Principal: evUser, Action: "lambda:ListFunctions", Resource: "*", ResourceAccount: evAcct},
			want:     evaluate.ImplicitDeny},
		{name: "C5/catalog-multivalued-key-plain-operator-no-match",
			identity: leading("StringEquals"),
			req: evaluate.Request{Principal: evUser, Action: "dynamodb:GetItem", Resource: table,
				Context: condition.NewContext(map[string][]string{"dynamodb:LeadingKeys": {"u1"}})},
			want: evaluate.ImplicitDeny},
		{name: "C5/catalog-multivalued-key-for-any-value",
			identity: leading("ForAnyValue:StringEquals"),
			req: evaluate.Request{Principal: evUser, Action: "dynamodb:GetItem", Resource: table,
				Context: condition.NewContext(map[string][]string{"dynamodb:LeadingKeys": {"u1"}})},
			want: evaluate.Allow},
		{name: "C5/caller-multivalued-overrides-catalog",
			identity: leading("StringEquals"),
			req: evaluate.Request{Principal: evUser, Action: "dynamodb:GetItem", Resource: table,
				Context: condition.NewContext(map[string][]string{"dynamodb:LeadingKeys": {"u1"}})},
			opts: []evaluate.Option{evaluate.WithConditionOptions(condition.Options{Multivalued: func(string) bool { return false }})},
			want: evaluate.Allow},
		{name: "C5/tag-key-single-valued",
			identity: `{"Effect":"Allow","Action":"lambda:TagResource","Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/team":"blue"}}}`,
			req: evaluate.Request{Principal: evUser, Action: "lambda:TagResource", Resource: "arn:aws:lambda:us-east-1:111122223333:function:f",
				Context: condition.NewContext(map[string][]string{"aws:RequestTag/team": {"blue"}})},
			want: evaluate.Allow},
		{name: "E3/rcp-applies-to-catalog-rcp-service",
			identity: `{"Effect":"Allow","Action":"xray:*","Resource":"*"}`, rcp: rcpDeny,
			req:  evaluate.Request{Principal: evUser, Action: "xray:PutTraceSegments", Resource: "*"},
			want: evaluate.ExplicitDeny},
		{name: "E3/rcp-skips-lambda",
			identity: `{"Effect":"Allow","Action":"lambda:*","Resource":"*"}`, rcp: rcpDeny,
			req:  evaluate.Request{Principal: evUser, Action: "lambda:InvokeFunction", Resource: "arn:aws:lambda:us-east-1:111122223333:function:f"},
			want: evaluate.Allow},
		{name: "E3/caller-rcp-services-override-catalog",
			identity: `{"Effect":"Allow","Action":"xray:*","Resource":"*"}`, rcp: rcpDeny,
			req:  evaluate.Request{Principal: evUser, Action: "xray:PutTraceSegments", Resource: "*"},
			opts: []evaluate.Option{evaluate.WithRCPServices()},
			want: evaluate.Allow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := evaluate.Policies{Identity: []evaluate.Named{{Name: "identity", Doc: mustDoc(t, policy.KindIdentity, tt.identity)}}}
			if tt.rcp != "" {
				p.RCPs = [][]evaluate.Named{{{Name: "rcp", Doc: mustDoc(t, policy.KindRCP, tt.rcp)}}}
			}
			set, err := evaluate.Compile(p, tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, set.Decide(tt.req)); diff != "" {
				t.Errorf("decision (-want +got):\n%s", diff)
			}
		})
	}
}
