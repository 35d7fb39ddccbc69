package awsinput

// Code classifies an *Error. The codes are stable; messages are not.
type Code string

// The error codes.
const (
	CodeSyntax           Code = "syntax"            // not valid JSON, not an object, nested too deep (A1)
	CodeInvalidField     Code = "invalid-field"     // a field of the account details has the wrong type (A1)
	CodeInvalidPolicy    Code = "invalid-policy"    // a policy document does not parse (A2, S1)
	CodeMissingPolicy    Code = "missing-policy"    // an attached or boundary policy is not in Policies (A3, A6)
	CodeNoDefault        Code = "no-default"        // a managed policy without a default version (A3)
	CodeUnknownPrincipal Code = "unknown-principal" // a principal the details do not describe (A4)
	CodePolicyInput      Code = "policy-input"      // a policy input that cannot be read (S1)
	CodeTooMany          Code = "too-many"          // more than one permissions boundary or resource policy (S1)
	CodeContextSyntax    Code = "context-syntax"    // a context entry that is not shorthand or JSON of the right shape (S3)
	CodeContextType      Code = "context-type"      // an unknown ContextKeyType, or a scalar type with several values (S3)
	CodeContextValue     Code = "context-value"     // a value that does not fit its type (S3)
	CodeContextDuplicate Code = "context-duplicate" // a key given twice (S3)
)

// Error is a problem with an AWS input. Pointer is the JSON pointer of the
// offending value in an account-details file ("" when not in one); Input
// is the command-line value or the principal the error is about. Err is
// the underlying error, a policy.ErrorList for CodeInvalidPolicy.
type Error struct {
	Code    Code
	Source  string
	Pointer string
	Input   string
	Msg     string
	Err     error
}

// Error returns "SOURCE: POINTER: message: underlying error", leaving out
// the parts that are empty.
func (e *Error) Error() string {
	s := ""
	add := func(part string) {
		if part == "" {
			return
		}
		if s != "" {
			s += ": "
		}
		s += part
	}
	add(e.Source)
	add(e.Pointer)
	add(e.Msg)
	if e.Err != nil {
		add(e.Err.Error())
	}
	return s
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }
