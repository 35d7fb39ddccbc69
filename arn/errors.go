package arn

import "strconv"

// ErrorCode identifies why an input was rejected. The numeric values and
// the String names are stable.
type ErrorCode int

// The error codes.
const (
	// CodeTooLong means the input is longer than allowed (MaxLength for an ARN,
	// 140 bytes for a Lambda function reference).
	CodeTooLong ErrorCode = 1
	// CodeMissingPrefix means the input does not start with "arn:".
	CodeMissingPrefix ErrorCode = 2
	// CodeTooFewParts means the input has fewer than six colon-separated parts.
	CodeTooFewParts ErrorCode = 3
	// CodeInvalidPartition means the partition is empty or has a character
	// other than a–z and '-'.
	CodeInvalidPartition ErrorCode = 4
	// CodeInvalidService means the service is empty or has a character other
	// than a–z, 0–9 and '-'.
	CodeInvalidService ErrorCode = 5
	// CodeInvalidRegion means the region has a character other than a–z, 0–9
	// and '-'.
	CodeInvalidRegion ErrorCode = 6
	// CodeInvalidAccount means the account ID has a character other than a–z,
	// 0–9 and '-', or (in a Lambda resource) is not 12 digits.
	CodeInvalidAccount ErrorCode = 7
	// CodeInvalidResource means the resource is empty, or has invalid UTF-8 or
	// a control character.
	CodeInvalidResource ErrorCode = 8
	// CodeNotLambda means a Lambda resource was expected but the service is not
	// "lambda".
	CodeNotLambda ErrorCode = 9
	// CodeInvalidResourceType means the resource is not of the expected Lambda
	// resource type, or of none.
	CodeInvalidResourceType ErrorCode = 10
	// CodeInvalidName means a function, alias, layer or other resource name is
	// empty or has a character it may not have.
	CodeInvalidName ErrorCode = 11
	// CodeNameTooLong means a name is longer than Lambda allows (64 for a
	// function name).
	CodeNameTooLong ErrorCode = 12
	// CodeInvalidQualifier means a qualifier is not a version number, "$LATEST"
	// or an alias name.
	CodeInvalidQualifier ErrorCode = 13
	// CodeQualifierConflict means the function reference ends with a qualifier
	// and the separate qualifier argument names a different one.
	CodeQualifierConflict ErrorCode = 14
	// CodePartitionMismatch means the function reference names a partition other
	// than the caller's.
	CodePartitionMismatch ErrorCode = 15
	// CodeRegionMismatch means the function reference names a region other than
	// the caller's (the endpoint's).
	CodeRegionMismatch ErrorCode = 16
	// CodeMissingRegion means the function reference has no region and none was
	// given.
	CodeMissingRegion ErrorCode = 17
	// CodeMissingAccount means the function reference has no account and none
	// was given.
	CodeMissingAccount ErrorCode = 18
	// CodeInvalidFunctionRef means the function reference has none of the forms
	// name, name:qualifier, account:function:name[:qualifier] or a function
	// ARN.
	CodeInvalidFunctionRef ErrorCode = 19
	// CodeInvalidID means an identifier (event source mapping UUID, code signing
	// config ID, layer version number, execution ID) is malformed.
	CodeInvalidID ErrorCode = 20
	// CodeShortPattern means a Resource pattern has fewer than six parts and the
	// ShortError mode is in force.
	CodeShortPattern ErrorCode = 21
)

var codeNames = [...]string{
	CodeTooLong:             "too-long",
	CodeMissingPrefix:       "missing-prefix",
	CodeTooFewParts:         "too-few-parts",
	CodeInvalidPartition:    "invalid-partition",
	CodeInvalidService:      "invalid-service",
	CodeInvalidRegion:       "invalid-region",
	CodeInvalidAccount:      "invalid-account",
	CodeInvalidResource:     "invalid-resource",
	CodeNotLambda:           "not-lambda",
	CodeInvalidResourceType: "invalid-resource-type",
	CodeInvalidName:         "invalid-name",
	CodeNameTooLong:         "name-too-long",
	CodeInvalidQualifier:    "invalid-qualifier",
	CodeQualifierConflict:   "qualifier-conflict",
	CodePartitionMismatch:   "partition-mismatch",
	CodeRegionMismatch:      "region-mismatch",
	CodeMissingRegion:       "missing-region",
	CodeMissingAccount:      "missing-account",
	CodeInvalidFunctionRef:  "invalid-function-ref",
	CodeInvalidID:           "invalid-id",
	CodeShortPattern:        "short-pattern",
}

var codeText = [...]string{
	CodeTooLong:             "input too long",
	CodeMissingPrefix:       `missing "arn:" prefix`,
	CodeTooFewParts:         "fewer than six colon-separated parts",
	CodeInvalidPartition:    "invalid partition",
	CodeInvalidService:      "invalid service",
	CodeInvalidRegion:       "invalid region",
	CodeInvalidAccount:      "invalid account ID",
	CodeInvalidResource:     "invalid resource",
	CodeNotLambda:           "not a Lambda ARN",
	CodeInvalidResourceType: "unexpected Lambda resource type",
	CodeInvalidName:         "invalid name",
	CodeNameTooLong:         "name too long",
	CodeInvalidQualifier:    "invalid qualifier",
	CodeQualifierConflict:   "qualifier differs from the qualifier argument",
	CodePartitionMismatch:   "partition differs from the caller's",
	CodeRegionMismatch:      "region differs from the caller's",
	CodeMissingRegion:       "no region",
	CodeMissingAccount:      "no account",
	CodeInvalidFunctionRef:  "not a function name, partial ARN or function ARN",
	CodeInvalidID:           "invalid identifier",
	CodeShortPattern:        "pattern has fewer than six parts",
}

// String returns the stable name of the code, such as "too-few-parts".
func (c ErrorCode) String() string {
	if c > 0 && int(c) < len(codeNames) {
		return codeNames[c]
	}
	return "ErrorCode(" + strconv.Itoa(int(c)) + ")"
}

// ParseError reports an input that this package rejects. Offset is the
// byte offset in Input of the first offending byte (len(Input) when
// something is missing at the end); 0 <= Offset <= len(Input).
type ParseError struct {
	Input  string
	Offset int
	Code   ErrorCode
}

// Error returns a message naming the problem, the offset and the input.
func (e *ParseError) Error() string {
	msg := e.Code.String()
	if e.Code > 0 && int(e.Code) < len(codeText) {
		msg = codeText[e.Code]
	}
	in := e.Input
	if len(in) > 256 {
		in = in[:256] + "..."
	}
	return "arn: " + msg + " at offset " + strconv.Itoa(e.Offset) + " in " + strconv.Quote(in)
}
