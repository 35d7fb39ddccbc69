package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/lambdaiam/lambdaiam/catalog"
	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/policy"
)

func (l *linter) checkConditions(st *policy.Statement, sa *stmtActions) {
	for k := range st.Conditions {
		c := &st.Conditions[k]
		where := l.condAt(st, k)
		op := c.Operator
		if !l.doc.Variables() && op.Base.AllowsVariables() {
			if j := slices.IndexFunc(c.Values, hasVariableSyntax); j >= 0 {
				vw := where
				vw.idx = j
				l.addOldVersionVariable(vw, c.Values[j], "is compared as literal text")
			}
		}
		prefix, _, _ := strings.Cut(c.Key, ":")
		prefix = strings.ToLower(prefix)
		info, ok := l.cat.Key(c.Key)
		if !ok {
			if prefix == "aws" || l.cat.ServiceCatalogued(prefix) {
				l.add(where, CodeUnknownConditionKey,
					fmt.Sprintf("%s is not %s, so it is never in the request and the condition is always %v", c.Key, serviceName(prefix), missingResult(c)),
					"check the key name (names are case-insensitive) against the service's condition keys")
			}
			continue
		}
		if op.Base != condition.Null && !familyFits(info.Type, c.Key, op.Base.Family()) {
			l.add(where, CodeOperatorTypeMismatch,
				fmt.Sprintf("%s compares %s values, but %s is of type %s", op.Base, familyWord(op.Base.Family()), c.Key, info.Type),
				operatorsFor(info.Type))
		}
		multi := info.Multivalued || l.cat.Multivalued(c.Key)
		if op.Base != condition.Null {
			switch {
			case op.Set != condition.Single && !multi:
				l.add(where, CodeSetOperatorSingleValued,
					fmt.Sprintf("%s: is for multivalued keys, but %s is single-valued; %s", op.Set, c.Key, setOnSingleEffect(op.Set)),
					fmt.Sprintf("drop the %s: prefix", op.Set))
			case op.Set == condition.Single && multi:
				l.add(where, CodePlainOperatorMultiValue,
					fmt.Sprintf("%s is multivalued; %s without ForAnyValue: or ForAllValues: does not match a set of values (C5)", c.Key, op),
					fmt.Sprintf("use ForAnyValue:%s (some value) or ForAllValues:%s (every value)", op.Base, op.Base))
			case st.Effect == policy.Allow && op.Set == condition.ForAllValues && !l.hasNullGuard(st, c.Key):
				l.add(where, CodeForAllValuesWithoutNull,
					fmt.Sprintf("ForAllValues: is true when %s is missing or empty, so this Allow also applies to requests without it (C5)", c.Key),
					fmt.Sprintf("add \"Null\": {%q: \"false\"} to the condition", c.Key))
			}
		}
		l.checkKeySupport(st, sa, c, info.Name, where)
	}
}

// missingResult is the value of condition c when its key is absent from
// the request (rule C2).
func missingResult(c *policy.Condition) bool {
	op := c.Operator
	switch {
	case op.Base == condition.Null:
		return len(c.Values) > 0 && strings.EqualFold(c.Values[0], "true")
	case op.Set == condition.ForAllValues:
		return true
	case op.Set == condition.ForAnyValue:
		return false
	case op.IfExists, op.Base.Negated():
		return true
	}
	return false
}

func setOnSingleEffect(s condition.Set) string {
	if s == condition.ForAllValues {
		return "ForAllValues: is also true when the key is absent, which makes the condition over-permissive (C5)"
	}
	return "ForAnyValue: works on one value, but hides the intent and differs from a plain operator on an absent key (C5)"
}

func serviceName(prefix string) string {
	if prefix == "aws" {
		return "a global condition key"
	}
	return "a condition key of " + prefix
}

// familyFits reports whether an operator of family fam can compare the
// values of a key of type t (Service Authorization Reference types;
// ArrayOf types have the family of their elements). String keys also
// take ARN operators (their values are often ARNs, as lambda:Layer's
// are), ARN keys also take String operators, and the Date key
// aws:EpochTime also takes Numeric operators. Unknown types fit anything.
func familyFits(t catalog.KeyType, key string, fam condition.Family) bool {
	switch t.Elem() {
	case catalog.KeyString, catalog.KeyARN:
		return fam == condition.FamilyString || fam == condition.FamilyARN
	case catalog.KeyBool:
		return fam == condition.FamilyBool
	case catalog.KeyDate:
		return fam == condition.FamilyDate || fam == condition.FamilyNumeric && strings.EqualFold(key, "aws:EpochTime")
	case catalog.KeyNumeric:
		return fam == condition.FamilyNumeric
	case catalog.KeyIPAddress:
		return fam == condition.FamilyIP
	case catalog.KeyBinary:
		return fam == condition.FamilyBinary
	}
	return true
}

