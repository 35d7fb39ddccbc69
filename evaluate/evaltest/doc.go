// Package evaltest provides helpers for testing AWS IAM policies for AWS
// Lambda in ordinary Go tests, in the way net/http/httptest helps test
// HTTP handlers: assert the decision AWS would make on a request, run a
// table of requests against one compiled set, or run a case file whose
// cases carry their own policies and expectations.
//
// The decisions are package evaluate's, which follows the IAM User Guide's
// "Policy evaluation logic" and "Cross-account policy evaluation logic"
// pages; the case format is the project's (see the lambdaiam command's
// "eval" and "test").
//
// # Assertions
//
// Allow, Deny, ImplicitDeny and ExplicitDeny evaluate one request against
// a compiled *evaluate.Set and report a failure through the TB (usually
// the test's *testing.T) with Errorf, so the test goes on; each returns
// whether the assertion held. In order, an assertion:
//
//  1. fails when the set is nil;
//  2. evaluates the request with (*evaluate.Set).Evaluate;
//  3. fails when the result carries an error (a malformed request is not
//     a deny: evaluate fails closed, but a test that expects a deny must
//     not pass because the request was mistyped);
//  4. compares the decision: Allow wants evaluate.Allow, ImplicitDeny and
//     ExplicitDeny want exactly that decision, and Deny wants either
//     ImplicitDeny or ExplicitDeny.
//
// A failure reads
//
//	evaltest.Allow: arn:aws:iam::111122223333:user/dev → lambda:DeleteFunction on arn:...: decision (-want +got):
//	  string(
//	- 	"Allow",
//	+ 	"ImplicitDeny",
//	  )
//	request:
//	  principal:  arn:aws:iam::111122223333:user/dev
//	  ...
//	reasons:
//	  - identity-based policy "dev", statement 1 (Sid "Read") at dev.json:9:5: allows ...
//
// that is, a cmp.Diff of the decision (-want +got), the request with its
// context keys, and the reasons evaluate gave for its decision, each with
// the policy, statement and position that produced it.
//
// # Tables and case files
//
// Run runs a table of Cases against one set, each as a subtest named
// after the Case. RunFile loads a case file (one JSON object or JSON
// Lines, as lambdaiam eval reads it) and runs each case that carries
// "expect" as a subtest named after the case, against the case's own
// policies: inline documents, or policy files named relative to the case
// file, so a repository can keep its real policies in one place and its
// expectations beside them. A case that expects "Error" passes when its
// policies or request are rejected. Cases without "expect" are skipped,
// and a file where no case carries one fails. RunDir runs every case file
// under a directory: files named *.jsonl, *.cases.json or *.case.json,
// the rule lambdaiam test uses.
//
// ReadPolicy and Compile load policies for Run and the assertions,
// failing the test (Fatalf) on any error.
package evaltest
