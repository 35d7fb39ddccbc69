package bench

import "strings"

// Engine is one policy engine under comparison.
type Engine struct {
	// Name names the engine in the table.
	Name string
	// Prepare translates the scenario's documents and returns one decider
	// per request, in the order of Scenario.Requests. All translation and
	// request building happens here; a decider only decides.
	Prepare func(s Scenario) ([]func() Decision, error)
}

// Engines returns the engines, lambdaiam's first.
func Engines() []Engine {
	return []Engine{LambdaiamDecide(), LambdaiamEvaluate(), Cedar(), Seaweedfs()}
}

// verdict is what one policy type (one SCP level, the boundary, ...) says
// about a request: whether an Allow and whether a Deny applies.
type verdict struct{ present, allow, deny bool }

// combine joins per-policy-type verdicts the way IAM does for the shapes of
// the scenarios (E3, E5, E6 of the semantics spec), for engines that can
// only evaluate one set of policies at a time: any Deny wins; a service
// principal needs the function policy; otherwise every SCP level must
// allow, and the caller needs the function policy or an identity policy
// (in the same account) or both (across accounts), and the boundary when
// there is one. It does not model session policies, RCPs or the other
// principal kinds, which the scenarios do not use.
func combine(r *Request, v *[5]verdict) Decision {
	service := !strings.Contains(r.Principal, ":")
	for s, x := range v {
		if x.present && x.deny && (!service || Slot(s) == Resource) {
			return ExplicitDeny
		}
	}
	if service {
		if v[Resource].allow {
			return Allow
		}
		return ImplicitDeny
	}
	for _, s := range []Slot{SCP0, SCP1} {
		if v[s].present && !v[s].allow {
			return ImplicitDeny
		}
	}
	boundary := !v[Boundary].present || v[Boundary].allow
	if account(r.Principal) != account(r.Resource) {
		if v[Resource].allow && v[Identity].allow && boundary {
			return Allow
		}
		return ImplicitDeny
	}
	if (v[Resource].allow || v[Identity].allow) && boundary {
		return Allow
	}
	return ImplicitDeny
}

// account returns the fifth field of an ARN.
func account(arn string) string {
	for i := 0; i < 4; i++ {
		k := strings.IndexByte(arn, ':')
		if k < 0 {
			return ""
		}
		arn = arn[k+1:]
	}
	if k := strings.IndexByte(arn, ':'); k >= 0 {
		return arn[:k]
	}
	return ""
}

// DataDir is where the bench case files are, relative to this module.
const DataDir = "../testdata/bench"
