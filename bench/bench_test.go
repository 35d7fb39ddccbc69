package bench

import (
	"testing"
)

// TestDecisions checks that every engine gives every scenario's decision:
// an engine is timed only on scenarios it answers correctly.
func TestDecisions(t *testing.T) {
	scenarios, err := Scenarios(DataDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range Engines() {
		for _, s := range scenarios {
			deciders, err := e.Prepare(s)
			if err != nil {
				t.Errorf("%s/%s: %v", e.Name, s.Name, err)
				continue
			}
			for i, r := range s.Requests {
				if got := deciders[i](); got != r.Want {
					t.Errorf("%s/%s/%s: got %s, want %s", e.Name, s.Name, r.Name, got, r.Want)
				}
			}
		}
	}
}

// TestNearMisses checks that every engine, and so the Cedar and seaweedfs
// translations, denies what IAM denies, so that an Allow above is not a
// translation that allows all.
func TestNearMisses(t *testing.T) {
	s := lambdaResourceScenario()
	s.Requests = []Request{
		{Name: "other-rule", Principal: "events.amazonaws.com", Action: "lambda:InvokeFunction", Resource: function,
			Context: map[string]string{"aws:SourceArn": "arn:aws:events:us-east-1:111122223333:rule/rule-7"}, Want: ImplicitDeny},
		{Name: "unlisted-account", Principal: "arn:aws:iam::999988887777:role/caller", Action: "lambda:InvokeFunction", Resource: function,
			Context: map[string]string{"aws:PrincipalOrgID": "o-other000000"}, Want: ImplicitDeny},
		{Name: "org-grant", Principal: "arn:aws:iam::999988887777:role/caller", Action: "lambda:InvokeFunction", Resource: function,
			Context: map[string]string{"aws:PrincipalOrgID": "o-org0000004"}, Want: Allow},
	}
	scenarios, err := Scenarios(DataDir)
	if err != nil {
		t.Fatal(err)
	}
	large := scenarios[1]
	r := large.Requests[0]
	ctx := map[string]string{}
	for k, v := range r.Context {
		ctx[k] = v
	}
	ctx["aws:SecureTransport"] = "false"
	r.Name, r.Context, r.Want = "insecure", ctx, ExplicitDeny
	large.Requests = []Request{r}
	for _, e := range Engines() {
		for _, sc := range []Scenario{s, large} {
			deciders, err := e.Prepare(sc)
			if err != nil {
				t.Fatalf("%s: %v", e.Name, err)
			}
			for i, r := range sc.Requests {
				if got := deciders[i](); got != r.Want {
					t.Errorf("%s/%s/%s: got %s, want %s", e.Name, sc.Name, r.Name, got, r.Want)
				}
			}
		}
	}
}

func BenchmarkEngines(b *testing.B) {
	scenarios, err := Scenarios(DataDir)
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range scenarios {
		for _, e := range Engines() {
			deciders, err := e.Prepare(s)
			if err != nil {
				b.Fatal(err)
			}
			for i, r := range s.Requests {
				decide := deciders[i]
				b.Run(s.Name+"/"+r.Name+"/"+e.Name, func(b *testing.B) {
					b.ReportAllocs()
					for n := 0; n < b.N; n++ {
						decide()
					}
				})
			}
		}
	}
}
