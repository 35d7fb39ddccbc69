package condition

import "strings"

// MultivaluedKey reports whether the built-in table lists key (any case)
// as multivalued: a key whose Service Authorization Reference type is
// ArrayOf… (rule C5), among AWS's global condition keys and Lambda's
// service keys. Tag keys (aws:RequestTag/…, aws:ResourceTag/…,
// aws:PrincipalTag/…) are single-valued. Options.Multivalued replaces
// this table in Compile.
func MultivaluedKey(key string) bool { return builtinMultivalued(strings.ToLower(key)) }

// builtinMultivalued is the table behind MultivaluedKey; lkey is lower case.
func builtinMultivalued(lkey string) bool {
	switch lkey {
	case "aws:calledvia",
		"aws:principalorgpaths",
		"aws:principalservicenameslist",
		"aws:resourceorgpaths",
		"aws:sourceorgpaths",
		"aws:tagkeys",
		"aws:vpceorgpaths",
		"lambda:layer",
		"lambda:securitygroupids",
		"lambda:subnetids":
		return true
	}
	return false
}
