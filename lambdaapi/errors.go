package lambdaapi

import "fmt"

// Code is a stable identifier for the kind of an Error.
type Code string

// The error codes.
const (
	// CodeUnknownOperation: Call.Operation is not a Lambda API operation
	// this package knows (see Operations).
	CodeUnknownOperation Code = "unknown-operation"
	// CodeMissingCaller: Call.Caller is empty and the operation is not a
	// function URL call with AuthType NONE.
	CodeMissingCaller Code = "missing-caller"
	// CodeMissingParameter: a parameter the operation needs is empty.
	CodeMissingParameter Code = "missing-parameter"
	// CodeInvalidParameter: a parameter is malformed or names the wrong
	// kind of resource. Err holds an *arn.ParseError when one explains it.
	CodeInvalidParameter Code = "invalid-parameter"
	// CodeQualifierNotAccepted: the operation addresses the function as a
	// whole and takes no qualifier, but the call gives one (as Qualifier or
	// as a suffix of FunctionName).
	CodeQualifierNotAccepted Code = "qualifier-not-accepted"
	// CodeResourcePolicy: a resource policy given to NewAuthorizer cannot
	// be used (it is keyed by something that is not an ARN, or it was given
	// in Policies.Resource instead of by ARN).
	CodeResourcePolicy Code = "resource-policy"
)

// Error is a problem with a Call, or with the policies given to
// NewAuthorizer. Callers inspect it with errors.As and switch on Code;
// an error about a function name or qualifier wraps the *arn.ParseError
// of arn.ResolveFunction, which errors.As also finds.
type Error struct {
	Code Code
	// Field is the Call field at fault ("FunctionName", "Layers[1]",
	// "VpcConfig.VpcID", ...), or the ARN of a resource policy; Value is
	// its offending value.
	Field string
	Value string
	Msg   string
	// Err is the underlying error, if any (an *arn.ParseError, or
	// evaluate's *Error from Compile).
	Err error
}

// Error formats the error as "lambdaapi: FIELD "VALUE": msg".
func (e *Error) Error() string {
	switch {
	case e.Field == "":
		return "lambdaapi: " + e.Msg
	case e.Value == "":
		return fmt.Sprintf("lambdaapi: %s: %s", e.Field, e.Msg)
	}
	return fmt.Sprintf("lambdaapi: %s %q: %s", e.Field, e.Value, e.Msg)
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

func errorf(code Code, field, value, format string, args ...any) *Error {
	return &Error{Code: code, Field: field, Value: value, Msg: fmt.Sprintf(format, args...)}
}
