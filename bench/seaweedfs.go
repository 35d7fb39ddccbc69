package bench

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/seaweedfs/seaweedfs/weed/s3api/policy_engine"
)

// Seaweedfs is the S3 policy engine of SeaweedFS (weed/s3api/policy_engine):
// each IAM policy type's documents become one policy registered with a
// policy_engine.PolicyEngine under the type's name, and a request is
// decided by PolicyEngine.EvaluatePolicy on each type (the call SeaweedFS
// makes for a bucket policy: explicit Deny, else Allow, else
// Indeterminate), the answers joined with combine as for Cedar, since the
// engine has one combining rule where IAM has several policy types. The
// statements of a type's documents are concatenated into one policy (IAM
// joins the documents of one type that way). CompiledPolicy.EvaluatePolicy
// is not used: it skips conditions and answers Deny for no match.
//
// The engine takes any action and resource string, so lambda: actions and
// Lambda ARNs are given as they are, and it supports every operator the
// scenarios use. What it does not do as IAM does, and what was done
// instead:
//   - It compares action names and condition keys case-sensitively; IAM
//     ignores their case (the function policy says AWS:SourceArn, the
//     request aws:SourceArn). Both are lower-cased on both sides.
//   - It matches a Principal by pattern against the request's principal
//     string, with no notion of accounts, and flattens the AWS, Service,
//     ... keys into one list. An account principal (arn:aws:iam::ID:root
//     or a bare ID) becomes the patterns arn:aws:iam::ID:* and
//     arn:aws:sts::ID:*, the principals of that account; other values
//     (roles, services, "*") are kept.
//   - NotAction has no counterpart: a statement with one is refused.
//     Prepare also refuses an operator the engine lacks, which it would
//     otherwise take as a condition that is never met (a Deny that never
//     applies).
//
// Left as the engine does it, changing no answer here: ArnLike matches the
// whole ARN as one glob where IAM matches each of its six fields; dates
// must be RFC 3339 (IAM also takes epoch seconds); policy variables are
// substituted in condition values on every evaluation.
func Seaweedfs() Engine {
	return Engine{Name: "seaweedfs", Prepare: prepareSeaweedfs}
}

// seaweedfsSlots names the policy registered for each slot.
var seaweedfsSlots = [...]string{Identity: "identity", Resource: "resource", Boundary: "boundary", SCP0: "scp0", SCP1: "scp1"}

// seaweedfsIn is an IAM statement as read for the translation.
type seaweedfsIn struct {
	Sid          string
	Effect       string
	Principal    json.RawMessage
	NotPrincipal json.RawMessage
	Action       strList
	NotAction    strList
	Resource     strList
	NotResource  strList
	Condition    map[string]map[string]strList
}

// seaweedfsOut is a statement as given to the engine.
type seaweedfsOut struct {
	Sid          string                         `json:"Sid,omitempty"`
	Effect       string                         `json:"Effect"`
	Principal    any                            `json:"Principal,omitempty"`
	NotPrincipal any                            `json:"NotPrincipal,omitempty"`
	Action       []string                       `json:"Action"`
	Resource     []string                       `json:"Resource,omitempty"`
	NotResource  []string                       `json:"NotResource,omitempty"`
	Condition    map[string]map[string][]string `json:"Condition,omitempty"`
}

var accountID = regexp.MustCompile(`^[0-9]{12}$`)

// seaweedfsPrincipal translates a Principal or NotPrincipal element: "*"
// is kept, and in the object form every account becomes patterns that
// match its principals.
func seaweedfsPrincipal(raw json.RawMessage) (any, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	var star string
	if json.Unmarshal(raw, &star) == nil {
		if star != "*" {
			return nil, fmt.Errorf("principal %q", star)
		}
		return star, nil
	}
	var m map[string]strList
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	out := make(map[string][]string, len(m))
	for typ, vals := range m {
		for _, v := range vals {
			id := ""
			switch {
			case typ != "AWS":
			case accountID.MatchString(v):
				id = v
			case strings.HasPrefix(v, "arn:aws:iam::") && strings.HasSuffix(v, ":root"):
				id = account(v)
			}
			if id == "" {
				out[typ] = append(out[typ], v)
				continue
			}
			out[typ] = append(out[typ], "arn:aws:iam::"+id+":*", "arn:aws:sts::"+id+":*")
		}
	}
	return out, nil
}

