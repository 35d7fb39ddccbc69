// Package bench compares lambdaiam with other Go policy engines on the
// scenarios of BENCHMARKS.md. It is a module of its own, so that users of
// the library never download the engines it is compared with.
//
// Each scenario is a set of IAM policy documents (identity policies, a
// function policy, a permissions boundary, SCP levels) and requests with
// the decision AWS gives. Each engine translates the documents into its own
// language once, outside the timed loop, and must give every request's
// decision before it is timed (see TestDecisions). The command
// ./cmd/compare times every engine on every scenario in one process and
// prints the table.
package bench
