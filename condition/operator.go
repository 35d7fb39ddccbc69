package condition

import (
	"fmt"
	"strings"
)

// Base is a condition operator without its set qualifier or IfExists
// suffix: StringEquals, NumericLessThan, Null, ...
type Base uint8

// The base operators, in the order of AWS's condition operator reference.
const (
	InvalidBase Base = iota
	StringEquals
	StringNotEquals
	StringEqualsIgnoreCase
	StringNotEqualsIgnoreCase
	StringLike
	StringNotLike
	NumericEquals
	NumericNotEquals
	NumericLessThan
	NumericLessThanEquals
	NumericGreaterThan
	NumericGreaterThanEquals
	DateEquals
	DateNotEquals
	DateLessThan
	DateLessThanEquals
	DateGreaterThan
	DateGreaterThanEquals
	Bool
	BinaryEquals
	IPAddress
	NotIPAddress
	ArnEquals
	ArnLike
	ArnNotEquals
	ArnNotLike
	Null
	numBases
)

var baseNames = [numBases]string{
	InvalidBase:               "",
	StringEquals:              "StringEquals",
	StringNotEquals:           "StringNotEquals",
	StringEqualsIgnoreCase:    "StringEqualsIgnoreCase",
	StringNotEqualsIgnoreCase: "StringNotEqualsIgnoreCase",
	StringLike:                "StringLike",
	StringNotLike:             "StringNotLike",
	NumericEquals:             "NumericEquals",
	NumericNotEquals:          "NumericNotEquals",
	NumericLessThan:           "NumericLessThan",
	NumericLessThanEquals:     "NumericLessThanEquals",
	NumericGreaterThan:        "NumericGreaterThan",
	NumericGreaterThanEquals:  "NumericGreaterThanEquals",
	DateEquals:                "DateEquals",
	DateNotEquals:             "DateNotEquals",
	DateLessThan:              "DateLessThan",
	DateLessThanEquals:        "DateLessThanEquals",
	DateGreaterThan:           "DateGreaterThan",
	DateGreaterThanEquals:     "DateGreaterThanEquals",
	Bool:                      "Bool",
	BinaryEquals:              "BinaryEquals",
	IPAddress:                 "IpAddress",
	NotIPAddress:              "NotIpAddress",
	ArnEquals:                 "ArnEquals",
	ArnLike:                   "ArnLike",
	ArnNotEquals:              "ArnNotEquals",
	ArnNotLike:                "ArnNotLike",
	Null:                      "Null",
}

// String returns the operator's name as AWS spells it ("IpAddress").
func (b Base) String() string {
	if b >= numBases {
		return fmt.Sprintf("Base(%d)", uint8(b))
	}
	return baseNames[b]
}

// Family is the kind of value a base operator compares.
type Family uint8

// The operator families.
const (
	InvalidFamily Family = iota
	FamilyString
	FamilyNumeric
	FamilyDate
	FamilyBool
	FamilyBinary
	FamilyIP
	FamilyARN
	FamilyNull
)

var familyNames = [...]string{"", "String", "Numeric", "Date", "Bool", "Binary", "IP", "ARN", "Null"}

// String returns the family's name ("Numeric").
func (f Family) String() string {
	if int(f) >= len(familyNames) {
		return fmt.Sprintf("Family(%d)", uint8(f))
	}
	return familyNames[f]
}

// Family returns the family of values b compares.
func (b Base) Family() Family {
	switch {
	case b >= StringEquals && b <= StringNotLike:
		return FamilyString
	case b >= NumericEquals && b <= NumericGreaterThanEquals:
		return FamilyNumeric
	case b >= DateEquals && b <= DateGreaterThanEquals:
		return FamilyDate
	case b == Bool:
		return FamilyBool
	case b == BinaryEquals:
		return FamilyBinary
	case b == IPAddress || b == NotIPAddress:
		return FamilyIP
	case b >= ArnEquals && b <= ArnNotLike:
		return FamilyARN
	case b == Null:
		return FamilyNull
	}
	return InvalidFamily
}

// Negated reports whether b is a negated operator: its name contains "Not"
// (StringNotEquals, NotIpAddress, ArnNotLike, ...). Negated operators
// combine several policy values as NOR and are true when the key is absent
// (rules C1, C2).
func (b Base) Negated() bool {
	switch b {
	case StringNotEquals, StringNotEqualsIgnoreCase, StringNotLike,
		NumericNotEquals, DateNotEquals, NotIPAddress, ArnNotEquals, ArnNotLike:
		return true
	}
	return false
}

// AllowsVariables reports whether policy variables may appear in the
// values of b: only String and ARN operators take them (rule C3).
func (b Base) AllowsVariables() bool {
	f := b.Family()
	return f == FamilyString || f == FamilyARN
}

// Set is the set qualifier of an operator.
type Set uint8

