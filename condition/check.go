package condition

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/lambdaiam/lambdaiam/arn"
	"github.com/lambdaiam/lambdaiam/internal/glob"
)

// The codes of a ValueError. They are stable.
const (
	// CodeInvalidOperator: the operator is not one AWS accepts.
	CodeInvalidOperator = "invalid-operator"
	// CodeInvalidKey: the condition key name is empty.
	CodeInvalidKey = "invalid-key"
	// CodeInvalidNumber: a Numeric value is not [+-]digits[.digits] (C4.4).
	CodeInvalidNumber = "invalid-number"
	// CodeInvalidDate: a Date value is neither epoch seconds nor one of the
	// ISO 8601 forms of C4.5, or names an impossible date or time.
	CodeInvalidDate = "invalid-date"
	// CodeInvalidBool: a Bool value is not "true" or "false" (C4.6).
	CodeInvalidBool = "invalid-bool"
	// CodeInvalidBase64: a BinaryEquals value is not standard base64 (C4.7).
	CodeInvalidBase64 = "invalid-base64"
	// CodeInvalidIP: an IpAddress/NotIpAddress value is not a CIDR or an
	// address (C4.8).
	CodeInvalidIP = "invalid-ip"
	// CodeInvalidNull: a Null value is not "true" or "false" (C4.9).
	CodeInvalidNull = "invalid-null"
	// CodeInvalidVariable: a ${...} element is malformed (D1, D4, D5).
	CodeInvalidVariable = "invalid-variable"
	// CodeVariableNotAllowed: a policy variable in the value of an operator
	// other than String and ARN ones (C3).
	CodeVariableNotAllowed = "variable-not-allowed"
)

// ValueError reports a condition value that the operator cannot use, or
// (Code CodeInvalidKey, CodeInvalidOperator) a condition that Compile
// cannot build. Op is InvalidBase for errors of ParseTemplate.
type ValueError struct {
	Op    Base
	Value string
	Code  string
	Msg   string
}

// Error returns the message.
func (e *ValueError) Error() string { return e.Msg }

// CheckValue reports whether value is a valid policy value for the base
// operator b, as written in a policy whose variables are recognised when
// variables is true (Version "2012-10-17"). It is what policy.Parse calls
// for every condition value, so that a malformed value is a parse error;
// Compile fails on the same values with the same error. The error is a
// *ValueError.
func CheckValue(b Base, value string, variables bool) error {
	_, err := parseValue(b, value, variables, &Options{})
	return err
}

// parsed is one policy value, parsed for its operator's family.
type parsed struct {
	str  strValue
	num  number
	date instant
	net  netip.Prefix
	bin  string
	b    bool
}

// strValue is a String or ARN policy value.
type strValue struct {
	text string       // the literal text (variables substituted away); the ARN pattern when plain
	toks []glob.Token // glob tokens, for the Like and ARN operators
	tpl  Template     // when dyn
	dyn  bool         // holds variables: expanded at evaluation
	// plain: no ${...} element, so text is the pattern exactly as written.
	plain bool
	like  *arn.LikePattern // text compiled, for a plain ARN operator value
}

func parseValue(b Base, value string, variables bool, o *Options) (parsed, error) {
	var p parsed
	fam := b.Family()
	if fam == InvalidFamily || b == InvalidBase {
		return p, &ValueError{Op: b, Value: value, Code: CodeInvalidOperator,
			Msg: fmt.Sprintf("invalid condition operator %v", b)}
	}
	bad := func(code, what string) (parsed, error) {
		return p, &ValueError{Op: b, Value: value, Code: code,
			Msg: fmt.Sprintf("%s: %q is not %s", b, value, what)}
	}
	if variables && !b.AllowsVariables() && strings.Contains(value, "${") {
		return p, &ValueError{Op: b, Value: value, Code: CodeVariableNotAllowed,
			Msg: fmt.Sprintf("%s: policy variables can only be used with String and ARN operators", b)}
	}
	switch fam {
	case FamilyString, FamilyARN:
		t, err := ParseTemplate(value, variables)
		if err != nil {
			if ve, ok := err.(*ValueError); ok {
				ve.Op = b
			}
			return p, err
		}
		t = t.withMultivalued(o.Multivalued)
		p.str = strValue{tpl: t, dyn: t.nvars > 0, plain: !t.dollar}
		if !p.str.dyn {
			p.str.text = t.text()
			p.str.tpl = Template{}
			if fam == FamilyARN && p.str.plain {
				lp := arn.CompileLike(p.str.text)
				p.str.like = &lp
			} else if (b == StringLike || b == StringNotLike || fam == FamilyARN) && !p.str.plain {
				p.str.toks = t.tokens()
			} else if b == StringLike || b == StringNotLike {
				p.str.toks = glob.Parse(value)
			}
		}
	case FamilyNumeric:
		d, ok := parseDecimal(value)
		if !ok {
			return bad(CodeInvalidNumber, "a decimal number")
		}
		p.num = newNumber(d)
	case FamilyDate:
		t, ok := parseDate(value)
		if !ok {
			return bad(CodeInvalidDate, "an ISO 8601 date or epoch seconds")
		}
		p.date = t
	case FamilyBool:
		v, ok := parseBool(value)
		if !ok {
			return bad(CodeInvalidBool, `"true" or "false"`)
		}
		p.b = v
	case FamilyBinary:
		v, ok := decodeBase64(value)
		if !ok {
			return bad(CodeInvalidBase64, "base64")
		}
		p.bin = v
	case FamilyIP:
		n, ok := parseIPValue(value, o.BareIPv6Slash32)
		if !ok {
			return bad(CodeInvalidIP, "an IP address or CIDR")
		}
		p.net = n
	case FamilyNull:
		v, ok := parseBool(value)
		if !ok {
			return bad(CodeInvalidNull, `"true" or "false"`)
		}
		p.b = v
	}
	return p, nil
}

// parseBool reads "true" or "false" in any case (C4.6).
func parseBool(s string) (v, ok bool) {
	switch {
	case len(s) == 4 && equalFold(s, "true"):
		return true, true
	case len(s) == 5 && equalFold(s, "false"):
		return false, true
	}
	return false, false
}