func familyWord(f condition.Family) string {
	switch f {
	case condition.FamilyIP:
		return "IP address"
	case condition.FamilyARN:
		return "ARN"
	}
	return strings.ToLower(f.String())
}

// operatorsFor says which operators fit a key of type t.
func operatorsFor(t catalog.KeyType) string {
	switch t.Elem() {
	case catalog.KeyString:
		return "use a String operator (StringEquals, StringLike, ...)"
	case catalog.KeyARN:
		return "use an ARN or String operator (ArnLike, StringEquals, ...)"
	case catalog.KeyBool:
		return "use Bool"
	case catalog.KeyDate:
		return "use a Date operator (DateLessThan, DateGreaterThan, ...)"
	case catalog.KeyNumeric:
		return "use a Numeric operator (NumericLessThan, ...)"
	case catalog.KeyIPAddress:
		return "use IpAddress or NotIpAddress"
	case catalog.KeyBinary:
		return "use BinaryEquals"
	}
	return "use an operator of the key's type"
}

// checkKeySupport reports a service key (or a tag key) that no action of
// the statement supports: it is never in the request. name is the key's
// catalog name (the template of a tag key), under which answers are
// remembered.
func (l *linter) checkKeySupport(st *policy.Statement, sa *stmtActions, c *policy.Condition, name string, where at) {
	if sa.open() {
		return
	}
	lk := strings.ToLower(c.Key)
	prefix, _, _ := strings.Cut(lk, ":")
	switch {
	case prefix == "aws":
		if !strings.HasPrefix(lk, "aws:requesttag/") && !strings.HasPrefix(lk, "aws:resourcetag/") && lk != "aws:tagkeys" {
			return
		}
		if sa.others || len(sa.known) == 0 {
			return
		}
	case l.cat.ServiceCatalogued(prefix):
		if !l.serviceUsesKey(prefix, c.Key, name) {
			return // a key the service sets for other services' requests (lambda:SourceFunctionArn)
		}
	default:
		return
	}
	k := supportKey{st.Index, strings.ToLower(name)}
	ok, done := l.supported[k]
	if !done {
		ok = l.work <= 0 // out of budget: say nothing
		for _, a := range sa.known {
			if ok {
				break
			}
			l.work--
			ok = l.actionSupports(a, c.Key)
		}
		if l.supported == nil {
			l.supported = map[supportKey]bool{}
		}
		l.supported[k] = ok
	}
	if !ok {
		l.add(where, CodeUnsupportedConditionKey,
			fmt.Sprintf("no action of this statement supports %s, so it is never in the request and the condition is always %v", c.Key, missingResult(c)),
			"move the condition to a statement with actions that support the key, or remove it")
	}
}

// supportKey names a statement and a catalog key name, for
// checkKeySupport's answers.
type supportKey struct {
	stmt int
	name string
}

// serviceUsesKey reports whether some action of svc supports key, whose
// catalog name is name.
func (l *linter) serviceUsesKey(svc, key, name string) bool {
	ln := strings.ToLower(name)
	if v, ok := l.keyUsers[ln]; ok {
		return v
	}
	v := false
	for _, a := range l.expandAction(svc + ":*") {
		if l.actionSupports(a, key) {
			v = true
			break
		}
	}
	if l.keyUsers == nil {
		l.keyUsers = map[string]bool{}
	}
	l.keyUsers[ln] = v
	return v
}

// actionSupports reports whether key is among the condition keys of
// action a or of its resource types.
func (l *linter) actionSupports(a catalog.ActionInfo, key string) bool {
	for _, k := range a.ConditionKeys {
		if keyMatches(k, key) {
			return true
		}
	}
	for _, r := range a.ResourceTypes {
		for _, k := range r.ConditionKeys {
			if keyMatches(k, key) {
				return true
			}
		}
	}
	for _, n := range resourceTypes(a) {
		if rt, ok := l.cat.ResourceType(a.Service, n); ok {
			for _, k := range rt.ConditionKeys {
				if keyMatches(k, key) {
					return true
				}
			}
		}
	}
	return false
}

// keyMatches reports whether key (any case) is the key the catalog writes
// as tpl, whose placeholder, ${Name} or <name> (as in
// aws:RequestTag/${TagKey} and s3:ExistingObjectTag/<key>), stands for
// one or more characters.
func keyMatches(tpl, key string) bool {
	i := strings.Index(tpl, "${")
	closer := byte('}')
	if i < 0 {
		i, closer = strings.IndexByte(tpl, '<'), '>'
	}
	if i < 0 {
		return strings.EqualFold(tpl, key)
	}
	end := strings.IndexByte(tpl[i:], closer)
	if end < 0 {
		return strings.EqualFold(tpl, key)
	}
	pre, suf := tpl[:i], tpl[i+end+1:]
	return len(key) > len(pre)+len(suf) &&
		strings.EqualFold(key[:len(pre)], pre) && strings.EqualFold(key[len(key)-len(suf):], suf)
}
