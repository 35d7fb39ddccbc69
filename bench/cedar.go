package bench

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/cedar-policy/cedar-go"
	"github.com/cedar-policy/cedar-go/types"
)

// Cedar translates each IAM statement into one Cedar policy (Allow →
// permit, Deny → forbid), one policy set per IAM policy type, and joins
// the sets' answers with combine, since Cedar has one combining rule
// (forbid wins, else any permit) where IAM has several policy types that
// must each allow.
//
// Translation: the request's principal is an entity (Role::"arn",
// Service::"name") whose parent is Account::"id"; a Principal of an
// account becomes `principal in Account::"id"`, of a role or service
// `principal == ...`, "*" or none an unconstrained principal. Action
// names, which IAM compares without regard to case, are lower-cased on
// both sides: a list of names becomes `action in [...]`, a list with
// wildcards a `like` on context.action. Resource patterns become `like`
// on context.resource; Cedar's `like` has no single-character wildcard,
// so IAM's '?' becomes '*' (a wider pattern; it changes no answer here).
// Condition keys become context attributes guarded by `has` (an absent
// key satisfies no operator, as in IAM): StringEquals → ==, ArnLike →
// like, IpAddress → isInRange(ip(...)), Bool → == true/false,
// DateLessThan → < datetime(...).
func Cedar() Engine {
	return Engine{Name: "cedar-go", Prepare: prepareCedar}
}

type iamStatement struct {
	Sid       string
	Effect    string
	Principal json.RawMessage
	Action    strList
	Resource  strList
	Condition map[string]map[string]strList
}

type strList []string

// UnmarshalJSON reads a string or a list of strings.
func (l *strList) UnmarshalJSON(b []byte) error {
	var one string
	if json.Unmarshal(b, &one) == nil {
		*l = []string{one}
		return nil
	}
	return json.Unmarshal(b, (*[]string)(l))
}

