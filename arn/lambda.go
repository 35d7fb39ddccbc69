package arn

import (
	"encoding/binary"
	"strconv"
	"strings"
)

// Lambda length limits.
const (
	// MaxFunctionNameLength is the longest function name.
	MaxFunctionNameLength = 64
	// MaxFunctionRefLength is the longest function reference ResolveFunction
	// accepts (a full ARN with qualifier).
	MaxFunctionRefLength = 140
	// MaxQualifierLength is the longest version or alias qualifier.
	MaxQualifierLength = 128
	// MaxLayerNameLength is the longest layer name.
	MaxLayerNameLength = 140
	// maxIdentLength bounds the names of the newer resource types, for
	// which this package checks only the character set.
	maxIdentLength = 256
)

// Latest is the qualifier of a function's unpublished version.
const Latest = "$LATEST"

// Kind is the type of a Lambda resource ARN.
type Kind int

// The Lambda resource kinds. Their ARNs have the forms (after
// "arn:PARTITION:lambda:REGION:ACCOUNT:"):
//
//	KindFunction            function:NAME
//	KindFunctionVersion     function:NAME:VERSION           (decimal digits)
//	KindFunctionAlias       function:NAME:ALIAS
//	KindFunctionLatest      function:NAME:$LATEST
//	KindLayer               layer:NAME
//	KindLayerVersion        layer:NAME:VERSION              (1, 2, ...)
//	KindEventSourceMapping  event-source-mapping:UUID
//	KindCodeSigningConfig   code-signing-config:csc-ID
//	KindDurableExecution    function:NAME:QUALIFIER/durable-execution/EXECUTION/ID
//	KindCapacityProvider    capacity-provider:NAME
//	KindNetworkConnector    network-connector:ID
//	KindMicrovmImage        microvm-image:NAME
const (
	KindUnknown Kind = iota
	KindFunction
	KindFunctionVersion
	KindFunctionAlias
	KindFunctionLatest
	KindLayer
	KindLayerVersion
	KindEventSourceMapping
	KindCodeSigningConfig
	KindDurableExecution
	KindCapacityProvider
	KindNetworkConnector
	KindMicrovmImage
	numKinds
)

var kindNames = [numKinds]string{
	KindUnknown:            "unknown",
	KindFunction:           "function",
	KindFunctionVersion:    "functionVersion",
	KindFunctionAlias:      "functionAlias",
	KindFunctionLatest:     "functionLatest",
	KindLayer:              "layer",
	KindLayerVersion:       "layerVersion",
	KindEventSourceMapping: "eventSourceMapping",
	KindCodeSigningConfig:  "codeSigningConfig",
	KindDurableExecution:   "durableExecution",
	KindCapacityProvider:   "capacityProvider",
	KindNetworkConnector:   "networkConnector",
	KindMicrovmImage:       "microvmImage",
}

var kindTypes = [numKinds]string{
	KindFunction:           "function",
	KindFunctionVersion:    "function version",
	KindFunctionAlias:      "function alias",
	KindFunctionLatest:     "function version",
	KindLayer:              "layer",
	KindLayerVersion:       "layerVersion",
	KindEventSourceMapping: "eventSourceMapping",
	KindCodeSigningConfig:  "code signing config",
	KindDurableExecution:   "durable execution",
	KindCapacityProvider:   "capacityProvider",
	KindNetworkConnector:   "networkConnector",
	KindMicrovmImage:       "microvmImage",
}

