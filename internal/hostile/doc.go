// Package hostile reads the project's corpus of hostile inputs: policy
// documents and requests built to crash, stall or exhaust a policy
// engine, each with the outcome it must have.
//
// The corpus lives in testdata/hostile as recipe files, because the inputs
// themselves are too large to commit (a 20 MB document, a 100 MB input,
// 100,000 statements): a recipe holds a small text with placeholders and
// how to expand them, and Build makes the bytes. The tests of this package
// run every case through policy.Parse, evaluate.Compile and evaluation;
// the command's tests run them through "lambdaiam validate". The security
// properties checked follow the IAM User Guide's "IAM JSON policy
// reference" (grammar), "IAM and AWS STS quotas" (sizes) and "Policy
// evaluation logic" (decisions).
//
// A case is built and checked in this order:
//
//  1. Input: Zeros bytes, or Text with each Repeat placeholder replaced by
//     its unit repeated N times ("{i}" in the unit is the repetition's
//     index) and each Hex placeholder by raw bytes.
//  2. Parse: policy.Parse with the case's kind (and WithMaxBytes when
//     MaxBytes is set) either succeeds, or fails with exactly the expected
//     distinct error codes, the first error at the expected JSON pointer.
//  3. Compile: a parsed document is compiled in its kind's slot; it must
//     succeed, or fail with the expected code.
//  4. Evaluate: each request gets the expected decision from Evaluate and
//     Decide, or ImplicitDeny with the expected error code.
//  5. Budget: all of it within the case's time (default 10 s, generous for
//     the race detector) and allocation budget (default 256 MB).
//  6. Scale: for cases that ask, the input built at two sizes a Factor
//     apart costs at most MaxRatio times more at the larger size (linear
//     cost gives about Factor, quadratic Factor squared).
//
// Every case must end in a clear error or a correct answer, within its
// budget, and never in a panic.
package hostile