// cedarKey names the context attribute of an IAM condition key.
func cedarKey(k string) string {
	k = strings.ToLower(k)
	var b strings.Builder
	for _, c := range k {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// cedarPattern turns an IAM glob into a Cedar `like` pattern literal.
func cedarPattern(p string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range p {
		switch c {
		case '*', '?':
			b.WriteByte('*')
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(c)
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func cedarPrincipal(raw json.RawMessage) (string, error) {
	if len(raw) == 0 {
		return "principal", nil
	}
	var star string
	if json.Unmarshal(raw, &star) == nil {
		if star == "*" {
			return "principal", nil
		}
		return "", fmt.Errorf("principal %q", star)
	}
	var m map[string]strList
	if err := json.Unmarshal(raw, &m); err != nil {
		return "", err
	}
	if len(m) != 1 {
		return "", fmt.Errorf("principal %s", raw)
	}
	for typ, vals := range m {
		if len(vals) != 1 {
			return "", fmt.Errorf("principal %s: one value expected", raw)
		}
		v := vals[0]
		switch {
		case typ == "Service":
			return fmt.Sprintf("principal == Service::%q", v), nil
		case typ == "AWS" && v == "*":
			return "principal", nil
		case typ == "AWS" && strings.HasSuffix(v, ":root"):
			return fmt.Sprintf("principal in Account::%q", account(v)), nil
		case typ == "AWS" && strings.Contains(v, ":role/"):
			return fmt.Sprintf("principal == Role::%q", v), nil
		}
	}
	return "", fmt.Errorf("principal %s", raw)
}

func cedarCondition(op, key string, vals strList) (string, error) {
	attr := "context." + cedarKey(key)
	var alts []string
	for _, v := range vals {
		switch op {
		case "StringEquals":
			alts = append(alts, fmt.Sprintf("%s == %q", attr, v))
		case "ArnLike":
			alts = append(alts, attr+" like "+cedarPattern(v))
		case "IpAddress":
			alts = append(alts, fmt.Sprintf("%s.isInRange(ip(%q))", attr, v))
		case "Bool":
			b, err := strconv.ParseBool(v)
			if err != nil {
				return "", err
			}
			alts = append(alts, fmt.Sprintf("%s == %t", attr, b))
		case "DateLessThan":
			alts = append(alts, fmt.Sprintf("%s < datetime(%q)", attr, v))
		default:
			return "", fmt.Errorf("operator %s has no translation", op)
		}
	}
	return fmt.Sprintf("(context has %s && (%s))", cedarKey(key), strings.Join(alts, " || ")), nil
}

// cedarPolicy translates one IAM statement into Cedar text.
func cedarPolicy(st iamStatement) (string, error) {
	effect := map[string]string{"Allow": "permit", "Deny": "forbid"}[st.Effect]
	if effect == "" {
		return "", fmt.Errorf("effect %q", st.Effect)
	}
	principal, err := cedarPrincipal(st.Principal)
	if err != nil {
		return "", err
	}
	action := "action"
	var when []string
	literal, any := true, false
	for _, a := range st.Action {
		if a == "*" {
			any = true
		}
		if strings.ContainsAny(a, "*?") {
			literal = false
		}
	}
	switch {
	case any:
	case literal:
		var uids []string
		for _, a := range st.Action {
			uids = append(uids, fmt.Sprintf("Action::%q", strings.ToLower(a)))
		}
		action = "action in [" + strings.Join(uids, ", ") + "]"
	default:
		var alts []string
		for _, a := range st.Action {
			alts = append(alts, "context.action like "+cedarPattern(strings.ToLower(a)))
		}
		when = append(when, "("+strings.Join(alts, " || ")+")")
	}
	var res []string
	for _, r := range st.Resource {
		if r == "*" {
			res = nil
			break
		}
		res = append(res, "context.resource like "+cedarPattern(r))
	}
	if len(res) > 0 {
		when = append(when, "("+strings.Join(res, " || ")+")")
	}
	ops := make([]string, 0, len(st.Condition))
	for op := range st.Condition {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	for _, op := range ops {
		keys := make([]string, 0, len(st.Condition[op]))
		for k := range st.Condition[op] {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			c, err := cedarCondition(op, k, st.Condition[op][k])
			if err != nil {
				return "", err
			}
			when = append(when, c)
		}
	}
	text := fmt.Sprintf("%s (%s, %s, resource)", effect, principal, action)
	if len(when) > 0 {
		text += " when { " + strings.Join(when, " && ") + " }"
	}
	return text + ";", nil
}

// cedarContext builds the request's context record: every IAM key under
// its attribute name, typed by the key.
func cedarContext(r Request) (cedar.Record, error) {
	m := cedar.RecordMap{
		"action":   cedar.String(strings.ToLower(r.Action)),
		"resource": cedar.String(r.Resource),
	}
	for k, v := range r.Context {
		name := cedar.String(cedarKey(k))
		switch strings.ToLower(k) {
		case "aws:sourceip":
			ip, err := types.ParseIPAddr(v)
			if err != nil {
				return cedar.Record{}, err
			}
			m[name] = ip
		case "aws:securetransport":
			b, err := strconv.ParseBool(v)
			if err != nil {
				return cedar.Record{}, err
			}
			m[name] = cedar.Boolean(b)
		case "aws:currenttime":
			t, err := types.ParseDatetime(v)
			if err != nil {
				return cedar.Record{}, err
			}
			m[name] = t
		default:
			m[name] = cedar.String(v)
		}
	}
	return cedar.NewRecord(m), nil
}

// cedarPrincipalEntity is the request's principal and its entity store.
func cedarPrincipalEntity(p string) (cedar.EntityUID, cedar.EntityMap) {
	if !strings.Contains(p, ":") {
		uid := cedar.NewEntityUID("Service", cedar.String(p))
		return uid, cedar.EntityMap{uid: {UID: uid}}
	}
	typ := cedar.EntityType("User")
	if strings.Contains(p, ":role/") {
		typ = "Role"
	}
	uid := cedar.NewEntityUID(typ, cedar.String(p))
	parent := cedar.NewEntityUID("Account", cedar.String(account(p)))
	return uid, cedar.EntityMap{uid: {UID: uid, Parents: cedar.NewEntityUIDSet(parent)}}
}

func prepareCedar(s Scenario) ([]func() Decision, error) {
	var sets [5]*cedar.PolicySet
	for i, d := range s.Docs {
		var doc struct{ Statement []iamStatement }
		if err := json.Unmarshal(d.JSON, &doc); err != nil {
			return nil, err
		}
		if sets[d.Slot] == nil {
			sets[d.Slot] = cedar.NewPolicySet()
		}
		for j, st := range doc.Statement {
			text, err := cedarPolicy(st)
			if err != nil {
				return nil, fmt.Errorf("%s: document %d statement %d: %w", s.Name, i, j, err)
			}
			var p cedar.Policy
			if err := p.UnmarshalCedar([]byte(text)); err != nil {
				return nil, fmt.Errorf("%s: document %d statement %d: %w\n%s", s.Name, i, j, err, text)
			}
			sets[d.Slot].Add(cedar.PolicyID(fmt.Sprintf("doc%d-stmt%d", i, j)), &p)
		}
	}
	var out []func() Decision
	for _, r := range s.Requests {
		ctx, err := cedarContext(r)
		if err != nil {
			return nil, err
		}
		uid, entities := cedarPrincipalEntity(r.Principal)
		req := cedar.Request{
			Principal: uid,
			Action:    cedar.NewEntityUID("Action", cedar.String(strings.ToLower(r.Action))),
			Resource:  cedar.NewEntityUID("Function", cedar.String(r.Resource)),
			Context:   ctx,
		}
		r := r
		out = append(out, func() Decision {
			var v [5]verdict
			for slot, ps := range sets {
				if ps == nil {
					continue
				}
				dec, diag := ps.IsAuthorized(entities, req)
				v[slot] = verdict{present: true, allow: dec == cedar.Allow, deny: dec == cedar.Deny && len(diag.Reasons) > 0}
			}
			return combine(&r, &v)
		})
	}
	return out, nil
}
