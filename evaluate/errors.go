package evaluate

import "fmt"

// Code is a stable identifier for the kind of an Error.
type Code string

// The error codes.
const (
	// CodeInvalidPrincipal: the request's principal is empty or not one of
	// the forms Request documents.
	CodeInvalidPrincipal Code = "invalid-principal"
	// CodeInvalidAction: the request's action is empty or not
	// "service:Name".
	CodeInvalidAction Code = "invalid-action"
	// CodeInvalidResource: the request's resource is neither "*" nor an
	// ARN, or its ResourceAccount is not an account ID.
	CodeInvalidResource Code = "invalid-resource"
	// CodeMissingDocument: a Named policy has no document.
	CodeMissingDocument Code = "missing-document"
	// CodePolicyKind: a document's kind does not fit the slot it was given
	// in (an SCP passed as an identity policy, ...).
	CodePolicyKind Code = "policy-kind"
	// CodeInvalidPolicy: an element of a parsed document could not be
	// compiled (a Resource pattern or a condition).
	CodeInvalidPolicy Code = "invalid-policy"
)

// Error is an error from Compile (a policy that cannot be used) or from
// evaluation (a request that cannot be evaluated). Callers inspect it with
// errors.As and switch on Code.
type Error struct {
	Code Code
	// Policy and Statement locate a compile error: the policy's name and
	// the statement's index (-1 for the policy as a whole). Empty for
	// request errors.
	Policy    string
	Statement int
	// Field and Value locate a request error: "principal", "action",
	// "resource" or "resourceAccount" and the offending value.
	Field string
	Value string
	Msg   string
	// Err is the underlying error, if any (a *policy.Error, an arn or
	// condition error).
	Err error
}

// Error formats the error as "policy NAME statement N: msg" or
// "request FIELD "VALUE": msg".
func (e *Error) Error() string {
	msg := e.Msg
	if e.Err != nil {
		if msg == "" {
			msg = e.Err.Error()
		} else {
			msg += ": " + e.Err.Error()
		}
	}
	switch {
	case e.Field != "":
		return fmt.Sprintf("request %s %q: %s", e.Field, e.Value, msg)
	case e.Policy != "" && e.Statement >= 0:
		return fmt.Sprintf("policy %q statement %d: %s", e.Policy, e.Statement, msg)
	case e.Policy != "":
		return fmt.Sprintf("policy %q: %s", e.Policy, msg)
	}
	return msg
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

func requestError(code Code, field, value, msg string) *Error {
	return &Error{Code: code, Statement: -1, Field: field, Value: value, Msg: msg}
}
