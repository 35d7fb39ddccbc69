package policy

import (
	"fmt"

	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/tidwall/gjson"
)

// conditions parses a Condition block (C1).
func (p *parser) conditions(v gjson.Result) []Condition {
	conds := make([]Condition, 0)
	if !v.IsObject() {
		p.errf(v.Index, CodeInvalidType, `Condition must be an object such as {"StringEquals": {"aws:PrincipalTag/team": "payments"}}, found %s`, article(typeName(v)))
		p.scan(v)
		return conds
	}
	var ops keySet
	v.ForEach(func(opKey, opVal gjson.Result) bool {
		name := opKey.Str
		if !ops.add(name) {
			p.duplicate(opKey.Index, name)
			p.push(name)
			p.scan(opVal)
			p.pop()
			return true
		}
		p.push(name)
		defer p.pop()
		op, err := condition.ParseOperator(name)
		if err != nil {
			p.errf(opKey.Index, CodeUnknownOperator, "%s", err.Error())
			p.scan(opVal)
			return true
		}
		if !opVal.IsObject() {
			p.errf(opVal.Index, CodeInvalidType, `the value of %s must be an object mapping condition keys to values, such as {"aws:SourceAccount": "111122223333"}, found %s`, name, article(typeName(opVal)))
			p.scan(opVal)
			return true
		}
		var keys keySet
		opVal.ForEach(func(k, vals gjson.Result) bool {
			key := k.Str
			if !keys.add(key) {
				p.duplicate(k.Index, key)
				p.push(key)
				p.scan(vals)
				p.pop()
				return true
			}
			p.push(key)
			pos := p.loc.pos(k.Index)
			if key == "" {
				p.errf(k.Index, CodeInvalidCondition, "empty condition key (want a key such as \"aws:SourceArn\")")
			}
			conds = append(conds, Condition{Operator: op, Key: key, Values: p.condValues(vals, op), Pos: pos})
			p.pop()
			return true
		})
		return true
	})
	return conds
}

// condValues parses the values of one condition key (G7) and checks each
// with condition.CheckValue.
func (p *parser) condValues(v gjson.Result, op condition.Operator) []string {
	const want = "a condition value must be a string, a boolean or a number, or an array of them"
	if s, ok := scalar(v); ok {
		p.checkValue(op, s, v.Index)
		return []string{s}
	}
	if !v.IsArray() {
		p.errf(v.Index, CodeInvalidType, "%s; found %s", want, article(typeName(v)))
		p.scan(v)
		return []string{}
	}
	var out strBuf
	i := 0
	v.ForEach(func(_, e gjson.Result) bool {
		p.pushIdx(i)
		if s, ok := scalar(e); ok {
			p.checkValue(op, s, e.Index)
			out.add(s)
		} else {
			p.errf(e.Index, CodeInvalidType, "%s; found %s", want, article(typeName(e)))
			p.scan(e)
		}
		p.pop()
		i++
		return true
	})
	if i == 0 {
		p.errf(v.Index, CodeEmptyArray, "the condition key has an empty array of values; want at least one value")
	}
	return out.list()
}

// strBuf collects a list of strings, allocating once for short lists.
type strBuf struct {
	buf   [8]string
	n     int
	spill []string
}

func (b *strBuf) add(s string) {
	switch {
	case b.spill != nil:
		b.spill = append(b.spill, s)
	case b.n < len(b.buf):
		b.buf[b.n] = s
		b.n++
	default:
		b.spill = make([]string, b.n, 2*b.n)
		copy(b.spill, b.buf[:b.n])
		b.spill = append(b.spill, s)
	}
}

// list returns the strings in a non-nil slice of their own.
func (b *strBuf) list() []string {
	if b.spill != nil {
		return b.spill
	}
	out := make([]string, b.n)
	copy(out, b.buf[:b.n])
	return out
}

// scalar returns a condition value as a string: a JSON string's contents,
// or the JSON text of a number or boolean (G7).
func scalar(v gjson.Result) (string, bool) {
	switch v.Type {
	case gjson.String:
		return v.Str, true
	case gjson.True:
		return "true", true
	case gjson.False:
		return "false", true
	case gjson.Number:
		return v.Raw, true
	}
	return "", false
}

func (p *parser) checkValue(op condition.Operator, s string, off int) {
	err := condition.CheckValue(op.Base, s, p.variables)
	if err == nil {
		return
	}
	// The condition package's messages name the operator and the value.
	msg := err.Error()
	if msg == "" {
		msg = fmt.Sprintf("%q is not a valid %s value", s, op.Base)
	}
	p.errf(off, CodeInvalidConditionValue, "%s", msg)
}
