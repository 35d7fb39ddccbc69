package metamorphic

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"

	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/internal/caseload"
	"github.com/lambdaiam/lambdaiam/internal/difftest"
	"github.com/lambdaiam/lambdaiam/policy"
)

// Violation is a relation that did not hold on a generated case.
type Violation struct {
	Seed     uint64
	Relation string
	Rule     string
	// Base and Variant are the decisions on the case and on its variant;
	// Want says what the relation allows.
	Base, Variant evaluate.Decision
	Want          string
	Detail        string
	// Case and VariantCase are the shrunk case and its variant in the
	// case format, ready for "lambdaiam eval".
	Case, VariantCase []byte
}

// String reports the violation with the shrunk case.
func (v Violation) String() string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "seed %d: %s (%s): %v became %v, want %s", v.Seed, v.Relation, v.Rule, v.Base, v.Variant, v.Want)
	if v.Detail != "" {
		fmt.Fprintf(&b, "; %s", v.Detail)
	}
	fmt.Fprintf(&b, "\n  case:    %s", v.Case)
	if v.VariantCase != nil {
		fmt.Fprintf(&b, "\n  variant: %s", v.VariantCase)
	}
	return b.String()
}

// Checker applies every relation to generated cases. It is not safe for
// concurrent use; make one per goroutine.
type Checker struct {
	relations []Relation
	donors    []World
	// Validate, when not zero, round-trips the documents of every
	// Validate-th case's variants through MarshalJSON and policy.Parse,
	// to show that the variants are valid policies of their kind.
	Validate uint64
	// Stats counts, per relation, the variants checked and, per decision
	// pair "Base>Variant", how often each occurred.
	Stats map[string]int
}

// donorSeeds are the generator seeds of the documents added by the
// add-boundary, add-session-policy and add-scp-level relations, besides
// the case's own identity policies.
const (
	donorFirst = 1 << 40
	donorCount = 32
)

// NewChecker returns a Checker with every relation.
func NewChecker() (*Checker, error) {
	c := &Checker{relations: Relations(), Stats: map[string]int{}}
	for k := uint64(0); k < donorCount; k++ {
		w, err := Generate(donorFirst + k)
		if err != nil {
			return nil, err
		}
		c.donors = append(c.donors, w)
	}
	return c, nil
}

// Generate builds the World of generator seed seed (difftest.GenerateCase)
// through the case loader.
func Generate(seed uint64) (World, error) {
	line := difftest.GenerateCase(seed)
	cs := caseload.ParseLine(line, difftest.CaseName(seed), 1)
	if cs.Err != nil {
		return World{}, fmt.Errorf("seed %d: the generated case does not load: %w", seed, cs.Err)
	}
	return World{Policies: cs.Policies, Request: cs.Request}, nil
}

// outcome compiles w and decides it twice: Decide and Evaluate must agree.
type outcome struct {
	d   evaluate.Decision
	res evaluate.Result
	ok  bool // the set compiled and the request evaluated
}

func run(w *World) outcome {
	s, err := evaluate.Compile(w.Policies)
	if err != nil {
		return outcome{}
	}
	res := s.Evaluate(w.Request)
	return outcome{d: s.Decide(w.Request), res: res, ok: res.Err == nil}
}

