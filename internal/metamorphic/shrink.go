package metamorphic

import (
	"slices"

	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/policy"
)

// maxShrinkSteps bounds the candidates shrink tries.
const maxShrinkSteps = 5000

// shrink returns a smallest World it finds, starting from w, on which
// fails still holds: it removes policies, SCP levels, statements, list
// entries, conditions, condition values and context keys one at a time,
// keeping each removal after which fails still holds, until none does.
func shrink(w World, fails func(*World) bool) World {
	steps := 0
	for progress := true; progress && steps < maxShrinkSteps; {
		progress = false
		for _, cand := range candidates(&w) {
			if steps++; steps > maxShrinkSteps {
				break
			}
			if fails(&cand) {
				w, progress = cand, true
				break
			}
		}
	}
	return w
}

// candidates returns every World one removal smaller than w.
func candidates(w *World) []World {
	var out []World
	p := &w.Policies
	for i := range p.Identity {
		c := w.clone()
		c.Policies.Identity = slices.Delete(c.Policies.Identity, i, i+1)
		out = append(out, c)
	}
	if p.Resource != nil {
		c := w.clone()
		c.Policies.Resource = nil
		out = append(out, c)
	}
	if p.Boundary != nil {
		c := w.clone()
		c.Policies.Boundary = nil
		out = append(out, c)
	}
	if p.Session != nil {
		c := w.clone()
		c.Policies.Session = nil
		out = append(out, c)
	}
	for l := range p.SCPs {
		c := w.clone()
		c.Policies.SCPs = slices.Delete(c.Policies.SCPs, l, l+1)
		out = append(out, c)
		for i := range p.SCPs[l] {
			if len(p.SCPs[l]) > 1 {
				c := w.clone()
				c.Policies.SCPs[l] = slices.Delete(c.Policies.SCPs[l], i, i+1)
				out = append(out, c)
			}
		}
	}
	for _, rf := range w.refs() {
		d := rf.named.Doc
		for j := range d.Statements {
			if len(d.Statements) > 1 {
				nd := withDoc(d)
				nd.Statements = slices.Delete(nd.Statements, j, j+1)
				renumber(nd)
				out = append(out, withPolicy(w, rf.slot, nd))
			}
			for _, st := range smallerStatements(d.Statements[j]) {
				nd := withDoc(d)
				nd.Statements[j] = st
				out = append(out, withPolicy(w, rf.slot, nd))
			}
		}
	}
	if ctx := w.Request.Context; ctx.Len() > 0 {
		for _, k := range ctx.Keys() {
			c := w.clone()
			c.Request.Context = without(ctx, k)
			out = append(out, c)
		}
	}
	return out
}

func withPolicy(w *World, s slot, d *policy.Document) World {
	c := w.clone()
	c.at(s).Doc = d
	return c
}

// smallerStatements returns the statements one removal smaller than st:
// one entry fewer in a list of several, one condition fewer, one value
// fewer in a condition of several.
func smallerStatements(st policy.Statement) []policy.Statement {
	var out []policy.Statement
	lists := []*[]string{&st.Action, &st.NotAction, &st.Resource, &st.NotResource}
	for li := range lists {
		l := *lists[li]
		for i := range l {
			if len(l) < 2 {
				break
			}
			c := st
			cl := []*[]string{&c.Action, &c.NotAction, &c.Resource, &c.NotResource}
			*cl[li] = slices.Delete(slices.Clone(l), i, i+1)
			out = append(out, c)
		}
	}
	for i, cond := range st.Conditions {
		c := st
		c.Conditions = slices.Delete(slices.Clone(st.Conditions), i, i+1)
		out = append(out, c)
		for j := range cond.Values {
			if len(cond.Values) < 2 {
				break
			}
			c := st
			c.Conditions = slices.Clone(st.Conditions)
			c.Conditions[i].Values = slices.Delete(slices.Clone(cond.Values), j, j+1)
			out = append(out, c)
		}
	}
	return out
}

// without returns a copy of ctx without key k.
func without(ctx *condition.Context, k string) *condition.Context {
	out := new(condition.Context)
	for _, key := range ctx.Keys() {
		if key == k {
			continue
		}
		v, _ := ctx.Lookup(key)
		if v.Multi() {
			out.SetMulti(key, v.Strings())
		} else {
			out.Set(key, v.At(0))
		}
	}
	return out
}
