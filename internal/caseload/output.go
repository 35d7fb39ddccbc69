package caseload

import "github.com/lambdaiam/lambdaiam/evaluate"

// Output is the JSON form of one case's result:
//
//	{"name": "...", "decision": "ImplicitDeny",
//	 "reasons": [{"policy": "identity[0]", "type": "identity", "statement": 0,
//	              "sid": "Invoke", "effect": "Allow", "message": "..."}],
//	 "error": null}
//
// A result with an error has "error" set and no decision or reasons.
type Output struct {
	Name     string       `json:"name"`
	Decision string       `json:"decision,omitempty"`
	Reasons  []ReasonJSON `json:"reasons,omitempty"`
	Error    *string      `json:"error"`
}

// ReasonJSON is the JSON form of an evaluate.Reason. Type is the policy
// type's short name: "identity", "resource", "boundary", "session", "scp"
// or "rcp", and "" for a reason no policy produced. Statement is the
// statement's index, -1 when the reason names no statement; Effect is
// then absent. Position is the statement's position
// ("SOURCE:LINE:COLUMN", see policy.Position), absent when unknown.
type ReasonJSON struct {
	Policy    string `json:"policy"`
	Type      string `json:"type"`
	Statement int    `json:"statement"`
	Sid       string `json:"sid,omitempty"`
	Effect    string `json:"effect,omitempty"`
	Position  string `json:"position,omitempty"`
	Message   string `json:"message"`
}

// Evaluate decides the case (see Case.Run) and returns the result in its
// JSON form, named after the case.
func Evaluate(c *Case, opts ...evaluate.Option) Output {
	return NewOutput(c.Name, c.Run(opts...))
}

// Got returns a result in the words of a case's expect: "Error" when the
// result carries an error, else its decision ("Allow", "ImplicitDeny",
// "ExplicitDeny").
func Got(res evaluate.Result) string {
	if res.Err != nil {
		return ExpectError
	}
	return res.Decision.String()
}

// NewOutput converts a result to its JSON form.
func NewOutput(name string, res evaluate.Result) Output {
	o := Output{Name: name}
	if res.Err != nil {
		msg := res.Err.Error()
		o.Error = &msg
		return o
	}
	o.Decision = res.Decision.String()
	for _, r := range res.Reasons {
		rj := ReasonJSON{Policy: r.Policy, Type: TypeName(r.Type), Statement: -1, Sid: r.Sid, Message: r.Message}
		if r.Statement >= 0 {
			rj.Statement = r.Statement
			rj.Effect = r.Effect.String()
		}
		if r.Pos.IsValid() {
			rj.Position = r.Pos.String()
		}
		o.Reasons = append(o.Reasons, rj)
	}
	return o
}

// TypeName returns the short name of a policy type used in the case
// format's results ("identity", "scp", ...).
func TypeName(t evaluate.PolicyType) string {
	switch t {
	case evaluate.IdentityBasedPolicy:
		return "identity"
	case evaluate.ResourceBasedPolicy:
		return "resource"
	case evaluate.PermissionsBoundary:
		return "boundary"
	case evaluate.SessionPolicy:
		return "session"
	case evaluate.ServiceControlPolicy:
		return "scp"
	case evaluate.ResourceControlPolicy:
		return "rcp"
	}
	return ""
}
