package bench

import "github.com/lambdaiam/lambdaiam/internal/benchscenario"

// The scenarios are built by the main module's internal/benchscenario,
// which evaluate/scenarios_test.go uses too; the names below are its.

// Slot is where a document goes among a request's policies.
type Slot = benchscenario.Slot

// The slots, in the order the engines combine them.
const (
	Identity = benchscenario.Identity
	Resource = benchscenario.Resource
	Boundary = benchscenario.Boundary
	SCP0     = benchscenario.SCP0
	SCP1     = benchscenario.SCP1
)

// Doc is one IAM policy document of a scenario: its Slot and its JSON
// text.
type Doc = benchscenario.Doc

// Decision is the answer to a request: "Allow", "ExplicitDeny" or
// "ImplicitDeny".
type Decision = benchscenario.Decision

// The decisions.
const (
	Allow        = benchscenario.Allow
	ExplicitDeny = benchscenario.ExplicitDeny
	ImplicitDeny = benchscenario.ImplicitDeny
)

// Request is a request in IAM terms (Name, Principal, Action, Resource,
// Context) and the decision it wants (Want); Context values are single
// strings.
type Request = benchscenario.Request

// Scenario is a set of documents and the requests evaluated against them:
// Name, Docs and Requests.
type Scenario = benchscenario.Scenario

// Scenarios reads small.json and large.json from dir and builds the
// scenarios small, large, mixed and lambda-resource (the same ones as the
// main module's evaluate/scenarios_test.go).
func Scenarios(dir string) ([]Scenario, error) { return benchscenario.All(dir) }

// function is the lambda-resource scenario's function.
const function = benchscenario.Function

// lambdaResourceScenario: a function policy of 200 statements and the
// cross-account caller's identity policy; a service invoke that statement
// 196 allows and a cross-account invoke that statement 198 allows.
func lambdaResourceScenario() Scenario { return benchscenario.LambdaResource() }
