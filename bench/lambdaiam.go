package bench

import (
	"fmt"

	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/policy"
)

var slotKinds = [...]policy.Kind{Identity: policy.KindIdentity, Resource: policy.KindResource, Boundary: policy.KindBoundary, SCP0: policy.KindSCP, SCP1: policy.KindSCP}

// lambdaiamSet parses and compiles a scenario's documents.
func lambdaiamSet(s Scenario) (*evaluate.Set, error) {
	var p evaluate.Policies
	var scp [2][]evaluate.Named
	for i, d := range s.Docs {
		doc, err := policy.Parse(d.JSON, policy.WithKind(slotKinds[d.Slot]))
		if err != nil {
			return nil, fmt.Errorf("%s: document %d: %w", s.Name, i, err)
		}
		n := evaluate.Named{Name: fmt.Sprintf("doc-%d", i), Doc: doc}
		switch d.Slot {
		case Identity:
			p.Identity = append(p.Identity, n)
		case Resource:
			p.Resource = &n
		case Boundary:
			p.Boundary = &n
		case SCP0:
			scp[0] = append(scp[0], n)
		case SCP1:
			scp[1] = append(scp[1], n)
		}
	}
	for _, level := range scp {
		if level != nil {
			p.SCPs = append(p.SCPs, level)
		}
	}
	return evaluate.Compile(p)
}

func lambdaiamRequest(r Request) evaluate.Request {
	kv := make(map[string][]string, len(r.Context))
	for k, v := range r.Context {
		kv[k] = []string{v}
	}
	return evaluate.Request{Principal: r.Principal, Action: r.Action, Resource: r.Resource, Context: condition.NewContext(kv)}
}

// LambdaiamDecide is lambdaiam's Set.Decide: the decision only.
func LambdaiamDecide() Engine {
	return Engine{Name: "lambdaiam Decide", Prepare: func(s Scenario) ([]func() Decision, error) {
		set, err := lambdaiamSet(s)
		if err != nil {
			return nil, err
		}
		var out []func() Decision
		for _, r := range s.Requests {
			req := lambdaiamRequest(r)
			out = append(out, func() Decision { return Decision(set.Decide(req).String()) })
		}
		return out, nil
	}}
}

// LambdaiamEvaluate is lambdaiam's Set.Evaluate: the decision with its
// reasons.
func LambdaiamEvaluate() Engine {
	return Engine{Name: "lambdaiam Evaluate", Prepare: func(s Scenario) ([]func() Decision, error) {
		set, err := lambdaiamSet(s)
		if err != nil {
			return nil, err
		}
		var out []func() Decision
		for _, r := range s.Requests {
			req := lambdaiamRequest(r)
			out = append(out, func() Decision { return Decision(set.Evaluate(req).Decision.String()) })
		}
		return out, nil
	}}
}
