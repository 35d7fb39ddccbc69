package metamorphic

import (
	"slices"

	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/policy"
)

// World is one authorization question: the policies that take part and the
// request. Transformations never change a World in place: they copy what
// they change (documents, statements, lists), so that a World and its
// variants share everything else safely.
type World struct {
	Policies evaluate.Policies
	Request  evaluate.Request
}

// slot names one policy of a World.
type slot struct {
	typ     evaluate.PolicyType
	index   int // identity index; SCP level
	inLevel int // index within an SCP level
}

// ref is a policy of a World and where it sits.
type ref struct {
	slot
	named *evaluate.Named
}

// refs lists every policy of w, in a fixed order.
func (w *World) refs() []ref {
	var out []ref
	for i := range w.Policies.Identity {
		out = append(out, ref{slot{typ: evaluate.IdentityBasedPolicy, index: i}, &w.Policies.Identity[i]})
	}
	if w.Policies.Resource != nil {
		out = append(out, ref{slot{typ: evaluate.ResourceBasedPolicy}, w.Policies.Resource})
	}
	if w.Policies.Boundary != nil {
		out = append(out, ref{slot{typ: evaluate.PermissionsBoundary}, w.Policies.Boundary})
	}
	if w.Policies.Session != nil {
		out = append(out, ref{slot{typ: evaluate.SessionPolicy}, w.Policies.Session})
	}
	for l, level := range w.Policies.SCPs {
		for i := range level {
			out = append(out, ref{slot{typ: evaluate.ServiceControlPolicy, index: l, inLevel: i}, &w.Policies.SCPs[l][i]})
		}
	}
	return out
}

// clone returns a copy of w whose policy lists can be changed without
// touching w; the documents themselves are still shared.
func (w *World) clone() World {
	c := *w
	c.Policies.Identity = slices.Clone(w.Policies.Identity)
	c.Policies.SCPs = make([][]evaluate.Named, len(w.Policies.SCPs))
	for i, l := range w.Policies.SCPs {
		c.Policies.SCPs[i] = slices.Clone(l)
	}
	c.Policies.RCPs = nil
	if w.Policies.Resource != nil {
		r := *w.Policies.Resource
		c.Policies.Resource = &r
	}
	if w.Policies.Boundary != nil {
		b := *w.Policies.Boundary
		c.Policies.Boundary = &b
	}
	if w.Policies.Session != nil {
		s := *w.Policies.Session
		c.Policies.Session = &s
	}
	return c
}

// at returns the policy of c in slot s (c a clone of the World the slot
// came from), to be replaced.
func (c *World) at(s slot) *evaluate.Named {
	switch s.typ {
	case evaluate.IdentityBasedPolicy:
		return &c.Policies.Identity[s.index]
	case evaluate.ResourceBasedPolicy:
		return c.Policies.Resource
	case evaluate.PermissionsBoundary:
		return c.Policies.Boundary
	case evaluate.SessionPolicy:
		return c.Policies.Session
	}
	return &c.Policies.SCPs[s.index][s.inLevel]
}

// withDoc returns a copy of d whose statement list can be changed.
func withDoc(d *policy.Document) *policy.Document {
	c := *d
	c.Statements = slices.Clone(d.Statements)
	return &c
}

// renumber sets each statement's Index to its position, as Parse would.
func renumber(d *policy.Document) {
	for i := range d.Statements {
		d.Statements[i].Index = i
	}
}

// rekind returns a copy of d as a document of kind k, with Sids that every
// kind accepts.
func rekind(d *policy.Document, k policy.Kind) *policy.Document {
	c := withDoc(d)
	c.Kind = k
	for i := range c.Statements {
		if c.Statements[i].Sid != "" {
			c.Statements[i].Sid = "K" + itoa(i)
		}
	}
	return c
}

// contextOf copies a request context with every key respelled by f.
func contextOf(ctx *condition.Context, f func(string) string) *condition.Context {
	if ctx == nil {
		return nil
	}
	out := new(condition.Context)
	for _, k := range ctx.Keys() {
		v, _ := ctx.Lookup(k)
		if v.Multi() {
			out.SetMulti(f(k), v.Strings())
		} else {
			out.Set(f(k), v.At(0))
		}
	}
	return out
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
