package bench

import (
	"fmt"

	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/internal/benchscenario"
	"github.com/lambdaiam/lambdaiam/policy"
)

// lambdaiamSet parses and compiles a scenario's documents.
func lambdaiamSet(s Scenario) (*evaluate.Set, error) {
	named := make([]evaluate.Named, len(s.Docs))
	for i, d := range s.Docs {
		doc, err := policy.Parse(d.JSON, policy.WithKind(d.Slot.Kind()))
		if err != nil {
			return nil, fmt.Errorf("%s: document %d: %w", s.Name, i, err)
		}
		named[i] = evaluate.Named{Name: fmt.Sprintf("doc-%d", i), Doc: doc}
	}
	p := benchscenario.Place(s.Docs, named)
	return evaluate.Compile(evaluate.Policies{Identity: p.Identity, Resource: p.Resource, Boundary: p.Boundary, SCPs: p.SCPs})
}

func lambdaiamRequest(r Request) evaluate.Request {
	return evaluate.Request{Principal: r.Principal, Action: r.Action, Resource: r.Resource, Context: r.ConditionContext()}
}

// lambdaiamEngine is the engine name whose deciders decider makes, one per
// request, from the compiled scenario and the request.
func lambdaiamEngine(name string, decider func(set *evaluate.Set, req evaluate.Request) func() Decision) Engine {
	return Engine{Name: name, Prepare: func(s Scenario) ([]func() Decision, error) {
		set, err := lambdaiamSet(s)
		if err != nil {
			return nil, err
		}
		var out []func() Decision
		for _, r := range s.Requests {
			out = append(out, decider(set, lambdaiamRequest(r)))
		}
		return out, nil
	}}
}

// LambdaiamDecide is lambdaiam's Set.Decide: the decision only.
func LambdaiamDecide() Engine {
	return lambdaiamEngine("lambdaiam Decide", func(set *evaluate.Set, req evaluate.Request) func() Decision {
		return func() Decision { return Decision(set.Decide(req).String()) }
	})
}

// LambdaiamEvaluate is lambdaiam's Set.Evaluate: the decision with its
// reasons.
func LambdaiamEvaluate() Engine {
	return lambdaiamEngine("lambdaiam Evaluate", func(set *evaluate.Set, req evaluate.Request) func() Decision {
		return func() Decision { return Decision(set.Evaluate(req).Decision.String()) }
	})
}