// seaweedfsStatement translates one IAM statement.
func seaweedfsStatement(st seaweedfsIn) (seaweedfsOut, error) {
	if len(st.NotAction) > 0 {
		return seaweedfsOut{}, fmt.Errorf("cannot express NotAction: the engine has no counterpart")
	}
	out := seaweedfsOut{Sid: st.Sid, Effect: st.Effect, Resource: st.Resource, NotResource: st.NotResource}
	var err error
	if out.Principal, err = seaweedfsPrincipal(st.Principal); err != nil {
		return out, err
	}
	if out.NotPrincipal, err = seaweedfsPrincipal(st.NotPrincipal); err != nil {
		return out, err
	}
	for _, a := range st.Action {
		out.Action = append(out.Action, strings.ToLower(a))
	}
	if len(st.Condition) > 0 {
		out.Condition = make(map[string]map[string][]string, len(st.Condition))
	}
	for op, keys := range st.Condition {
		if _, err := policy_engine.GetConditionEvaluator(op); err != nil {
			return out, fmt.Errorf("cannot express: %w", err)
		}
		m := make(map[string][]string, len(keys))
		for k, vals := range keys {
			k = strings.ToLower(k)
			m[k] = append(m[k], vals...)
		}
		out.Condition[op] = m
	}
	return out, nil
}

func prepareSeaweedfs(s Scenario) ([]func() Decision, error) {
	var stmts [5][]seaweedfsOut
	var present [5]bool
	for i, d := range s.Docs {
		var doc struct{ Statement []seaweedfsIn }
		if err := json.Unmarshal(d.JSON, &doc); err != nil {
			return nil, fmt.Errorf("%s: document %d: %w", s.Name, i, err)
		}
		present[d.Slot] = true
		for j, st := range doc.Statement {
			out, err := seaweedfsStatement(st)
			if err != nil {
				return nil, fmt.Errorf("%s: document %d statement %d: %w", s.Name, i, j, err)
			}
			stmts[d.Slot] = append(stmts[d.Slot], out)
		}
	}
	engine := policy_engine.NewPolicyEngine()
	var slots []Slot
	for slot, list := range stmts {
		if !present[slot] {
			continue
		}
		slots = append(slots, Slot(slot))
		if len(list) == 0 {
			// The engine refuses an empty policy; an unregistered name
			// answers Indeterminate, as an empty policy would.
			continue
		}
		text, err := json.Marshal(struct {
			Version   string
			Statement []seaweedfsOut
		}{policy_engine.PolicyVersion2012_10_17, list})
		if err != nil {
			return nil, err
		}
		if err := engine.SetBucketPolicy(seaweedfsSlots[slot], string(text)); err != nil {
			return nil, fmt.Errorf("%s: %s policy: %w", s.Name, seaweedfsSlots[slot], err)
		}
	}
	var out []func() Decision
	for _, r := range s.Requests {
		ctx := make(map[string][]string, len(r.Context))
		for k, v := range r.Context {
			ctx[strings.ToLower(k)] = []string{v}
		}
		args := &policy_engine.PolicyEvaluationArgs{
			Action:     strings.ToLower(r.Action),
			Resource:   r.Resource,
			Principal:  r.Principal,
			Conditions: ctx,
		}
		out = append(out, func() Decision {
			var v [5]verdict
			for _, slot := range slots {
				res := engine.EvaluatePolicy(seaweedfsSlots[slot], args)
				v[slot] = verdict{present: true, allow: res == policy_engine.PolicyResultAllow, deny: res == policy_engine.PolicyResultDeny}
			}
			return combine(&r, &v)
		})
	}
	return out, nil
}
