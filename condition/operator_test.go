package condition

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseOperator(t *testing.T) {
	type result struct {
		Op   Operator
		Err  bool
		Hint string
	}
	rows := []struct {
		name string
		in   string
		want result
	}{
		{"C4/string-equals", "StringEquals", result{Op: Operator{Base: StringEquals}}},
		{"C4/ip-address-spelling", "IpAddress", result{Op: Operator{Base: IPAddress}}},
		{"C4/not-ip-address", "NotIpAddress", result{Op: Operator{Base: NotIPAddress}}},
		{"C4/null", "Null", result{Op: Operator{Base: Null}}},
		{"C4.10/if-exists", "NumericLessThanIfExists", result{Op: Operator{Base: NumericLessThan, IfExists: true}}},
		{"C4.10/set-and-if-exists", "ForAllValues:StringLikeIfExists",
			result{Op: Operator{Set: ForAllValues, Base: StringLike, IfExists: true}}},
		{"C5/for-any-value", "ForAnyValue:ArnLike", result{Op: Operator{Set: ForAnyValue, Base: ArnLike}}},
		{"C4.9/null-if-exists-rejected", "NullIfExists", result{Err: true}},
		{"C4.9/null-with-forallvalues-rejected", "ForAllValues:Null", result{Err: true}},
		{"C4.9/null-with-foranyvalue-rejected", "ForAnyValue:Null", result{Err: true}},
		{"G8/lower-case-first-letter", "stringEquals", result{Err: true, Hint: "StringEquals"}},
		{"G8/all-lower-case", "arnnotlike", result{Err: true, Hint: "ArnNotLike"}},
		{"G8/set-prefix-case", "forAnyValue:StringLike", result{Err: true, Hint: "ForAnyValue:StringLike"}},
		{"G8/if-exists-case", "StringEqualsIfexists", result{Err: true, Hint: "StringEqualsIfExists"}},
		{"G8/ip-address-case", "IPAddress", result{Err: true, Hint: "IpAddress"}},
		{"G8/null-if-exists-any-case-no-hint", "nullIfExists", result{Err: true}},
		{"G.37/string-equals-lower-is-error", "stringequals", result{Err: true, Hint: "StringEquals"}},
		{"C4/unknown-operator", "StringEqualz", result{Err: true}},
		{"C4/empty", "", result{Err: true}},
		{"C4/if-exists-alone", "IfExists", result{Err: true}},
		{"C4/set-alone", "ForAllValues:", result{Err: true}},
		{"C5/unknown-set-prefix", "ForSomeValues:StringEquals", result{Err: true}},
		{"C4.10/double-if-exists", "StringEqualsIfExistsIfExists", result{Err: true}},
		{"C4/space", " StringEquals", result{Err: true}},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			op, err := ParseOperator(r.in)
			got := result{Op: op, Err: err != nil}
			if err != nil {
				var oe *OperatorError
				if !errors.As(err, &oe) {
					t.Fatalf("error %T is not *OperatorError", err)
				}
				got.Hint = oe.Hint
				if oe.Name != r.in {
					t.Errorf("OperatorError.Name = %q, want %q", oe.Name, r.in)
				}
			}
			if diff := cmp.Diff(r.want, got); diff != "" {
				t.Errorf("ParseOperator(%q) (-want +got):\n%s", r.in, diff)
			}
		})
	}
}

// TestOperatorRoundTrip checks that every valid operator's String parses
// back to it.
func TestOperatorRoundTrip(t *testing.T) {
	for _, b := range Operators() {
		for _, set := range []Set{Single, ForAllValues, ForAnyValue} {
			for _, ie := range []bool{false, true} {
				op := Operator{Set: set, Base: b, IfExists: ie}
				got, err := ParseOperator(op.String())
				if !op.Valid() {
					if err == nil {
						t.Errorf("C4.9/%s: invalid operator parsed", op)
					}
					continue
				}
				if diff := cmp.Diff(op, got); diff != "" || err != nil {
					t.Errorf("C4/%s round trip: err %v (-want +got):\n%s", op, err, diff)
				}
			}
		}
	}
}

func TestOperatorProperties(t *testing.T) {
	type props struct {
		Family  string
		Negated bool
		Vars    bool
	}
	got := map[string]props{}
	for _, b := range Operators() {
		got[b.String()] = props{b.Family().String(), b.Negated(), b.AllowsVariables()}
	}
	want := map[string]props{
		"StringEquals": {"String", false, true}, "StringNotEquals": {"String", true, true},
		"StringEqualsIgnoreCase": {"String", false, true}, "StringNotEqualsIgnoreCase": {"String", true, true},
		"StringLike": {"String", false, true}, "StringNotLike": {"String", true, true},
		"NumericEquals": {"Numeric", false, false}, "NumericNotEquals": {"Numeric", true, false},
		"NumericLessThan": {"Numeric", false, false}, "NumericLessThanEquals": {"Numeric", false, false},
		"NumericGreaterThan": {"Numeric", false, false}, "NumericGreaterThanEquals": {"Numeric", false, false},
		"DateEquals": {"Date", false, false}, "DateNotEquals": {"Date", true, false},
		"DateLessThan": {"Date", false, false}, "DateLessThanEquals": {"Date", false, false},
		"DateGreaterThan": {"Date", false, false}, "DateGreaterThanEquals": {"Date", false, false},
		"Bool": {"Bool", false, false}, "BinaryEquals": {"Binary", false, false},
		"IpAddress": {"IP", false, false}, "NotIpAddress": {"IP", true, false},
		"ArnEquals": {"ARN", false, true}, "ArnLike": {"ARN", false, true},
		"ArnNotEquals": {"ARN", true, true}, "ArnNotLike": {"ARN", true, true},
		"Null": {"Null", false, false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("C1,C3/operator properties (-want +got):\n%s", diff)
	}
}
