package condition

import (
	"strings"
	"testing"
)

// negations pairs each positive operator with its negation.
var negations = map[Base]Base{
	StringEquals: StringNotEquals, StringEqualsIgnoreCase: StringNotEqualsIgnoreCase, StringLike: StringNotLike,
	NumericEquals: NumericNotEquals, DateEquals: DateNotEquals, ArnEquals: ArnNotEquals, ArnLike: ArnNotLike,
}

// FuzzOperator checks the operators on any operator name, policy value
// and request value (sel picks the base operator):
//   - ParseOperator round-trips the names it accepts and rejects the rest
//     with an *OperatorError;
//   - for the base operator, CheckValue and Compile accept the same
//     values, and a compiled condition evaluates without panicking with
//     the key present, missing, empty and multivalued, under every set
//     qualifier and with IfExists;
//   - a missing key makes ForAllValues true and ForAnyValue false (C2,
//     C5), and Null "true" true;
//   - on a single value its family can read, an operator and its negation
//     disagree (C1).
func FuzzOperator(f *testing.F) {
	for _, s := range []struct{ name, value, req string }{
		{"StringEquals", "prod", "prod"},
		{"ForAnyValue:StringLikeIfExists", "a*b?", "axxbc"},
		{"NumericLessThanEquals", "10.5", "10.50"},
		{"DateGreaterThan", "2026-01-01T00:00:00Z", "1798761600"},
		{"ArnLike", "arn:aws:lambda:*:*:function:f*", "arn:aws:lambda:us-east-1:1:function:fx"},
		{"Bool", "TRUE", "true"},
		{"BinaryEquals", "YQ==", "YQ=="},
		{"NotIpAddress", "10.0.0.0/8", "10.1.2.3"},
		{"Null", "false", ""},
		{"stringEquals", "${aws:username}", "x"},
		{"ForAllValues:Null", "true", "x"},
	} {
		op, _ := ParseOperator(s.name)
		f.Add(s.name, s.value, s.req, uint8(op.Base))
	}
	bases := Operators()
	f.Fuzz(func(t *testing.T, name, value, req string, sel uint8) {
		if op, err := ParseOperator(name); err == nil {
			if op.String() != name || !op.Valid() {
				t.Fatalf("ParseOperator(%q) = %v (valid %v)", name, op, op.Valid())
			}
		} else if _, ok := err.(*OperatorError); !ok {
			t.Fatalf("ParseOperator(%q) error %T", name, err)
		}
		present := &Env{Ctx: NewContext(map[string][]string{"k": {req}})}
		envs := []*Env{
			present,
			{},
			{Ctx: NewContext(map[string][]string{"k": {}})},
			{Ctx: NewContext(map[string][]string{"k": {req, value}})},
		}
		for _, b := range []Base{bases[int(sel)%len(bases)]} {
			for _, vars := range []bool{false, true} {
				checkErr := CheckValue(b, value, vars)
				c, err := Compile(Operator{Base: b}, "k", []string{value}, vars, Options{})
				if (checkErr == nil) != (err == nil) {
					t.Fatalf("%v %q (variables %v): CheckValue %v, Compile %v", b, value, vars, checkErr, err)
				}
				if err != nil {
					continue
				}
				for _, set := range []Set{Single, ForAllValues, ForAnyValue} {
					for _, ifExists := range []bool{false, true} {
						op := Operator{Set: set, Base: b, IfExists: ifExists}
						oc, err := Compile(op, "k", []string{value}, vars, Options{})
						if !op.Valid() {
							if err == nil {
								t.Fatalf("invalid operator %v compiled", op)
							}
							continue
						}
						if err != nil {
							t.Fatalf("%v %q: %v", op, value, err)
						}
						for _, env := range envs {
							// EvalSlot (with its fast path for literal
							// equality) answers as Eval does.
							if got, want := oc.EvalSlot(env, 0), oc.Eval(env); got != want {
								t.Fatalf("%v %q against %v: EvalSlot %v, Eval %v", op, value, env.Ctx, got, want)
							}
							env.ResetDefaults()
						}
						missing := oc.Eval(&Env{})
						if oc.FalseWhenMissing() && (missing || oc.EvalSlot(&Env{}, 0)) {
							t.Fatalf("%v says it is false on a missing key, and is true", op)
						}
						switch {
						case b == Null:
						case set == ForAllValues && !missing:
							t.Fatalf("%v on a missing key is false", op)
						case set == ForAnyValue && missing:
							t.Fatalf("%v on a missing key is true", op)
						}
					}
				}
				neg, ok := negations[b]
				if !ok || (vars && strings.Contains(value, "${")) {
					continue
				}
				n, err := Compile(Operator{Base: neg}, "k", []string{value}, vars, Options{})
				if err != nil {
					t.Fatalf("%v accepts %q but %v does not: %v", b, value, neg, err)
				}
				readable := true
				switch b.Family() {
				case FamilyNumeric, FamilyDate:
					readable = CheckValue(b, req, false) == nil
				}
				if pos, ng := c.Eval(present), n.Eval(present); readable && pos == ng {
					t.Fatalf("%v and %v agree (%v) on %q against %q", b, neg, pos, req, value)
				} else if !readable && (pos || ng) {
					t.Fatalf("unreadable %q satisfies %v %v / %v %v", req, b, pos, neg, ng)
				}
			}
		}
		if nc, err := Compile(Operator{Base: Null}, "k", []string{"true"}, false, Options{}); err != nil || !nc.Eval(&Env{}) {
			t.Fatalf("Null true on a missing key: %v", err)
		}
	})
}
