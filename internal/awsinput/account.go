package awsinput

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tidwall/gjson"

	"github.com/lambdaiam/lambdaiam/arn"
	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/internal/jsondepth"
	"github.com/lambdaiam/lambdaiam/policy"
)

// MaxDepth is the deepest nesting of JSON objects and arrays that
// ParseAccountDetails accepts (a policy nests at most 7 deep inside the
// 5 levels of the details).
const MaxDepth = 80

// AccountDetails is the parsed output of get-account-authorization-details.
// It is immutable after ParseAccountDetails and safe for concurrent use;
// policy documents are parsed when Lookup needs them.
type AccountDetails struct {
	src      string
	data     []byte
	users    map[string]entity // account + "/" + name
	groups   map[string]entity
	roles    map[string]entity
	managed  map[string]entity // by ARN
	accounts map[string]bool
}

// entity is one element of a detail list: its JSON and its pointer.
type entity struct {
	v   gjson.Result
	ptr string
}

// Identity is what the account details say about one principal: its
// identity-based policies (A5) and its permissions boundary (A6, nil when
// it has none).
type Identity struct {
	// ARN is the ARN of the user or role, as the details write it (with
	// its path).
	ARN      string
	Policies []evaluate.Named
	Boundary *evaluate.Named
}

// ParseAccountDetails reads the output of get-account-authorization-details
// (A1). src names the input in errors and positions. Only the shape of the
// lists is checked here; documents are parsed by Lookup.
func ParseAccountDetails(data []byte, src string) (*AccountDetails, error) {
	if !jsondepth.WithinBytes(data, MaxDepth) {
		return nil, &Error{Code: CodeSyntax, Source: src, Msg: "nested more than " + strconv.Itoa(MaxDepth) + " deep"}
	}
	if !utf8.Valid(data) || !gjson.ValidBytes(data) {
		return nil, &Error{Code: CodeSyntax, Source: src, Msg: "not valid JSON"}
	}
	root := gjson.ParseBytes(data)
	if !root.IsObject() {
		return nil, &Error{Code: CodeSyntax, Source: src, Msg: "the account details are a JSON object"}
	}
	d := &AccountDetails{
		src: src, data: data,
		users: map[string]entity{}, groups: map[string]entity{}, roles: map[string]entity{},
		managed: map[string]entity{}, accounts: map[string]bool{},
	}
	lists := []struct {
		field, name string
		into        map[string]entity
	}{
		{"UserDetailList", "UserName", d.users},
		{"GroupDetailList", "GroupName", d.groups},
		{"RoleDetailList", "RoleName", d.roles},
		{"Policies", "", d.managed},
	}
	for _, l := range lists {
		v := root.Get(l.field)
		if !v.Exists() || v.Type == gjson.Null {
			continue
		}
		if !v.IsArray() {
			return nil, &Error{Code: CodeInvalidField, Source: src, Pointer: "/" + l.field, Msg: "want an array"}
		}
		for i, e := range v.Array() {
			ptr := "/" + l.field + "/" + strconv.Itoa(i)
			if !e.IsObject() {
				return nil, &Error{Code: CodeInvalidField, Source: src, Pointer: ptr, Msg: "want an object"}
			}
			a := e.Get("Arn")
			if a.Type != gjson.String {
				return nil, &Error{Code: CodeInvalidField, Source: src, Pointer: ptr + "/Arn", Msg: "want a string"}
			}
			parsed, err := arn.Parse(a.Str)
			if err != nil {
				return nil, &Error{Code: CodeInvalidField, Source: src, Pointer: ptr + "/Arn", Err: err}
			}
			if l.name == "" {
				l.into[a.Str] = entity{e, ptr}
				continue
			}
			n := e.Get(l.name)
			if n.Type != gjson.String || n.Str == "" {
				return nil, &Error{Code: CodeInvalidField, Source: src, Pointer: ptr + "/" + l.name, Msg: "want a non-empty string"}
			}
			d.accounts[parsed.AccountID] = true
			l.into[parsed.AccountID+"/"+n.Str] = entity{e, ptr}
		}
	}
	return d, nil
}

// principalRef is a principal ARN split into what Lookup needs.
type principalRef struct {
	account, kind, name string // kind "user" or "role"
}

