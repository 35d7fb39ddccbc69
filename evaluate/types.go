package evaluate

import (
	"fmt"
	"time"

	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/policy"
)

// Decision is the outcome of an authorization request. The zero value is
// ImplicitDeny, so a Decision that was never set denies.
type Decision uint8

// The decisions, from the weakest to the strongest.
const (
	// ImplicitDeny: no policy allows the request (or a required policy
	// type does not), and no policy denies it.
	ImplicitDeny Decision = iota
	// Allow: every required policy type allows and nothing denies.
	Allow
	// ExplicitDeny: an applicable Deny statement exists in a policy that
	// takes part in the request.
	ExplicitDeny
)

// String returns "ImplicitDeny", "Allow" or "ExplicitDeny".
func (d Decision) String() string {
	switch d {
	case ImplicitDeny:
		return "ImplicitDeny"
	case Allow:
		return "Allow"
	case ExplicitDeny:
		return "ExplicitDeny"
	}
	return fmt.Sprintf("Decision(%d)", uint8(d))
}

// PolicyType is the role a policy plays in a request (rule E8). The zero
// value, NoPolicy, marks reasons that no policy produced (the root user's
// default access, sts:GetCallerIdentity).
type PolicyType uint8

// The policy types, in the order in which AWS's enforcement logic consults
// them (rule E3).
const (
	NoPolicy PolicyType = iota
	ResourceControlPolicy
	ServiceControlPolicy
	ResourceBasedPolicy
	IdentityBasedPolicy
	PermissionsBoundary
	SessionPolicy
)

var policyTypeNames = [...]string{
	NoPolicy:              "",
	ResourceControlPolicy: "resource control policy",
	ServiceControlPolicy:  "service control policy",
	ResourceBasedPolicy:   "resource-based policy",
	IdentityBasedPolicy:   "identity-based policy",
	PermissionsBoundary:   "permissions boundary",
	SessionPolicy:         "session policy",
}

// String returns the name AWS uses in AccessDenied messages
// ("identity-based policy", "service control policy", ...), or "" for
// NoPolicy.
func (t PolicyType) String() string {
	if int(t) < len(policyTypeNames) {
		return policyTypeNames[t]
	}
	return fmt.Sprintf("PolicyType(%d)", uint8(t))
}

// Named is a parsed policy with the name that reasons report for it (an
// identity policy's name, "resourcePolicy", an SCP's name, ...).
type Named struct {
	Name string
	Doc  *policy.Document
}

// Policies is every policy that takes part in a request.
//
//   - Identity: the principal's identity-based policies (for a federated
//     user, the IAM user's policies); documents of kind policy.KindIdentity.
//   - Resource: the policy of the resource addressed: a function, alias,
//     version or layer-version policy (policy.KindResource), or for
//     sts:AssumeRole* the role's trust policy (policy.KindTrust).
//   - Boundary: the principal's permissions boundary (policy.KindBoundary);
//     non-nil means the principal has one.
//   - Session: the session policy of a role session or federated-user
//     session (policy.KindSession). For a federated user, nil means
//     GetFederationToken was called without one.
//   - SCPs: the principal's service control policies, one inner slice per
//     level of the organization (root, OUs, account); every level must allow.
//   - RCPs: the resource account's resource control policies, one inner
//     slice per level.
type Policies struct {
	Identity []Named
	Resource *Named
	Boundary *Named
	Session  *Named
	SCPs     [][]Named
	RCPs     [][]Named
}

// Request is one authorization question.
//
// Principal is an IAM user ARN, an IAM role ARN (standing for a session of
// the role), an assumed-role session ARN, a federated-user ARN, an account
// root ARN, a service principal ("s3.amazonaws.com") or "anonymous".
// Action is "service:Name". Resource is the ARN AWS authorizes, already
// resolved (with the qualifier when the call carries one), or "*" for
// actions without a resource type. ResourceAccount is the resource owner;
// when empty it is the account of Resource, or, for "*" and for ARNs
// without an account (S3 buckets), the principal's account. Context holds
// the request context keys (nil means none); Time is the request time,
// which feeds aws:CurrentTime and aws:EpochTime when Context lacks them
// (the zero Time means unknown).
type Request struct {
	Principal       string
	Action          string
	Resource        string
	ResourceAccount string
	Context         *condition.Context
	Time            time.Time
}

// Result is a decision with the reasons for it. Err is non-nil when the
// request could not be evaluated; Decision is then ImplicitDeny.
type Result struct {
	Decision Decision
	Reasons  []Reason
	Err      error
}

// Reason is one fact that decided a request: an applicable statement, or
// a policy type that failed to allow. For a reason that names no statement,
// Statement is -1 and Sid, Effect and Pos are zero.
type Reason struct {
	Policy    string
	Type      PolicyType
	Statement int
	Sid       string
	Effect    policy.Effect
	Pos       policy.Position
	Message   string
}