// String returns the kind's name, such as "functionAlias" or "unknown".
func (k Kind) String() string {
	if k >= 0 && k < numKinds {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// ResourceType returns the name of the kind's resource type in the Service
// Authorization Reference ("function", "function version", "function
// alias", "layerVersion", "code signing config", ...), or "" for
// KindUnknown. KindFunctionLatest is a "function version".
func (k Kind) ResourceType() string {
	if k >= 0 && k < numKinds {
		return kindTypes[k]
	}
	return ""
}

// Resource is a parsed Lambda resource ARN. Which fields are set depends on
// Kind:
//
//	Name        function, layer, capacity provider and microvm image name;
//	            event source mapping UUID; code signing config ID ("csc-…");
//	            network connector ID
//	Qualifier   function version, alias or "$LATEST"; the qualifier of a
//	            durable execution's function
//	Version     layer version number
//	Execution   durable execution name
//	ExecutionID durable execution ID
type Resource struct {
	ARN         ARN
	Kind        Kind
	Name        string
	Qualifier   string
	Version     int64
	Execution   string
	ExecutionID string
}

// String returns the resource's ARN text.
func (r Resource) String() string { return r.ARN.String() }

// ParseResource parses s as the ARN of a Lambda resource of any Kind. The
// error is a *ParseError.
func ParseResource(s string) (Resource, error) {
	a, code, off := parse(s)
	if code != 0 {
		return Resource{}, &ParseError{Input: s, Offset: off, Code: code}
	}
	r, code, off := resourceOf(a)
	if code != 0 {
		return Resource{}, &ParseError{Input: s, Offset: clampOffset(len(s)-len(a.Resource)+off, s), Code: code}
	}
	return r, nil
}

func clampOffset(off int, s string) int {
	return max(0, min(off, len(s)))
}

// ResourceOf interprets a as a Lambda resource. It accepts exactly the ARNs
// whose text ParseResource accepts, so an ARN longer than MaxLength is an
// error (CodeTooLong). The error is a *ParseError whose Input is
// a.String().
func ResourceOf(a ARN) (Resource, error) {
	r, code, off := resourceOf(a)
	if code != 0 {
		s := a.String()
		return Resource{}, &ParseError{Input: s, Offset: clampOffset(len(s)-len(a.Resource)+off, s), Code: code}
	}
	return r, nil
}

// KindOf returns the kind of Lambda resource a names, or KindUnknown when a
// is not a valid Lambda resource ARN (see ResourceOf). It does not
// allocate.
func KindOf(a ARN) Kind {
	r, _, _ := resourceOf(a)
	return r.Kind
}

// resourceOf returns the resource, or an error code with an offset that is
// relative to the start of a.Resource when positive; negative offsets
// count back from there into the ARN prefix.
func resourceOf(a ARN) (Resource, ErrorCode, int) {
	if n := a.textLen(); n > MaxLength {
		// As Parse would: an ARN this long is not one, whatever its parts.
		return Resource{}, CodeTooLong, MaxLength - (n - len(a.Resource))
	}
	if code, _ := checkPart(0, a.Partition); code != 0 {
		return Resource{}, code, -len(a.Partition) - len(a.Service) - len(a.Region) - len(a.AccountID) - 4
	}
	if a.Service != "lambda" {
		return Resource{}, CodeNotLambda, -len(a.Service) - len(a.Region) - len(a.AccountID) - 3
	}
	if code, _ := checkPart(2, a.Region); code != 0 || a.Region == "" {
		return Resource{}, CodeInvalidRegion, -len(a.Region) - len(a.AccountID) - 2
	}
	if !IsAccountID(a.AccountID) {
		return Resource{}, CodeInvalidAccount, -len(a.AccountID) - 1
	}
	r := Resource{ARN: a}
	typ, rest, ok := strings.Cut(a.Resource, ":")
	if !ok {
		return Resource{}, CodeInvalidResourceType, 0
	}
	base := len(typ) + 1 // offset of rest in a.Resource
	var code ErrorCode
	var off int
	switch typ {
	case "function":
		r.Kind, r.Name, r.Qualifier, r.Execution, r.ExecutionID, code, off = functionResource(rest)
	case "layer":
		name, ver, hasVer := strings.Cut(rest, ":")
		r.Name = name
		r.Kind = KindLayer
		if code, off = checkName(name, MaxLayerNameLength); code == 0 && hasVer {
			r.Kind = KindLayerVersion
			if r.Version, ok = parseLayerVersion(ver); !ok {
				code, off = CodeInvalidID, len(name)+1
			}
		}
	case "event-source-mapping":
		r.Kind, r.Name = KindEventSourceMapping, rest
		if !isUUID(rest) {
			code = CodeInvalidID
		}
	case "code-signing-config":
		r.Kind, r.Name = KindCodeSigningConfig, rest
		if !isCSCID(rest) {
			code = CodeInvalidID
		}
	case "capacity-provider", "network-connector", "microvm-image":
		r.Kind, r.Name = namedKind(typ), rest
		code, off = checkIdent(rest)
	default:
		return Resource{}, CodeInvalidResourceType, 0
	}
	if code != 0 {
		return Resource{}, code, base + off
	}
	return r, 0, 0
}

func namedKind(typ string) Kind {
	switch typ {
	case "capacity-provider":
		return KindCapacityProvider
	case "network-connector":
		return KindNetworkConnector
	}
	return KindMicrovmImage
}

// functionResource parses what follows "function:".
func functionResource(rest string) (k Kind, name, q, exec, id string, code ErrorCode, off int) {
	name, q, hasQ := strings.Cut(rest, ":")
	if code, off = checkName(name, MaxFunctionNameLength); code != 0 {
		return
	}
	if !hasQ {
		return KindFunction, name, "", "", "", 0, 0
	}
	qoff := len(name) + 1
	q, tail, durable := strings.Cut(q, "/")
	if k, off = qualifierKind(q); k == KindUnknown {
		return KindUnknown, "", "", "", "", CodeInvalidQualifier, qoff + off
	}
	if !durable {
		return k, name, q, "", "", 0, 0
	}
	toff := qoff + len(q) + 1
	kind, tail, ok := strings.Cut(tail, "/")
	if !ok || kind != "durable-execution" {
		return KindUnknown, "", "", "", "", CodeInvalidResourceType, toff
	}
	toff += len(kind) + 1
	exec, id, ok = strings.Cut(tail, "/")
	if !ok {
		return KindUnknown, "", "", "", "", CodeInvalidID, toff + len(tail)
	}
	if code, off = checkIdent(exec); code != 0 {
		return KindUnknown, "", "", "", "", code, toff + off
	}
	toff += len(exec) + 1
	if code, off = checkIdent(id); code != 0 {
		return KindUnknown, "", "", "", "", CodeInvalidID, toff + off
	}
	return KindDurableExecution, name, q, exec, id, 0, 0
}

// checkName checks a function or layer name: 1 to max characters of
// a–z, A–Z, 0–9, '-' and '_'.
func checkName(s string, max int) (ErrorCode, int) {
	if s == "" {
		return CodeInvalidName, 0
	}
	for i := 0; i < len(s); i++ {
		if !isNameChar(s[i]) {
			return CodeInvalidName, i
		}
	}
	if len(s) > max {
		return CodeNameTooLong, max
	}
	return 0, 0
}

func isNameChar(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

// checkIdent checks a name of the newer resource types: 1 to 256
// characters of a–z, A–Z, 0–9, '-', '_' and '.'.
func checkIdent(s string) (ErrorCode, int) {
	if s == "" {
		return CodeInvalidName, 0
	}
	for i := 0; i < len(s); i++ {
		if !isNameChar(s[i]) && s[i] != '.' {
			return CodeInvalidName, i
		}
	}
	if len(s) > maxIdentLength {
		return CodeNameTooLong, maxIdentLength
	}
	return 0, 0
}

// qualifierKind classifies a function qualifier: "$LATEST", a version
// (decimal digits) or an alias (a–z, A–Z, 0–9, '-', '_', not all digits),
// each at most MaxQualifierLength bytes. For anything else it returns
// KindUnknown and the offset of the problem.
func qualifierKind(q string) (Kind, int) {
	if q == Latest {
		return KindFunctionLatest, 0
	}
	if q == "" {
		return KindUnknown, 0
	}
	digits := true
	for i := 0; i < len(q); i++ {
		c := q[i]
		if !isNameChar(c) {
			return KindUnknown, i
		}
		digits = digits && '0' <= c && c <= '9'
	}
	if len(q) > MaxQualifierLength {
		return KindUnknown, MaxQualifierLength
	}
	if digits {
		return KindFunctionVersion, 0
	}
	return KindFunctionAlias, 0
}

func parseLayerVersion(s string) (int64, bool) {
	if s == "" || s[0] == '0' {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	v, err := strconv.ParseInt(s, 10, 64)
	return v, err == nil
}

// IsAccountID reports whether s is a 12-digit AWS account ID. It does not
// allocate.
func IsAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	// Eight bytes, then the last eight (overlapping): a byte is a digit
	// when it is below 0x80, at least '0' and at most '9'.
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for _, x := range [2]uint64{binary.LittleEndian.Uint64([]byte(s[:8])), binary.LittleEndian.Uint64([]byte(s[4:]))} {
		if (x|(x-'0'*ones)|(x+(0x7f-'9')*ones))&highs != 0 {
			return false
		}
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// isUUID reports whether s has the form 8-4-4-4-12 hexadecimal digits.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch i {
		case 8, 13, 18, 23:
			if s[i] != '-' {
				return false
			}
		default:
			if !isHex(s[i]) {
				return false
			}
		}
	}
	return true
}

// isCSCID reports whether s is "csc-" followed by 17 characters a–z, 0–9.
func isCSCID(s string) bool {
	if len(s) != 21 || !strings.HasPrefix(s, "csc-") {
		return false
	}
	for i := 4; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// ---------------------------------------------------------------------------
// Functions.

// Function is a Lambda function, possibly qualified. ARN is the ARN that
// IAM authorizes: the qualified ARN when Qualifier is set.
type Function struct {
	ARN       ARN
	Name      string
	Qualifier string // "", "$LATEST", a version number or an alias name
}

// String returns the function's ARN text.
func (f Function) String() string { return f.ARN.String() }

// Kind returns KindFunction, KindFunctionVersion, KindFunctionAlias or
// KindFunctionLatest, or KindUnknown for an invalid Function.
func (f Function) Kind() Kind {
	if f.Qualifier == "" {
		if f.Name == "" {
			return KindUnknown
		}
		return KindFunction
	}
	k, _ := qualifierKind(f.Qualifier)
	return k
}

// Qualified reports whether f names a version, an alias or $LATEST.
func (f Function) Qualified() bool { return f.Qualifier != "" }

// Unqualified returns the function without its qualifier, as authorized by
// actions that address the function as a whole.
func (f Function) Unqualified() Function {
	if f.Qualifier == "" {
		return f
	}
	a := f.ARN
	a.Resource = "function:" + f.Name
	return Function{ARN: a, Name: f.Name}
}

// ParseFunction parses s as a function ARN, unqualified or qualified with a
// version, an alias or $LATEST. Durable execution ARNs and other resources
// are rejected with CodeInvalidResourceType. The error is a *ParseError.
func ParseFunction(s string) (Function, error) {
	r, err := ParseResource(s)
	if err != nil {
		return Function{}, err
	}
	switch r.Kind {
	case KindFunction, KindFunctionVersion, KindFunctionAlias, KindFunctionLatest:
		return Function{ARN: r.ARN, Name: r.Name, Qualifier: r.Qualifier}, nil
	}
	return Function{}, &ParseError{Input: s, Offset: len(s) - len(r.ARN.Resource), Code: CodeInvalidResourceType}
}

// NewFunction returns the function name (qualified by qualifier unless it
// is empty) in the given partition, region and account, after checking
// each value as ResolveFunction does. The error is a *ParseError whose
// Input is the offending argument.
func NewFunction(partition, region, account, name, qualifier string) (Function, error) {
	if code, off := checkName(name, MaxFunctionNameLength); code != 0 {
		return Function{}, &ParseError{Input: name, Offset: off, Code: code}
	}
	if err := checkQualifierArg(qualifier); err != nil {
		return Function{}, err
	}
	return build(partition, region, account, name, qualifier)
}

func checkQualifierArg(q string) error {
	if q == "" {
		return nil
	}
	if k, off := qualifierKind(q); k == KindUnknown {
		return &ParseError{Input: q, Offset: off, Code: CodeInvalidQualifier}
	}
	return nil
}

// build checks the location arguments and assembles the function.
func build(partition, region, account, name, q string) (Function, error) {
	if partition == "" {
		partition = "aws"
	}
	if code, off := checkPart(0, partition); code != 0 {
		return Function{}, &ParseError{Input: partition, Offset: off, Code: code}
	}
	if region == "" {
		return Function{}, &ParseError{Input: region, Code: CodeMissingRegion}
	}
	if code, off := checkPart(2, region); code != 0 {
		return Function{}, &ParseError{Input: region, Offset: off, Code: code}
	}
	if account == "" {
		return Function{}, &ParseError{Input: account, Code: CodeMissingAccount}
	}
	if !IsAccountID(account) {
		return Function{}, &ParseError{Input: account, Code: CodeInvalidAccount}
	}
	a := FunctionARN(partition, region, account, name, q)
	if a.textLen() > MaxLength {
		// The name, qualifier and account are short by now: the partition
		// or the region is what is too long.
		in := region
		if len(partition) > len(region) {
			in = partition
		}
		return Function{}, &ParseError{Input: in, Offset: len(in), Code: CodeTooLong}
	}
	return Function{ARN: a, Name: name, Qualifier: q}, nil
}

// ResolveFunction turns a function reference, as the Lambda API accepts it
// in its FunctionName parameter, and the separate Qualifier parameter into
// the function whose ARN IAM authorizes. partition ("" means "aws"),
// region and account describe the caller: the endpoint's partition and
// region and the caller's account.
//
// ref may be
//
//	NAME                               e.g. my-function
//	NAME:QUALIFIER                     e.g. my-function:PROD
//	ACCOUNT:function:NAME[:QUALIFIER]  e.g. 123456789012:function:my-function
//	a function ARN [with :QUALIFIER]
//
// The rules, in order (errors are *ParseError, Input being ref unless the
// qualifier argument is at fault):
//
//  1. ref has 1 to 140 bytes (CodeInvalidName, CodeTooLong).
//  2. A non-empty qualifier argument is "$LATEST", a version or an alias
//     (CodeInvalidQualifier, Input qualifier).
//  3. ref has one of the forms above (CodeInvalidFunctionRef); an ARN must
//     parse (its Parse code), be a Lambda ARN (CodeNotLambda) of a
//     function (CodeInvalidResourceType) with a 12-digit account
//     (CodeInvalidAccount); a partial ARN's account must be 12 digits.
//  4. The name has 1 to 64 characters a–z, A–Z, 0–9, '-' and '_'
//     (CodeInvalidName, CodeNameTooLong); a qualifier suffix is valid as in
//     rule 2 (CodeInvalidQualifier).
//  5. A qualifier suffix and a qualifier argument, when both are given,
//     are equal (CodeQualifierConflict).
//  6. A partition or region in ref equals the caller's, when the caller's
//     is given (CodePartitionMismatch, CodeRegionMismatch). An account in
//     ref may differ from the caller's: that is a cross-account request.
//  7. The function's region and account come from ref, else from the
//     arguments (CodeMissingRegion, CodeMissingAccount when absent,
//     CodeInvalidRegion, CodeInvalidAccount when malformed).
//  8. The function's ARN has at most MaxLength bytes, as Parse requires
//     (CodeTooLong, Input the partition or region that is too long).
//
// The result is qualified when a qualifier came from either place;
// "$LATEST" given explicitly counts as a qualifier.
func ResolveFunction(ref, qualifier, partition, region, account string) (Function, error) {
	fail := func(code ErrorCode, off int) (Function, error) {
		return Function{}, &ParseError{Input: ref, Offset: off, Code: code}
	}
	if ref == "" {
		return fail(CodeInvalidName, 0)
	}
	if len(ref) > MaxFunctionRefLength {
		return fail(CodeTooLong, MaxFunctionRefLength)
	}
	if err := checkQualifierArg(qualifier); err != nil {
		return Function{}, err
	}
	var name, q string
	var hasQ bool
	nameOff := 0
	refRegion, refAccount := "", ""
	if strings.HasPrefix(ref, "arn:") {
		a, code, off := parse(ref)
		if code != 0 {
			return fail(code, off)
		}
		resOff := len(ref) - len(a.Resource)
		if a.Service != "lambda" {
			return fail(CodeNotLambda, len("arn:")+len(a.Partition)+1)
		}
		if partition != "" && a.Partition != partition {
			return fail(CodePartitionMismatch, len("arn:"))
		}
		if a.Region == "" {
			return fail(CodeInvalidRegion, resOff-len(a.AccountID)-2)
		}
		if !IsAccountID(a.AccountID) {
			return fail(CodeInvalidAccount, resOff-len(a.AccountID)-1)
		}
		rest, ok := strings.CutPrefix(a.Resource, "function:")
		if !ok {
			return fail(CodeInvalidResourceType, resOff)
		}
		partition, refRegion, refAccount = a.Partition, a.Region, a.AccountID
		nameOff = resOff + len("function:")
		name, q, hasQ = strings.Cut(rest, ":")
	} else {
		var parts [4]string
		n := 0
		rest := ref
		for {
			c := strings.IndexByte(rest, ':')
			if c < 0 || n == 3 {
				if c >= 0 { // a fourth colon
					return fail(CodeInvalidFunctionRef, len(ref)-len(rest)+c)
				}
				parts[n] = rest
				n++
				break
			}
			parts[n] = rest[:c]
			rest = rest[c+1:]
			n++
		}
		switch n {
		case 1:
			name = parts[0]
		case 2:
			name, q, hasQ = parts[0], parts[1], true
		default: // ACCOUNT:function:NAME[:QUALIFIER]
			if parts[1] != "function" {
				return fail(CodeInvalidFunctionRef, len(parts[0])+1)
			}
			if !IsAccountID(parts[0]) {
				return fail(CodeInvalidAccount, 0)
			}
			refAccount = parts[0]
			nameOff = len(parts[0]) + len(":function:")
			name = parts[2]
			q, hasQ = parts[3], n == 4
		}
	}
	if code, off := checkName(name, MaxFunctionNameLength); code != 0 {
		return fail(code, nameOff+off)
	}
	qOff := nameOff + len(name) + 1
	if hasQ {
		if k, off := qualifierKind(q); k == KindUnknown {
			return fail(CodeInvalidQualifier, qOff+off)
		}
		if qualifier != "" && qualifier != q {
			return fail(CodeQualifierConflict, qOff)
		}
	} else {
		q = qualifier
	}
	if refRegion != "" {
		if region != "" && refRegion != region {
			return fail(CodeRegionMismatch, len("arn:")+len(partition)+len(":lambda:"))
		}
		region = refRegion
	}
	if refAccount != "" {
		account = refAccount
	}
	return build(partition, region, account, name, q)
}

// ---------------------------------------------------------------------------
// Formatting. These functions assemble ARNs from their parts without
// checking them; ResourceOf and KindOf check an ARN.

func lambdaARN(partition, region, account, resource string) ARN {
	return ARN{Partition: partition, Service: "lambda", Region: region, AccountID: account, Resource: resource}
}

// FunctionARN returns the ARN of function name, qualified by qualifier
// unless it is empty.
func FunctionARN(partition, region, account, name, qualifier string) ARN {
	r := "function:" + name
	if qualifier != "" {
		r += ":" + qualifier
	}
	return lambdaARN(partition, region, account, r)
}

// LayerARN returns the ARN of layer name.
func LayerARN(partition, region, account, name string) ARN {
	return lambdaARN(partition, region, account, "layer:"+name)
}

// LayerVersionARN returns the ARN of version version of layer name.
func LayerVersionARN(partition, region, account, name string, version int64) ARN {
	return lambdaARN(partition, region, account, "layer:"+name+":"+strconv.FormatInt(version, 10))
}

// EventSourceMappingARN returns the ARN of the event source mapping with
// the given UUID.
func EventSourceMappingARN(partition, region, account, uuid string) ARN {
	return lambdaARN(partition, region, account, "event-source-mapping:"+uuid)
}

// CodeSigningConfigARN returns the ARN of the code signing config with the
// given ID ("csc-…").
func CodeSigningConfigARN(partition, region, account, id string) ARN {
	return lambdaARN(partition, region, account, "code-signing-config:"+id)
}

// DurableExecutionARN returns the ARN of durable execution execution (ID
// id) of function name at qualifier qualifier.
func DurableExecutionARN(partition, region, account, name, qualifier, execution, id string) ARN {
	return lambdaARN(partition, region, account, "function:"+name+":"+qualifier+"/durable-execution/"+execution+"/"+id)
}

// CapacityProviderARN returns the ARN of capacity provider name.
func CapacityProviderARN(partition, region, account, name string) ARN {
	return lambdaARN(partition, region, account, "capacity-provider:"+name)
}

// NetworkConnectorARN returns the ARN of the network connector with the
// given ID.
func NetworkConnectorARN(partition, region, account, id string) ARN {
	return lambdaARN(partition, region, account, "network-connector:"+id)
}

// MicrovmImageARN returns the ARN of microVM image name.
func MicrovmImageARN(partition, region, account, name string) ARN {
	return lambdaARN(partition, region, account, "microvm-image:"+name)
}