// splitPrincipal reads an IAM user ARN, role ARN or assumed-role session
// ARN (A4).
func splitPrincipal(p string) (principalRef, bool) {
	a, err := arn.Parse(p)
	if err != nil || a.AccountID == "" {
		return principalRef{}, false
	}
	switch {
	case a.Service == "iam" && strings.HasPrefix(a.Resource, "user/"):
		return principalRef{a.AccountID, "user", a.Resource[strings.LastIndexByte(a.Resource, '/')+1:]}, true
	case a.Service == "iam" && strings.HasPrefix(a.Resource, "role/"):
		return principalRef{a.AccountID, "role", a.Resource[strings.LastIndexByte(a.Resource, '/')+1:]}, true
	case a.Service == "sts" && strings.HasPrefix(a.Resource, "assumed-role/"):
		role, session, ok := strings.Cut(a.Resource[len("assumed-role/"):], "/")
		if !ok || role == "" || session == "" {
			return principalRef{}, false
		}
		return principalRef{a.AccountID, "role", role}, true
	}
	return principalRef{}, false
}

// Covers reports whether p is an IAM user, role or assumed-role session
// ARN of an account the details describe (one of whose users, groups or
// roles they list). Callers use it to tell a principal the details should
// know, for which Lookup's error is a real problem, from the account root,
// a principal of another account or a service, which have no identity
// policies in the file.
func (d *AccountDetails) Covers(p string) bool {
	ref, ok := splitPrincipal(p)
	return ok && d.accounts[ref.account]
}

// Lookup assembles the identity-based policies and the permissions
// boundary of principal p (A4–A6).
func (d *AccountDetails) Lookup(p string) (Identity, error) {
	ref, ok := splitPrincipal(p)
	if !ok {
		return Identity{}, &Error{Code: CodeUnknownPrincipal, Source: d.src, Input: p,
			Msg: "account details give policies only for IAM users, roles and assumed-role sessions, not " + strconv.Quote(p)}
	}
	table := d.users
	if ref.kind == "role" {
		table = d.roles
	}
	e, found := table[ref.account+"/"+ref.name]
	if !found {
		return Identity{}, &Error{Code: CodeUnknownPrincipal, Source: d.src, Input: p,
			Msg: "no " + ref.kind + " " + strconv.Quote(ref.name) + " of account " + ref.account + " in the account details"}
	}
	b := builder{d: d, seen: map[string]bool{}}
	id := Identity{ARN: e.v.Get("Arn").Str}
	listField := "UserPolicyList"
	if ref.kind == "role" {
		listField = "RolePolicyList"
	}
	if err := b.holder(e, ref.kind, ref.name, listField); err != nil {
		return Identity{}, err
	}
	if ref.kind == "user" {
		groups := e.v.Get("GroupList")
		if groups.Exists() && !groups.IsArray() {
			return Identity{}, d.fieldErr(e.ptr+"/GroupList", "want an array of group names")
		}
		for i, g := range groups.Array() {
			if g.Type != gjson.String {
				return Identity{}, d.fieldErr(e.ptr+"/GroupList/"+strconv.Itoa(i), "want a group name")
			}
			ge, ok := d.groups[ref.account+"/"+g.Str]
			if !ok {
				return Identity{}, &Error{Code: CodeMissingPolicy, Source: d.src, Pointer: e.ptr + "/GroupList/" + strconv.Itoa(i),
					Msg: "group " + strconv.Quote(g.Str) + " is not in GroupDetailList"}
			}
			if err := b.holder(ge, "group", g.Str, "GroupPolicyList"); err != nil {
				return Identity{}, err
			}
		}
	}
	id.Policies = b.out
	if pb := e.v.Get("PermissionsBoundary"); pb.Exists() && pb.Type != gjson.Null {
		ba := pb.Get("PermissionsBoundaryArn")
		if !pb.IsObject() || ba.Type != gjson.String {
			return Identity{}, d.fieldErr(e.ptr+"/PermissionsBoundary", "want an object with a PermissionsBoundaryArn string")
		}
		n, err := d.managedPolicy(ba.Str, policy.KindBoundary, e.ptr+"/PermissionsBoundary/PermissionsBoundaryArn")
		if err != nil {
			return Identity{}, err
		}
		id.Boundary = &n
	}
	return id, nil
}

// builder collects the identity policies of one principal.
type builder struct {
	d    *AccountDetails
	seen map[string]bool
	out  []evaluate.Named
}

