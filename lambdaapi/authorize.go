package lambdaapi

import (
	"github.com/lambdaiam/lambdaiam/arn"
	"github.com/lambdaiam/lambdaiam/evaluate"
)

// Authorizer decides Lambda API calls against a fixed set of policies:
// the caller's side (identity policies, permissions boundary, session
// policy, SCPs, and RCPs) and the resource-based policies of the Lambda
// resources the calls may touch, each under the exact ARN it is attached
// to. It is immutable and safe for concurrent use.
type Authorizer struct {
	base  *evaluate.Set            // the policies without a resource policy
	byARN map[string]*evaluate.Set // the policies plus the resource policy of that ARN
}

// NewAuthorizer compiles p once, and once more with each resource policy
// in resourcePolicies, which maps a resource ARN to the policy attached to
// it: a function ("...:function:f"), a version or alias ("...:function:f:PROD";
// each has its own policy, rule F6) or a layer version
// ("...:layer:l:3"); a key that is not a Lambda ARN is an error (a role's
// trust policy plays no part in iam:PassRole). p.Resource must be nil. The options are those of
// evaluate.Compile. The error is an *Error (CodeResourcePolicy) or
// evaluate's *Error from Compile.
func NewAuthorizer(p evaluate.Policies, resourcePolicies map[string]*evaluate.Named, opts ...evaluate.Option) (*Authorizer, error) {
	if p.Resource != nil {
		return nil, errorf(CodeResourcePolicy, "Policies.Resource", p.Resource.Name,
			"give resource policies by ARN, in resourcePolicies")
	}
	base, err := evaluate.Compile(p, opts...)
	if err != nil {
		return nil, err
	}
	a := &Authorizer{base: base}
	if len(resourcePolicies) > 0 {
		a.byARN = make(map[string]*evaluate.Set, len(resourcePolicies))
	}
	for key, named := range resourcePolicies {
		if r, err := arn.Parse(key); err != nil || r.Service != "lambda" {
			return nil, errorf(CodeResourcePolicy, key, "", "a resource policy is keyed by the Lambda ARN it is attached to")
		}
		if named == nil {
			a.byARN[key] = base
			continue
		}
		q := p
		q.Resource = named
		set, err := evaluate.Compile(q, opts...)
		if err != nil {
			return nil, &Error{Code: CodeResourcePolicy, Field: key, Msg: "cannot compile its policy", Err: err}
		}
		a.byARN[key] = set
	}
	return a, nil
}

// Result is the decision on a call and its parts.
type Result struct {
	// Decision is Allow when every step allows; otherwise it is the
	// decision of Failed.
	Decision evaluate.Decision
	// Steps holds one entry per authorization the call needs, in the order
	// of Requests.
	Steps []Step
	// Failed points into Steps at the first step that was not allowed, the
	// one AWS reports; nil when the call is allowed.
	Failed *Step
}

// Step is one authorization of a call and its outcome.
type Step struct {
	Request
	Result evaluate.Result
}

// Authorize decides c: it builds its requests with Requests and evaluates
// each, with the resource policy registered under the request's exact
// resource ARN (none for "*" and for other services' resources, such as
// the role of iam:PassRole). Every step is evaluated,
// even after one fails. The error is Requests' error (the Result is then
// empty), or the error of the first step that could not be evaluated
// (such as a malformed Caller), the Result then holding every step.
func (a *Authorizer) Authorize(c Call) (Result, error) {
	reqs, err := Requests(c)
	if err != nil {
		return Result{}, err
	}
	res := Result{Steps: make([]Step, len(reqs)), Decision: evaluate.Allow}
	var firstErr error
	for i, r := range reqs {
		st := &res.Steps[i]
		st.Request = r
		st.Result = a.set(r.Resource).Evaluate(r.Request)
		if st.Result.Err != nil && firstErr == nil {
			firstErr = st.Result.Err
		}
		if st.Result.Decision != evaluate.Allow && res.Failed == nil {
			res.Failed = st
			res.Decision = st.Result.Decision
		}
	}
	return res, firstErr
}

// set returns the compiled set for a request on resource.
func (a *Authorizer) set(resource string) *evaluate.Set {
	if s, ok := a.byARN[resource]; ok {
		return s
	}
	return a.base
}