// The set qualifiers.
const (
	// Single is an operator without a set qualifier.
	Single Set = iota
	// ForAllValues is the "ForAllValues:" qualifier.
	ForAllValues
	// ForAnyValue is the "ForAnyValue:" qualifier.
	ForAnyValue
)

// String returns "", "ForAllValues" or "ForAnyValue".
func (s Set) String() string {
	switch s {
	case ForAllValues:
		return "ForAllValues"
	case ForAnyValue:
		return "ForAnyValue"
	}
	return ""
}

// Operator is a complete condition operator as written in a policy:
// an optional set qualifier, a base operator and an optional IfExists
// suffix. The zero value is invalid. Operator is comparable.
type Operator struct {
	Set      Set
	Base     Base
	IfExists bool
}

// String returns the operator as written in a policy
// ("ForAnyValue:StringLikeIfExists").
func (o Operator) String() string {
	var b strings.Builder
	if o.Set != Single {
		b.WriteString(o.Set.String())
		b.WriteByte(':')
	}
	b.WriteString(o.Base.String())
	if o.IfExists {
		b.WriteString("IfExists")
	}
	return b.String()
}

// Valid reports whether o names an operator AWS accepts.
func (o Operator) Valid() bool {
	if o.Base == InvalidBase || o.Base >= numBases || o.Set > ForAnyValue {
		return false
	}
	if o.Base == Null && (o.IfExists || o.Set != Single) {
		return false
	}
	return true
}

// OperatorError reports a condition operator name that is not one of
// AWS's operators. Names are case-sensitive (rule G8).
type OperatorError struct {
	Name string
	// Hint is the canonical spelling when Name differs from a real
	// operator only in case, and "" otherwise.
	Hint string
}

// Error returns the message, with the canonical spelling when Hint is set.
func (e *OperatorError) Error() string {
	if e.Hint != "" {
		return fmt.Sprintf("unknown condition operator %q (operator names are case-sensitive: did you mean %q?)", e.Name, e.Hint)
	}
	return fmt.Sprintf("unknown condition operator %q", e.Name)
}

// ParseOperator parses a condition operator name such as "StringEquals",
// "NumericLessThanIfExists" or "ForAnyValue:StringLike". Matching is
// case-sensitive, as in IAM: "stringEquals" is an error. Null takes neither
// IfExists nor a set qualifier. The error is an *OperatorError.
func ParseOperator(name string) (Operator, error) {
	op, ok := parseOperator(name)
	if ok {
		return op, nil
	}
	e := &OperatorError{Name: name}
	if folded, ok := foldOperator(name); ok {
		e.Hint = folded.String()
	}
	return Operator{}, e
}

func parseOperator(name string) (Operator, bool) {
	var op Operator
	rest := name
	if r, ok := strings.CutPrefix(rest, "ForAllValues:"); ok {
		op.Set, rest = ForAllValues, r
	} else if r, ok := strings.CutPrefix(rest, "ForAnyValue:"); ok {
		op.Set, rest = ForAnyValue, r
	}
	if r, ok := strings.CutSuffix(rest, "IfExists"); ok && r != "" {
		if b := lookupBase(r); b != InvalidBase {
			op.Base, op.IfExists = b, true
			return op, op.Valid()
		}
	}
	op.Base = lookupBase(rest)
	return op, op.Valid()
}

func lookupBase(s string) Base {
	for b := StringEquals; b < numBases; b++ {
		if baseNames[b] == s {
			return b
		}
	}
	return InvalidBase
}

// foldOperator finds the operator that name spells in another case.
func foldOperator(name string) (Operator, bool) {
	var op Operator
	rest := name
	if len(rest) >= len("ForAllValues:") && strings.EqualFold(rest[:len("ForAllValues:")], "ForAllValues:") {
		op.Set, rest = ForAllValues, rest[len("ForAllValues:"):]
	} else if len(rest) >= len("ForAnyValue:") && strings.EqualFold(rest[:len("ForAnyValue:")], "ForAnyValue:") {
		op.Set, rest = ForAnyValue, rest[len("ForAnyValue:"):]
	}
	if n := len(rest) - len("IfExists"); n > 0 && strings.EqualFold(rest[n:], "IfExists") {
		if b := lookupBaseFold(rest[:n]); b != InvalidBase {
			op.Base, op.IfExists = b, true
			return op, op.Valid()
		}
	}
	op.Base = lookupBaseFold(rest)
	return op, op.Valid()
}

func lookupBaseFold(s string) Base {
	for b := StringEquals; b < numBases; b++ {
		if strings.EqualFold(baseNames[b], s) {
			return b
		}
	}
	return InvalidBase
}

// Operators returns every base operator, in the order of AWS's reference.
func Operators() []Base {
	out := make([]Base, 0, numBases-1)
	for b := StringEquals; b < numBases; b++ {
		out = append(out, b)
	}
	return out
}