// Check applies every relation to the case of seed and returns the
// violations, each with its case shrunk. An error means the case itself
// could not be built or evaluated.
func (c *Checker) Check(seed uint64) ([]Violation, error) {
	w, err := Generate(seed)
	if err != nil {
		return nil, err
	}
	base := run(&w)
	if !base.ok {
		return nil, fmt.Errorf("seed %d: the generated case does not evaluate: %v", seed, base.res.Err)
	}
	var out []Violation
	if base.d != base.res.Decision {
		out = append(out, Violation{Seed: seed, Relation: "decide-evaluate", Rule: "E3", Base: base.d, Variant: base.res.Decision,
			Want: "Decide and Evaluate to agree", Case: caseJSON(&w, seed, "decide-evaluate", base.d)})
	}
	if base.d == evaluate.ExplicitDeny {
		if detail := denyReasonsFail(&w, base.res); detail != "" {
			sw := shrink(w, func(x *World) bool {
				o := run(x)
				return o.ok && o.d == evaluate.ExplicitDeny && denyReasonsFail(x, o.res) != ""
			})
			so := run(&sw)
			out = append(out, Violation{Seed: seed, Relation: "explicit-deny-reason", Rule: "E8", Base: so.d, Variant: so.d,
				Want: "a Deny reason that applies on its own", Detail: denyReasonsFail(&sw, so.res),
				Case: caseJSON(&sw, seed, "explicit-deny-reason", so.d)})
		}
	}
	for i, rel := range c.relations {
		v, o, ok := c.apply(rel, i, &w, seed)
		if !ok {
			continue
		}
		c.Stats[rel.Name]++
		c.Stats[rel.Name+" "+base.d.String()+">"+o.d.String()]++
		if c.Validate > 0 && seed%c.Validate == 0 {
			if err := validDocs(&v); err != nil {
				out = append(out, Violation{Seed: seed, Relation: rel.Name, Rule: "A", Base: base.d, Variant: o.d,
					Want: "a valid variant", Detail: err.Error(), Case: caseJSON(&w, seed, rel.Name, base.d)})
			}
		}
		if !fails(rel, base.d, o) {
			continue
		}
		// Shrink: keep any smaller case on which the relation, applied
		// with the same randomness, still fails.
		sw := shrink(w, func(x *World) bool {
			xo := run(x)
			if !xo.ok {
				return false
			}
			_, vo, ok := c.apply(rel, i, x, seed)
			return ok && fails(rel, xo.d, vo)
		})
		sv, so, _ := c.apply(rel, i, &sw, seed)
		sd0 := run(&sw).d
		viol := Violation{Seed: seed, Relation: rel.Name, Rule: rel.Rule, Base: sd0, Variant: so.d, Want: rel.want,
			Case: caseJSON(&sw, seed, "base", sd0), VariantCase: caseJSON(&sv, seed, rel.Name, so.d)}
		if so.d != so.res.Decision {
			viol.Detail = "Decide gives " + so.d.String() + " but Evaluate " + so.res.Decision.String()
		}
		out = append(out, viol)
	}
	return out, nil
}

// apply builds relation i's variant of w with randomness from seed, and
// decides it. ok is false when the relation does not apply or the variant
// does not compile.
func (c *Checker) apply(rel Relation, i int, w *World, seed uint64) (World, outcome, bool) {
	m := &mutator{w: w, r: rand.New(rand.NewPCG(seed, uint64(i)+1)), seed: seed*31 + uint64(i), donors: c.donors}
	v, ok := rel.transform(m)
	if !ok {
		return World{}, outcome{}, false
	}
	o := run(&v)
	return v, o, o.ok
}

// fails reports whether the relation does not hold between base and
// variant, or Decide and Evaluate disagree on the variant.
func fails(rel Relation, d0 evaluate.Decision, o outcome) bool {
	return !rel.holds(d0, o.d) || o.d != o.res.Decision
}

// denyReasonsFail checks an ExplicitDeny result: it names at least one
// Deny statement, and each Deny statement it names, alone in its policy
// in the same slot, denies the request explicitly. It returns what is
// wrong, or "".
func denyReasonsFail(w *World, res evaluate.Result) string {
	n := 0
	for _, r := range res.Reasons {
		if r.Effect != policy.Deny {
			continue
		}
		n++
		alone, ok := aloneWorld(w, r)
		if !ok {
			return fmt.Sprintf("reason names statement %d of %q, which the case does not have", r.Statement, r.Policy)
		}
		if o := run(&alone); !o.ok || o.d != evaluate.ExplicitDeny {
			return fmt.Sprintf("statement %d of %q (%s) alone gives %v", r.Statement, r.Policy, r.Type, o.d)
		}
	}
	if n == 0 {
		return "no Deny statement among the reasons"
	}
	return ""
}

