package evaluate

import "strconv"

// The codes of the errors that stop an evaluation or a Compile on a bound
// rather than on bad input. Each comes with ImplicitDeny (see the package
// documentation, "Fail-closed").
const (
	// CodeLimit: a bound set with WithMaxStatements or
	// WithMaxConditionWork was passed.
	CodeLimit Code = "limit"
	// CodeCanceled: the context given to EvaluateContext was cancelled or
	// its deadline passed; the Error wraps the context's error.
	CodeCanceled Code = "canceled"
	// CodeNotCompiled: the *Set is nil or was not built by Compile.
	CodeNotCompiled Code = "not-compiled"
	// CodeInternal: evaluation failed unexpectedly, for instance because a
	// function given to an Option panicked.
	CodeInternal Code = "internal"
)

// limits holds the optional bounds of WithMaxStatements and
// WithMaxConditionWork; zero means no bound.
type limits struct {
	maxStatements int
	maxCondWork   int
}

// WithMaxStatements bounds the number of statements a Set may hold, over
// every policy of every type. A set with more is refused with an *Error of
// code CodeLimit: Compile (and so the function Evaluate) returns it before
// compiling anything. n <= 0 (the default) sets no bound.
//
// Use it when policies come from an untrusted source: the cost of Compile
// and of each evaluation grows with the number of statements.
func WithMaxStatements(n int) Option {
	return func(c *config) { c.lim.maxStatements = max(n, 0) }
}

// WithMaxConditionWork bounds the condition work of one evaluation: every
// condition that is evaluated counts its policy values times the values
// the request gives its key (at least one each), which bounds the number
// of comparisons the condition may make. An evaluation that needs more
// stops, and gives ImplicitDeny with an *Error of code CodeLimit. n <= 0
// (the default) sets no bound.
//
// Decide stops at the first statement that settles the decision, while
// Evaluate looks at every applicable statement to explain it, so Evaluate
// may reach the bound where Decide does not. Either way the bound never
// turns a deny into an Allow.
func WithMaxConditionWork(n int) Option {
	return func(c *config) { c.lim.maxCondWork = max(n, 0) }
}

// checkPolicies rejects a policy set with more statements than the bound,
// before any of it is compiled.
func (l limits) checkPolicies(p *Policies) error {
	if l.maxStatements <= 0 {
		return nil
	}
	n := 0
	count := func(x *Named) {
		if x != nil && x.Doc != nil {
			n += len(x.Doc.Statements)
		}
	}
	for i := range p.Identity {
		count(&p.Identity[i])
	}
	count(p.Resource)
	count(p.Boundary)
	count(p.Session)
	for _, levels := range [2][][]Named{p.SCPs, p.RCPs} {
		for _, level := range levels {
			for i := range level {
				count(&level[i])
			}
		}
	}
	if n > l.maxStatements {
		return tooManyStatements(n, l.maxStatements)
	}
	return nil
}

func tooManyStatements(n, max int) *Error {
	return &Error{Code: CodeLimit, Statement: -1,
		Msg: "the policy set has " + strconv.Itoa(n) + " statements, over the maximum of " + strconv.Itoa(max)}
}

func conditionWorkExceeded(max int) *Error {
	return &Error{Code: CodeLimit, Statement: -1,
		Msg: "the request needs more condition work than the maximum of " + strconv.Itoa(max)}
}

func canceled(err error) *Error {
	return &Error{Code: CodeCanceled, Statement: -1, Msg: "evaluation stopped", Err: err}
}
