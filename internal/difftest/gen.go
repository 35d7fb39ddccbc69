package difftest

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"

	"github.com/lambdaiam/lambdaiam/internal/caseload"
)

// Generate returns n random cases as JSON Lines, one case per line. Case k
// (counting from 0) is built from the seed first+k alone, so the same
// arguments always give the same bytes and GenerateCase(first+k) rebuilds
// case k on its own.
func Generate(first uint64, n int) []byte {
	w := newWorld()
	var buf bytes.Buffer
	for k := 0; k < n; k++ {
		w.writeCase(&buf, first+uint64(k))
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

// GenerateCase returns the case built from seed, as one JSON object without
// a trailing newline.
func GenerateCase(seed uint64) []byte {
	var buf bytes.Buffer
	newWorld().writeCase(&buf, seed)
	return buf.Bytes()
}

// CaseName is the name Generate gives the case built from seed.
func CaseName(seed uint64) string { return "difftest seed " + strconv.FormatUint(seed, 10) }

// The JSON shapes written. Struct fields keep their order; maps are
// written with sorted keys by encoding/json, so the output is deterministic
// and, being built from Go values, never holds a duplicate key.
type caseJSON = caseload.CaseJSON[*policyJSON]

type policyJSON struct {
	Version   string `json:"Version,omitempty"`
	ID        string `json:"Id,omitempty"`
	Statement any    `json:"Statement"` // *stmtJSON or []*stmtJSON
}

type stmtJSON struct {
	Sid          string                    `json:"Sid,omitempty"`
	Effect       string                    `json:"Effect"`
	Principal    any                       `json:"Principal,omitempty"`
	NotPrincipal any                       `json:"NotPrincipal,omitempty"`
	Action       any                       `json:"Action,omitempty"`
	NotAction    any                       `json:"NotAction,omitempty"`
	Resource     any                       `json:"Resource,omitempty"`
	NotResource  any                       `json:"NotResource,omitempty"`
	Condition    map[string]map[string]any `json:"Condition,omitempty"`
}

// Policy kinds, for the element rules that differ between them.
type polKind uint8

const (
	polIdentity polKind = iota
	polBoundary
	polSession
	polSCP
	polResource
	polTrust
)

// Principal kinds.
type pkind uint8

const (
	pUser pkind = iota
	pSession
	pFederated
	pService
	pAnonymous
	pRoot
	pRole // an IAM role ARN, standing for a session of the role
)

// principal is the caller of a case.
type principal struct {
	kind    pkind
	arn     string // the case's "principal"
	account string // "" for services and anonymous
	name    string // user, federated-user or service name
	role    role   // for sessions
	session string // for sessions
}

func (p principal) iam() bool {
	return p.kind == pUser || p.kind == pSession || p.kind == pFederated || p.kind == pRole
}

// target is the action and the resource it authorizes.
type target struct {
	info    actionInfo
	arn     string // "*" for resNone
	kind    resKind
	region  string
	account string // the resource owner
	resPart string // the ARN's resource part ("function:orders:PROD")
	service string // "lambda" or "iam"
	fn      string // function name, for function targets
	qual    string
	layer   string
	layerV  string
	role    role // for resRole
}

// gen builds one case. All randomness comes from r.
type gen struct {
	w *world
	r *rand.Rand

	p   principal
	t   target
	ctx map[string]any // the request context (canonical key spelling)

	// cross is true when the principal's account differs from the resource's.
	cross bool
	// boundary, session: the case has a permissions boundary / session policy.
	boundary, session bool
	// noDirect forbids resource-policy Allow statements whose principal
	// match would be direct for a session (the session ARN, a federated-user
	// ARN, "*"): same account with a session policy (E4).
	noDirect bool
	// version of the policy being built; variables only under 2012-10-17.
	version string
	// partition of every ARN in the case.
	partition string
}

func (w *world) writeCase(buf *bytes.Buffer, seed uint64) {
	g := &gen{w: w, r: rand.New(rand.NewPCG(seed, 0x6c616d6264616961)), ctx: map[string]any{}}
	c := g.build()
	c.Name = CaseName(seed)
	var line bytes.Buffer
	enc := json.NewEncoder(&line)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(c); err != nil {
		// Only plain strings, slices and maps are encoded; this cannot fail.
		panic(err)
	}
	// Encode appends a newline; callers decide about line ends.
	b := bytes.TrimSuffix(line.Bytes(), []byte("\n"))
	if g.partition != "aws" {
		// Every ARN of the case moves to the other partition together.
		b = bytes.ReplaceAll(b, []byte("arn:aws:"), []byte("arn:"+g.partition+":"))
	}
	buf.Write(b)
}

// Small random helpers.

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *gen) intn(n int) int { return g.r.IntN(n) }

func pick[T any](g *gen, xs []T) T { return xs[g.r.IntN(len(xs))] }

// weighted returns an index chosen with the given relative weights.
func (g *gen) weighted(ws ...int) int {
	total := 0
	for _, w := range ws {
		total += w
	}
	n := g.r.IntN(total)
	for i, w := range ws {
		if n < w {
			return i
		}
		n -= w
	}
	return len(ws) - 1
}

// oneOrList writes a single string as itself or, sometimes, as a
// one-element array (rule G7); several strings always as an array.
func (g *gen) oneOrList(xs []string) any {
	if len(xs) == 1 && g.chance(0.7) {
		return xs[0]
	}
	return xs
}

func (g *gen) build() *caseJSON {
	g.partition = []string{"aws", "aws-cn", "aws-us-gov"}[g.weighted(90, 5, 5)]
	g.pickTarget()
	g.pickPrincipal()
	g.cross = g.p.account != "" && g.p.account != g.t.account
	g.buildContext()

	c := &caseJSON{
		Principal: g.p.arn,
		Action:    g.t.info.name,
		Resource:  g.t.arn,
		Context:   g.ctx,
	}
	if g.t.kind == resNone {
		c.ResourceAccount = g.t.account
	}
	if len(c.Context) == 0 {
		c.Context = nil
	}

	iamCaller := g.p.iam() || g.p.kind == pRoot
	assume := g.t.info.name == "sts:AssumeRole"
	if g.p.iam() {
		// Boundaries and session policies stay out of sts:AssumeRole cases:
		// how they cap a trust-policy grant is not settled (rule E3a).
		g.boundary = !assume && g.chance(0.25)
		switch g.p.kind {
		case pFederated:
			g.session = true // E3 step 7: never without a session policy
		case pSession, pRole:
			g.session = !assume && g.chance(0.3)
		}
	}
	g.noDirect = g.session && !g.cross

	if iamCaller && g.p.kind != pRoot {
		n := []int{0, 1, 1, 1, 2, 2, 3}[g.intn(7)]
		for i := 0; i < n; i++ {
			c.IdentityPolicies = append(c.IdentityPolicies, g.policy(polIdentity))
		}
	}
	switch {
	case assume:
		c.ResourcePolicy = g.policy(polTrust)
	case g.hasResourcePolicy():
		p := 0.55
		if g.cross || !iamCaller {
			p = 0.9
		}
		if g.chance(p) {
			c.ResourcePolicy = g.policy(polResource)
		}
	}
	if g.boundary {
		c.PermissionsBoundary = g.policy(polBoundary)
	}
	if g.session {
		c.SessionPolicy = g.policy(polSession)
	}
	// SCPs only for IAM principals (E3, E6, E7); never for the root
	// user, where only sts:AssumeRole is generated and denied anyway.
	if g.p.iam() && g.chance(0.35) {
		levels := 1 + g.intn(3)
		for l := 0; l < levels; l++ {
			var level []*policyJSON
			if g.chance(0.7) {
				level = append(level, fullAccessSCP())
			}
			if len(level) == 0 || g.chance(0.5) {
				level = append(level, g.policy(polSCP))
			}
			c.SCPs = append(c.SCPs, level)
		}
	}
	// Context key names are case-insensitive (rule C6): respell a few,
	// now that no policy needs to look them up any more.
	keys := make([]string, 0, len(g.ctx))
	for k := range g.ctx {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if g.chance(0.05) {
			v := g.ctx[k]
			delete(g.ctx, k)
			g.ctx[respell(g, k)] = v
		}
	}
	return c
}

func fullAccessSCP() *policyJSON {
	return &policyJSON{Version: "2012-10-17", Statement: &stmtJSON{Sid: "FullAWSAccess", Effect: "Allow", Action: "*", Resource: "*"}}
}

// hasResourcePolicy reports whether the target kind has resource-based
// policies in Lambda: functions (and their versions and aliases) and layer
// versions.
func (g *gen) hasResourcePolicy() bool {
	return g.t.kind == resFunction || g.t.kind == resLayerVersion ||
		(g.t.kind == resTaggable && strings.HasPrefix(g.t.resPart, "function:"))
}

// ---- target -------------------------------------------------------------

func (g *gen) pickTarget() {
	w := g.w
	kinds := []resKind{resFunction, resTaggable, resLayer, resLayerVersion, resESM, resCSC, resNone, resRole}
	k := kinds[g.weighted(50, 6, 3, 8, 5, 4, 10, 8)]
	info := w.actions[pick(g, w.byRes[k])]
	if k == resFunction {
		// The questions asked most: invocations, also by services and
		// anonymous callers.
		switch g.weighted(25, 8, 67) {
		case 0:
			info = w.actions[0] // lambda:InvokeFunction
		case 1:
			info = w.actions[1] // lambda:InvokeFunctionUrl
		}
	}
	t := target{info: info, kind: k, service: "lambda", region: pick(g, w.regions), account: acctMain}
	if g.chance(0.2) {
		t.account = acctOther
	}
	if info.name == "lambda:InvokeFunction" || info.name == "lambda:GetFunction" {
		// Favour the most common questions a little.
		t.region = "us-east-1"
	}
	switch k {
	case resFunction:
		t.fn = pick(g, w.functions)
		t.resPart = "function:" + t.fn
		if info.qual && g.chance(0.45) {
			t.qual = pick(g, w.quals)
			t.resPart += ":" + t.qual
		}
	case resTaggable:
		switch g.intn(3) {
		case 0:
			t.fn = pick(g, w.functions)
			t.resPart = "function:" + t.fn
		case 1:
			t.resPart = "event-source-mapping:" + pick(g, w.esms)
		default:
			t.resPart = "code-signing-config:" + pick(g, w.cscs)
		}
	case resLayer:
		t.layer = pick(g, w.layers)
		t.resPart = "layer:" + t.layer
	case resLayerVersion:
		t.layer = pick(g, w.layers)
		t.layerV = pick(g, w.layerVers)
		t.resPart = "layer:" + t.layer + ":" + t.layerV
	case resESM:
		t.resPart = "event-source-mapping:" + pick(g, w.esms)
	case resCSC:
		t.resPart = "code-signing-config:" + pick(g, w.cscs)
	case resNone:
		t.account = acctMain
		t.arn = "*"
	case resRole:
		t.service = "iam"
		t.region = ""
		if info.name == "iam:PassRole" {
			t.role = pick(g, w.roles[:2]) // passing a role of another account is not a thing
		} else {
			t.role = pick(g, w.roles)
		}
		t.account = t.role.account
		t.resPart = "role/" + t.role.path + t.role.name
	}
	if t.arn == "" {
		t.arn = "arn:aws:" + t.service + ":" + t.region + ":" + t.account + ":" + t.resPart
	}
	g.t = t
}

// ---- principal ----------------------------------------------------------

func (g *gen) pickPrincipal() {
	w := g.w
	t := g.t
	var kinds []pkind
	var weights []int
	switch {
	case t.info.name == "sts:AssumeRole":
		kinds, weights = []pkind{pUser, pSession, pRoot}, []int{45, 45, 10}
	case t.info.name == "lambda:InvokeFunction":
		kinds, weights = []pkind{pUser, pSession, pFederated, pService, pAnonymous, pRole}, []int{30, 35, 8, 20, 7, 4}
	case t.info.name == "lambda:InvokeFunctionUrl":
		kinds, weights = []pkind{pUser, pSession, pFederated, pAnonymous, pRole}, []int{35, 35, 10, 20, 4}
	case t.kind == resLayerVersion && t.info.name == "lambda:GetLayerVersion":
		kinds, weights = []pkind{pUser, pSession, pFederated, pAnonymous, pRole}, []int{40, 45, 10, 5, 4}
	default:
		kinds, weights = []pkind{pUser, pSession, pFederated, pRole}, []int{45, 45, 10, 6}
	}
	k := kinds[g.weighted(weights...)]
	acct := t.account
	// Cross-account callers, except for resources that only their owner
	// reaches (ESMs, CSCs, "*" actions, iam:PassRole).
	crossOK := t.kind == resFunction || t.kind == resLayerVersion || t.kind == resTaggable ||
		t.info.name == "sts:AssumeRole"
	if crossOK && g.chance(0.3) {
		if acct == acctMain {
			acct = acctOther
		} else {
			acct = acctMain
		}
	}
	p := principal{kind: k, account: acct}
	switch k {
	case pUser:
		p.name = pick(g, w.users)
		p.arn = userARN(acct, p.name)
	case pSession, pRole:
		var rs []role
		for _, r := range w.roles {
			if r.account == acct {
				rs = append(rs, r)
			}
		}
		p.role = pick(g, rs)
		if k == pRole {
			p.arn = p.role.arn()
			break
		}
		p.session = pick(g, w.sessions)
		p.arn = "arn:aws:sts::" + acct + ":assumed-role/" + p.role.name + "/" + p.session
	case pFederated:
		p.name = pick(g, w.feds)
		p.arn = "arn:aws:sts::" + acct + ":federated-user/" + p.name
	case pService:
		p.name = pick(g, w.services)
		p.arn = p.name
		p.account = ""
	case pAnonymous:
		p.arn = "anonymous"
		p.account = ""
	case pRoot:
		p.arn = "arn:aws:iam::" + acct + ":root"
	}
	g.p = p
}

// ---- context ------------------------------------------------------------

func (g *gen) set(key string, v any) { g.ctx[key] = v }

// has reports whether the context carries key, and its value.
func (g *gen) has(key string) (any, bool) {
	v, ok := g.ctx[key]
	return v, ok
}

// buildContext writes every key AWS derives from the principal and the
// target (the reference evaluator derives none), then random others.
func (g *gen) buildContext() {
	p, t := g.p, g.t
	switch p.kind {
	case pUser:
		g.set("aws:PrincipalArn", p.arn)
		g.set("aws:PrincipalAccount", p.account)
		g.set("aws:username", p.name)
		g.set("aws:userid", userID(p.name))
		g.set("aws:PrincipalType", "User")
		g.set("aws:PrincipalIsAWSService", "false")
	case pSession:
		g.set("aws:PrincipalArn", p.role.arn())
		g.set("aws:PrincipalAccount", p.account)
		g.set("aws:userid", roleID(p.role)+":"+p.session)
		g.set("aws:PrincipalType", "AssumedRole")
		g.set("aws:PrincipalIsAWSService", "false")
	case pRole:
		g.set("aws:PrincipalArn", p.arn)
		g.set("aws:PrincipalAccount", p.account)
		g.set("aws:userid", roleID(p.role))
		g.set("aws:PrincipalType", "AssumedRole")
		g.set("aws:PrincipalIsAWSService", "false")
	case pFederated:
		g.set("aws:PrincipalArn", p.arn)
		g.set("aws:PrincipalAccount", p.account)
		g.set("aws:userid", p.account+":"+p.name)
		g.set("aws:PrincipalType", "FederatedUser")
		g.set("aws:PrincipalIsAWSService", "false")
	case pRoot:
		g.set("aws:PrincipalArn", p.arn)
		g.set("aws:PrincipalAccount", p.account)
		g.set("aws:userid", p.account)
		g.set("aws:PrincipalType", "Account")
		g.set("aws:PrincipalIsAWSService", "false")
	case pService:
		g.set("aws:PrincipalIsAWSService", "true")
		g.set("aws:PrincipalServiceName", p.name)
	case pAnonymous:
		g.set("aws:PrincipalType", "Anonymous")
		g.set("aws:userid", "anonymous")
		g.set("aws:PrincipalIsAWSService", "false")
	}
	g.set("aws:ResourceAccount", t.account)
	if t.service == "lambda" {
		region := t.region
		if region == "" {
			region = "us-east-1"
		}
		g.set("aws:RequestedRegion", region)
	}

	for _, k := range g.w.keys {
		if !g.keyApplies(k) {
			continue
		}
		prob := 0.35
		if k.scope == scopeAction || k.scope == scopeService {
			prob = 0.6
		}
		if !g.chance(prob) {
			continue
		}
		if k.kind == vMulti {
			if g.chance(0.08) {
				g.set(k.name, []string{})
				continue
			}
			var vals []string
			for _, v := range k.ctx {
				if g.chance(0.5) {
					vals = append(vals, v)
				}
			}
			if len(vals) == 0 {
				vals = append(vals, pick(g, k.ctx))
			}
			if g.chance(0.15) && len(k.miss) > 0 {
				vals = append(vals, pick(g, k.miss))
			}
			g.set(k.name, vals)
			continue
		}
		g.set(k.name, pick(g, k.ctx))
	}
	// aws:EpochTime and aws:CurrentTime name the same instant in AWS; keep
	// them consistent when both are present.
	if _, ok := g.has("aws:EpochTime"); ok {
		if _, ok := g.has("aws:CurrentTime"); ok {
			delete(g.ctx, "aws:EpochTime")
		}
	}
}

// keyApplies reports whether a request of this case may carry key k.
func (g *gen) keyApplies(k keySpec) bool {
	switch k.scope {
	case scopeGlobal:
		return true
	case scopeIAM:
		return g.p.iam()
	case scopeService:
		return g.p.kind == pService
	case scopeResTag:
		return g.t.kind == resFunction || g.t.kind == resTaggable || g.t.kind == resESM || g.t.kind == resCSC
	case scopeAction:
		for _, n := range g.t.info.keys {
			if n == k.name {
				return true
			}
		}
	}
	return false
}

// ---- policies -----------------------------------------------------------

func (g *gen) policy(kind polKind) *policyJSON {
	p := &policyJSON{Version: "2012-10-17"}
	switch g.weighted(84, 8, 8) {
	case 1:
		p.Version = "2008-10-17"
	case 2:
		p.Version = ""
	}
	g.version = p.Version
	if kind == polResource && g.chance(0.3) {
		p.ID = "default"
	}
	n := []int{1, 1, 1, 2, 2, 3}[g.intn(6)]
	var stmts []*stmtJSON
	for i := 0; i < n; i++ {
		s := g.statement(kind)
		if g.chance(0.6) {
			s.Sid = "S" + strconv.Itoa(i+1)
		}
		stmts = append(stmts, s)
	}
	if kind == polTrust {
		// internal/caseload tells a role trust policy from a resource-based
		// policy by an Action naming sts:AssumeRole literally; make sure the
		// first statement has one.
		st := stmts[0]
		st.NotAction = nil
		acts := g.actionPatterns(g.weighted(60, 40))
		st.Action = g.oneOrList(append(acts, "sts:AssumeRole"))
	}
	if len(stmts) == 1 && g.chance(0.25) {
		p.Statement = stmts[0]
	} else {
		p.Statement = stmts
	}
	return p
}

func (g *gen) variables() bool { return g.version == "2012-10-17" }

func (g *gen) statement(kind polKind) *stmtJSON {
	s := &stmtJSON{Effect: "Allow"}
	switch kind {
	case polResource:
		if g.chance(0.2) {
			s.Effect = "Deny"
		}
	case polTrust:
		if g.chance(0.1) {
			s.Effect = "Deny"
		}
	default:
		if g.chance(0.25) {
			s.Effect = "Deny"
		}
	}

	// Action or NotAction.
	acts := g.actionPatterns(1 + g.weighted(70, 25, 5))
	if kind == polResource {
		// Keep resource-based policies from looking like role trust
		// policies to internal/caseload, which tells them apart by an
		// Action naming an STS trust action.
		acts = withoutTrustActions(acts)
	}
	if g.chance(0.85) {
		s.Action = g.oneOrList(acts)
	} else {
		s.NotAction = g.oneOrList(acts)
	}

	// Principal.
	switch kind {
	case polResource:
		if s.Effect == "Deny" && g.p.iam() && g.chance(0.35) {
			s.NotPrincipal = g.notPrincipal()
		} else {
			s.Principal = g.principalElem(s.Effect == "Allow")
		}
	case polTrust:
		s.Principal = g.trustPrincipal()
	}

	// Resource or NotResource (none in trust policies, rule G5).
	if kind != polTrust {
		notRes := g.chance(0.12)
		if kind == polResource {
			notRes = g.chance(0.05)
		}
		n := 1 + g.weighted(75, 25)
		pats := make([]string, 0, n)
		for i := 0; i < n; i++ {
			pats = append(pats, g.resourcePattern(notRes))
		}
		if notRes {
			s.NotResource = g.oneOrList(dedupe(pats))
		} else {
			s.Resource = g.oneOrList(dedupe(pats))
		}
	}

	if g.chance(0.5) {
		s.Condition = g.conditionBlock()
	}
	return s
}

func dedupe(xs []string) []string {
	out := xs[:0]
	seen := map[string]bool{}
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// ---- actions ------------------------------------------------------------

// actionPatterns returns n distinct action patterns, most of them related
// to the target action (so that they match it often).
func (g *gen) actionPatterns(n int) []string {
	var out []string
	for i := 0; i < n*3 && len(out) < n; i++ {
		p := g.actionPattern()
		dup := false
		for _, o := range out {
			if o == p {
				dup = true
			}
		}
		if !dup {
			out = append(out, p)
		}
	}
	return out
}

func (g *gen) actionPattern() string {
	full := g.t.info.name
	svc, name, _ := strings.Cut(full, ":")
	switch g.weighted(30, 12, 6, 14, 6, 6, 4, 22) {
	case 0:
		return full
	case 1:
		return svc + ":*"
	case 2:
		return "*"
	case 3: // prefix
		return svc + ":" + name[:1+g.intn(len(name)-1)] + "*"
	case 4: // suffix
		return svc + ":*" + name[1+g.intn(len(name)-1):]
	case 5: // one character replaced by ?
		i := g.intn(len(name))
		return svc + ":" + name[:i] + "?" + name[i+1:]
	case 6: // another spelling (rule M2: case-insensitive)
		if g.chance(0.5) {
			return strings.ToUpper(svc) + ":" + name
		}
		return svc + ":" + strings.ToLower(name)
	}
	if g.chance(0.5) {
		return pick(g, g.w.actionNoise)
	}
	return g.w.actions[g.intn(len(g.w.actions))].name
}

// ---- resources ----------------------------------------------------------

// resourcePattern returns a Resource (or NotResource) entry related to the
// target. Patterns are shaped so that a segment-final "*" in the first five
// ARN parts can never match differently depending on whether it crosses a
// colon (M3.2): the resource part is always "*", starts with "*",
// or starts with the literal resource-type token, and names never repeat
// another part's text.
func (g *gen) resourcePattern(neg bool) string {
	t := g.t
	if t.kind == resNone {
		if !neg && g.chance(0.6) {
			return "*"
		}
		return pick(g, []string{
			"arn:aws:lambda:*:*:*", "arn:aws:lambda:us-east-1:" + acctMain + ":*",
			"arn:aws:lambda:*:" + acctMain + ":function:*", "arn:aws:lambda:*:*:layer:*",
		})
	}
	if g.chance(0.1) && !neg {
		return "*"
	}
	partition := "aws"
	if g.chance(0.03) {
		partition = "*"
	}
	region := t.region
	if t.service == "lambda" {
		switch g.weighted(50, 25, 6, 5, 4, 10) {
		case 1:
			region = "*"
		case 2:
			region = region[:3] + "*" // "us-*", "eu-*"
		case 3:
			region = region[:len(region)-1] + "?"
		case 4:
			region = "*-1" // "*" not at the end of the part: never crosses a colon
		case 5:
			region = pick(g, []string{"us-east-1", "eu-west-1", "ap-south-1"})
		}
	} else if g.chance(0.1) {
		region = "*"
	}
	account := t.account
	switch g.weighted(55, 25, 10, 10) {
	case 1:
		account = "*"
	case 2:
		account = pick(g, []string{acctMain, acctOther, acctThird})
	case 3:
		account = account[:4] + "*"
	}
	return "arn:" + partition + ":" + t.service + ":" + region + ":" + account + ":" + g.resourcePart(neg)
}

// varPart returns a variable for a Resource entry, or "" when none fits:
// outside 2012-10-17 there are none (D1), and an entry that cannot be
// resolved is avoided in NotResource (D3).
func (g *gen) varPart(neg bool) string {
	if !g.variables() {
		return ""
	}
	v := g.variableFor(neg, []string{"aws:username", "aws:PrincipalTag/team", "aws:PrincipalTag/project"}, g.w.functions)
	return v
}

func (g *gen) resourcePart(neg bool) string {
	t := g.t
	w := g.w
	switch t.kind {
	case resFunction, resTaggable:
		if t.fn == "" { // an ESM or CSC being tagged
			return g.simplePart(t.resPart)
		}
		f := t.fn
		switch g.weighted(22, 12, 10, 10, 8, 6, 6, 5, 5, 6, 5, 5) {
		case 0:
			if t.qual != "" && g.chance(0.6) {
				return "function:" + f + ":" + t.qual
			}
			return "function:" + f
		case 1:
			return "function:" + f + ":*"
		case 2:
			return "function:" + f + "*"
		case 3:
			return "function:*"
		case 4:
			return "function:" + pick(g, w.functions)
		case 5:
			return "function:" + f[:1+g.intn(len(f)-1)] + "*"
		case 6:
			return "function:*:" + pick(g, w.quals)
		case 7:
			i := g.intn(len(f))
			return "function:" + f[:i] + "?" + f[i+1:]
		case 8:
			return "function:" + f + ":" + pick(g, w.quals)
		case 9:
			if v := g.varPart(neg); v != "" {
				return "function:" + v + pick(g, []string{"", "*", "-*"})
			}
			return "function:" + f
		case 10:
			return "*"
		default:
			return pick(g, []string{"layer:*", "event-source-mapping:*", "function:" + f + ":PROD"})
		}
	case resLayer:
		l := t.layer
		return pick(g, []string{"layer:" + l, "layer:" + l + ":*", "layer:*", "layer:" + l + "*",
			"layer:" + pick(g, w.layers), "*", "function:*"})
	case resLayerVersion:
		l, v := t.layer, t.layerV
		return pick(g, []string{"layer:" + l + ":" + v, "layer:" + l + ":*", "layer:" + l, "layer:*",
			"layer:" + l + "*", "layer:*:" + pick(g, w.layerVers), "layer:" + pick(g, w.layers) + ":" + pick(g, w.layerVers), "*"})
	case resESM, resCSC:
		return g.simplePart(t.resPart)
	case resRole:
		r := t.role
		opts := []string{"role/" + r.path + r.name, "role/*", "role/" + r.path + "*", "role/service-role/*",
			"role/" + r.name, "role/ci-*", "role/*-role", "user/*", "*"}
		if v := g.varPart(neg); v != "" && g.chance(0.3) {
			return "role/" + v + "*"
		}
		return pick(g, opts)
	}
	return "*"
}

// simplePart varies a "type:id" resource part.
func (g *gen) simplePart(part string) string {
	typ, id, _ := strings.Cut(part, ":")
	switch g.intn(6) {
	case 0, 1:
		return part
	case 2:
		return typ + ":*"
	case 3:
		return typ + ":" + id[:4] + "*"
	case 4:
		return "*"
	}
	return pick(g, []string{"event-source-mapping:" + g.w.esms[1], "code-signing-config:" + g.w.cscs[1], "function:*"})
}

// ---- principals in policies ----------------------------------------------

func awsPrincipal(xs ...string) map[string]any {
	if len(xs) == 1 {
		return map[string]any{"AWS": xs[0]}
	}
	return map[string]any{"AWS": xs}
}

// principalElem returns the Principal of a resource-based policy
// statement. An Allow never names the caller directly ("*", its session or
// federated-user ARN) when noDirect is set.
func (g *gen) principalElem(allow bool) any {
	p := g.p
	other := acctOther
	if p.account == acctOther {
		other = acctMain
	}
	var cands []any
	add := func(weight int, v any) {
		for i := 0; i < weight; i++ {
			cands = append(cands, v)
		}
	}
	direct := allow && g.noDirect // grants that must be avoided
	if !direct {
		add(4, "*")
		add(2, "AWS*")
	}
	switch p.kind {
	case pUser:
		add(6, p.arn)
		add(2, userARN(p.account, pick(g, g.w.users)))
	case pSession:
		if !direct {
			add(3, p.arn)
		}
		add(6, p.role.arn())
		add(1, "arn:aws:sts::"+p.account+":assumed-role/"+p.role.name+"/other-session")
	case pRole:
		add(6, p.arn)
	case pFederated:
		if !direct {
			add(3, p.arn)
		}
		add(1, userARN(p.account, pick(g, g.w.users)))
	case pService:
		add(8, "svc:"+p.name)
		add(2, "svc:"+pick(g, g.w.services))
		add(1, "svc:*all")
	}
	if p.account != "" {
		add(4, p.account)
		add(3, "arn:aws:iam::"+p.account+":root")
	}
	add(2, other)
	add(1, userARN(other, pick(g, g.w.users)))

	c := pick(g, cands).(string)
	switch {
	case c == "*":
		return "*"
	case c == "AWS*":
		if g.chance(0.3) {
			return map[string]any{"AWS": []string{"*"}}
		}
		return awsPrincipal("*")
	case c == "svc:*all":
		return map[string]any{"Service": append([]string(nil), g.w.services...)}
	case strings.HasPrefix(c, "svc:"):
		return map[string]any{"Service": strings.TrimPrefix(c, "svc:")}
	}
	m := awsPrincipal(c)
	if p.iam() && g.chance(0.2) {
		// Several entries, in a list or under several keys: OR.
		if extra := "arn:aws:iam::" + other + ":root"; c != extra {
			m["AWS"] = []string{c, extra}
		}
		if g.chance(0.3) {
			m["Service"] = pick(g, g.w.services)
		}
	}
	return m
}

// notPrincipal returns a NotPrincipal value that either names every level
// of the caller's identity (account, then user, role and session, or
// federated user) or names none of them. A list naming only some levels
// is left out: AWS then denies the unnamed levels (rule M4, with AWS's
// NotPrincipal examples), while the reference evaluator exempts any caller
// that one entry matches.
func (g *gen) notPrincipal() any {
	p := g.p
	other := acctOther
	if p.account == acctOther {
		other = acctMain
	}
	var list []string
	if g.chance(0.5) {
		if g.chance(0.5) {
			list = append(list, p.account)
		} else {
			list = append(list, "arn:aws:iam::"+p.account+":root")
		}
		switch p.kind {
		case pUser, pFederated, pRole:
			list = append(list, p.arn)
		case pSession:
			list = append(list, p.role.arn(), p.arn)
		}
	}
	for _, x := range []string{
		"arn:aws:iam::" + other + ":root", other, "arn:aws:iam::" + other + ":user/alice",
		"arn:aws:iam::" + p.account + ":user/carol",
		"arn:aws:sts::" + p.account + ":assumed-role/" + p.role.name + "/other-session",
	} {
		if g.chance(0.2) && !(p.kind != pSession && strings.Contains(x, "assumed-role")) {
			list = append(list, x)
		}
	}
	if len(list) == 0 {
		list = append(list, "arn:aws:iam::"+other+":root")
	}
	g.r.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
	return awsPrincipal(list...)
}

// trustPrincipal returns the Principal of a role trust policy statement.
// "*" is left out: whether a same-account "*" trust needs an identity
// Allow is not settled (rule E3a names only ARNs and services).
func (g *gen) trustPrincipal() any {
	p := g.p
	other := acctOther
	if p.account == acctOther {
		other = acctMain
	}
	switch g.weighted(20, 20, 15, 10, 10, 10, 15) {
	case 0:
		return awsPrincipal(p.account)
	case 1:
		return awsPrincipal("arn:aws:iam::" + p.account + ":root")
	case 2:
		switch p.kind {
		case pUser:
			return awsPrincipal(p.arn)
		case pSession:
			return awsPrincipal(p.role.arn())
		}
		return awsPrincipal("arn:aws:iam::" + p.account + ":user/alice")
	case 3:
		if p.kind == pSession {
			return awsPrincipal(p.arn)
		}
		return awsPrincipal(userARN(p.account, "bob"))
	case 4:
		return map[string]any{"Service": "lambda.amazonaws.com"}
	case 5:
		return awsPrincipal(other)
	}
	return awsPrincipal("arn:aws:iam::"+p.account+":root", "arn:aws:iam::"+other+":root")
}

// withoutTrustActions replaces the action names internal/caseload reads as
// marking a role trust policy (sts:AssumeRole*, sts:TagSession,
// sts:SetSourceIdentity, in any case) by "sts:*".
func withoutTrustActions(acts []string) []string {
	out := acts[:0]
	for _, a := range acts {
		svc, name, _ := strings.Cut(a, ":")
		name = strings.ToLower(name)
		if strings.EqualFold(svc, "sts") && (strings.HasPrefix(name, "assumerole") || name == "tagsession" || name == "setsourceidentity") {
			a = "sts:*"
		}
		out = append(out, a)
	}
	return dedupe(out)
}