// aloneWorld is w with only the statement reason r names, in a policy of
// the same slot. A permissions boundary that allows everything stands in
// for w's own, when it has one, since a boundary changes what NotPrincipal
// means (G.22).
func aloneWorld(w *World, r evaluate.Reason) (World, bool) {
	for _, rf := range w.refs() {
		if rf.named.Name != r.Policy || rf.typ != r.Type {
			continue
		}
		for _, st := range rf.named.Doc.Statements {
			if st.Index != r.Statement {
				continue
			}
			d := withDoc(rf.named.Doc)
			d.Statements = d.Statements[:0:0]
			d.Statements = append(d.Statements, st)
			n := &evaluate.Named{Name: rf.named.Name, Doc: d}
			alone := World{Request: w.Request}
			switch rf.typ {
			case evaluate.IdentityBasedPolicy:
				alone.Policies.Identity = []evaluate.Named{*n}
			case evaluate.ResourceBasedPolicy:
				alone.Policies.Resource = n
			case evaluate.PermissionsBoundary:
				alone.Policies.Boundary = n
			case evaluate.SessionPolicy:
				alone.Policies.Session = n
			case evaluate.ServiceControlPolicy:
				alone.Policies.SCPs = [][]evaluate.Named{{*n}}
			}
			if w.Policies.Boundary != nil && alone.Policies.Boundary == nil {
				alone.Policies.Boundary = &evaluate.Named{Name: "allowAllBoundary", Doc: &policy.Document{Kind: policy.KindBoundary,
					Statements: []policy.Statement{{Effect: policy.Allow, Action: []string{"*"}, Resource: []string{"*"}}}}}
			}
			return alone, true
		}
	}
	return World{}, false
}

// validDocs checks that every document of w is a valid policy of its
// kind: its canonical JSON parses.
func validDocs(w *World) error {
	for _, rf := range w.refs() {
		b, err := rf.named.Doc.MarshalJSON()
		if err != nil {
			return fmt.Errorf("%s: %v", rf.named.Name, err)
		}
		if _, err := policy.Parse(b, policy.WithKind(rf.named.Doc.Kind)); err != nil {
			return fmt.Errorf("%s is not a valid %v policy: %v\n%s", rf.named.Name, rf.named.Doc.Kind, err, b)
		}
	}
	return nil
}

// caseJSON writes w in the case format, on one line.
func caseJSON(w *World, seed uint64, what string, d evaluate.Decision) []byte {
	type named struct {
		Name     string          `json:"name"`
		Document json.RawMessage `json:"document"`
	}
	doc := func(n *evaluate.Named) *named {
		if n == nil {
			return nil
		}
		b, err := n.Doc.MarshalJSON()
		if err != nil {
			b, _ = json.Marshal(err.Error())
		}
		return &named{Name: n.Name, Document: b}
	}
	c := caseload.CaseJSON[*named]{
		Name:      "metamorphic seed " + strconv.FormatUint(seed, 10) + " " + what,
		Principal: w.Request.Principal, Action: w.Request.Action, Resource: w.Request.Resource,
		ResourceAccount: w.Request.ResourceAccount,
		Expect:          d.String(),
	}
	if ctx := w.Request.Context; ctx.Len() > 0 {
		c.Context = map[string]any{}
		for _, k := range ctx.Keys() {
			v, _ := ctx.Lookup(k)
			if v.Multi() {
				c.Context[k] = v.Strings()
			} else {
				c.Context[k] = v.At(0)
			}
		}
	}
	for i := range w.Policies.Identity {
		c.IdentityPolicies = append(c.IdentityPolicies, doc(&w.Policies.Identity[i]))
	}
	c.ResourcePolicy, c.PermissionsBoundary, c.SessionPolicy = doc(w.Policies.Resource), doc(w.Policies.Boundary), doc(w.Policies.Session)
	for _, level := range w.Policies.SCPs {
		var l []*named
		for i := range level {
			l = append(l, doc(&level[i]))
		}
		c.SCPs = append(c.SCPs, l)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(c); err != nil {
		return []byte(err.Error())
	}
	return bytes.TrimSpace(b.Bytes())
}
