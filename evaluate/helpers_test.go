package evaluate_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/policy"
)

// Fictitious accounts and resources used by the rule tests.
const (
	acctA = "111122223333"
	acctB = "444455556666"

	fnA        = "arn:aws:lambda:us-east-1:111122223333:function:orders"
	fnB        = "arn:aws:lambda:us-east-1:444455556666:function:orders"
	roleA      = "arn:aws:iam::111122223333:role/dev"
	sessionA   = "arn:aws:sts::111122223333:assumed-role/dev/alice"
	userA      = "arn:aws:iam::111122223333:user/priya"
	fedA       = "arn:aws:sts::111122223333:federated-user/ana"
	rootA      = "arn:aws:iam::111122223333:root"
	sessionB   = "arn:aws:sts::444455556666:assumed-role/partner/job"
	roleB      = "arn:aws:iam::444455556666:role/partner"
	targetRole = "arn:aws:iam::111122223333:role/release"
)

// pol builds a policy document from statement bodies (the text between a
// statement's braces).
func pol(stmts ...string) string {
	var b strings.Builder
	b.WriteString(`{"Version":"2012-10-17","Statement":[`)
	for i, s := range stmts {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("{" + s + "}")
	}
	b.WriteString("]}")
	return b.String()
}

// Statement bodies used often.
const (
	allowAll       = `"Effect":"Allow","Action":"*","Resource":"*"`
	allowLambda    = `"Effect":"Allow","Action":"lambda:*","Resource":"*"`
	allowInvoke    = `"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"*"`
	denyInvoke     = `"Effect":"Deny","Action":"lambda:InvokeFunction","Resource":"*"`
	allowLogs      = `"Effect":"Allow","Action":"logs:*","Resource":"*"`
	allowGetOnly   = `"Effect":"Allow","Action":"lambda:Get*","Resource":"*"`
	resAllowInvoke = `"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"*","Principal":`
)

// grantTo is a resource-policy statement allowing lambda:InvokeFunction to
// principal (a JSON value) under an optional condition block.
func grantTo(principal string, cond ...string) string {
	s := resAllowInvoke + principal
	if len(cond) > 0 {
		s += `,"Condition":` + cond[0]
	}
	return s
}

// pols holds the JSON text of a request's policies.
type pols struct {
	identity []string
	resource string // a resource-based policy
	trust    string // a role trust policy (in the Resource slot)
	boundary string
	session  string
	scps     [][]string
	rcps     [][]string
}

func parse(t testing.TB, kind policy.Kind, name, text string) *evaluate.Named {
	t.Helper()
	d, err := policy.Parse([]byte(text), policy.WithKind(kind), policy.WithSource(name))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &evaluate.Named{Name: name, Doc: d}
}

func (p pols) build(t testing.TB) evaluate.Policies {
	t.Helper()
	var out evaluate.Policies
	for i, s := range p.identity {
		out.Identity = append(out.Identity, *parse(t, policy.KindIdentity, "identity["+itoa(i)+"]", s))
	}
	if p.resource != "" {
		out.Resource = parse(t, policy.KindResource, "resourcePolicy", p.resource)
	}
	if p.trust != "" {
		out.Resource = parse(t, policy.KindTrust, "trustPolicy", p.trust)
	}
	if p.boundary != "" {
		out.Boundary = parse(t, policy.KindBoundary, "boundary", p.boundary)
	}
	if p.session != "" {
		out.Session = parse(t, policy.KindSession, "session", p.session)
	}
	for i, level := range p.scps {
		var l []evaluate.Named
		for j, s := range level {
			l = append(l, *parse(t, policy.KindSCP, "scp["+itoa(i)+"]["+itoa(j)+"]", s))
		}
		out.SCPs = append(out.SCPs, l)
	}
	for i, level := range p.rcps {
		var l []evaluate.Named
		for j, s := range level {
			l = append(l, *parse(t, policy.KindRCP, "rcp["+itoa(i)+"]["+itoa(j)+"]", s))
		}
		out.RCPs = append(out.RCPs, l)
	}
	return out
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + itoa(i%10)
}

// ctx builds a request context of single-valued keys from key, value pairs.
func ctx(kv ...string) *condition.Context {
	c := new(condition.Context)
	for i := 0; i+1 < len(kv); i += 2 {
		c.Set(kv[i], kv[i+1])
	}
	return c
}

// decisionCase is a row of a rule table.
type decisionCase struct {
	name string
	req  evaluate.Request
	pols pols
	opts []evaluate.Option
	want evaluate.Decision
}

// runDecisions runs a rule table: Evaluate and Decide must both give want.
func runDecisions(t *testing.T, cases []decisionCase) {
	t.Helper()
	seen := map[string]bool{}
	for _, tc := range cases {
		if seen[tc.name] {
			t.Fatalf("duplicate row name %q", tc.name)
		}
		seen[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			set, err := evaluate.Compile(tc.pols.build(t), tc.opts...)
			if err != nil {
				t.Fatal(err)
			}
			res := set.Evaluate(tc.req)
			if res.Err != nil {
				t.Fatalf("Evaluate error: %v", res.Err)
			}
			if diff := cmp.Diff(tc.want, res.Decision); diff != "" {
				t.Errorf("Evaluate decision (-want +got):\n%s", diff)
				for _, r := range res.Reasons {
					t.Logf("  %s %v %d: %s", r.Policy, r.Type, r.Statement, r.Message)
				}
			}
			if diff := cmp.Diff(tc.want, set.Decide(tc.req)); diff != "" {
				t.Errorf("Decide (-want +got):\n%s", diff)
			}
		})
	}
}

// invoke is a lambda:InvokeFunction request on resource by principal.
func invoke(principal, resource string) evaluate.Request {
	return evaluate.Request{Principal: principal, Action: "lambda:InvokeFunction", Resource: resource}
}