// holder adds the inline policies (listField) and the attached managed
// policies of a user, group or role (A5).
func (b *builder) holder(e entity, kind, name, listField string) error {
	d := b.d
	inline := e.v.Get(listField)
	if inline.Exists() && !inline.IsArray() {
		return d.fieldErr(e.ptr+"/"+listField, "want an array")
	}
	for i, p := range inline.Array() {
		ptr := e.ptr + "/" + listField + "/" + strconv.Itoa(i)
		pn := p.Get("PolicyName")
		if pn.Type != gjson.String {
			return d.fieldErr(ptr+"/PolicyName", "want a string")
		}
		doc, err := d.document(p.Get("PolicyDocument"), policy.KindIdentity, ptr+"/PolicyDocument")
		if err != nil {
			return err
		}
		b.out = append(b.out, evaluate.Named{Name: kind + "/" + name + " inline " + pn.Str, Doc: doc})
	}
	attached := e.v.Get("AttachedManagedPolicies")
	if attached.Exists() && !attached.IsArray() {
		return d.fieldErr(e.ptr+"/AttachedManagedPolicies", "want an array")
	}
	for i, p := range attached.Array() {
		ptr := e.ptr + "/AttachedManagedPolicies/" + strconv.Itoa(i) + "/PolicyArn"
		pa := p.Get("PolicyArn")
		if pa.Type != gjson.String {
			return d.fieldErr(ptr, "want a string")
		}
		if b.seen[pa.Str] {
			continue
		}
		b.seen[pa.Str] = true
		n, err := d.managedPolicy(pa.Str, policy.KindIdentity, ptr)
		if err != nil {
			return err
		}
		b.out = append(b.out, n)
	}
	return nil
}

// managedPolicy parses the default version of the managed policy policyARN
// (A3); ptr is where the reference stands, for errors.
func (d *AccountDetails) managedPolicy(policyARN string, kind policy.Kind, ptr string) (evaluate.Named, error) {
	m, ok := d.managed[policyARN]
	if !ok {
		return evaluate.Named{}, &Error{Code: CodeMissingPolicy, Source: d.src, Pointer: ptr, Input: policyARN,
			Msg: "managed policy " + policyARN + " is not in Policies (was the command run with --filter?)"}
	}
	defID := m.v.Get("DefaultVersionId").Str
	versions := m.v.Get("PolicyVersionList")
	for i, v := range versions.Array() {
		if v.Get("IsDefaultVersion").Type == gjson.True || (defID != "" && v.Get("VersionId").Str == defID) {
			doc, err := d.document(v.Get("Document"), kind, m.ptr+"/PolicyVersionList/"+strconv.Itoa(i)+"/Document")
			if err != nil {
				return evaluate.Named{}, err
			}
			return evaluate.Named{Name: policyARN, Doc: doc}, nil
		}
	}
	return evaluate.Named{}, &Error{Code: CodeNoDefault, Source: d.src, Pointer: m.ptr + "/PolicyVersionList", Input: policyARN,
		Msg: "managed policy " + policyARN + " has no default version"}
}

// document parses a policy document that is a URL-encoded string or a
// JSON object (A2).
func (d *AccountDetails) document(v gjson.Result, kind policy.Kind, ptr string) (*policy.Document, error) {
	var (
		doc *policy.Document
		err error
	)
	switch {
	case v.Type == gjson.String:
		doc, err = policy.Parse([]byte(v.Str), policy.WithKind(kind), policy.WithSource(d.src+"#"+ptr),
			policy.WithEnvelope(policy.EnvelopeURLEncoded))
	case v.IsObject():
		line, col := where(d.data, v.Index)
		doc, err = policy.Parse([]byte(v.Raw), policy.WithKind(kind), policy.WithSource(d.src), policy.WithOrigin(line, col))
	default:
		return nil, d.fieldErr(ptr, "a policy document is a URL-encoded string or a JSON object")
	}
	if err != nil {
		return nil, &Error{Code: CodeInvalidPolicy, Source: d.src, Pointer: ptr, Err: err}
	}
	return doc, nil
}

func (d *AccountDetails) fieldErr(ptr, msg string) error {
	return &Error{Code: CodeInvalidField, Source: d.src, Pointer: ptr, Msg: msg}
}

// where returns the 1-based line and column (in runes) of byte off of
// data.
func where(data []byte, off int) (line, col int) {
	if off <= 0 || off > len(data) {
		return 1, 1
	}
	before := data[:off]
	line = 1 + bytes.Count(before, []byte{'\n'})
	if i := bytes.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	return line, 1 + utf8.RuneCount(before)
}
