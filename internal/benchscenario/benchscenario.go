// Package benchscenario builds the benchmark scenarios of BENCHMARKS.md:
// small, large, mixed and lambda-resource. Each is a set of IAM policy
// documents, as JSON text, each with the slot it takes among a request's
// policies, and requests with the decision AWS gives.
//
// The main module's evaluate benchmarks (evaluate/scenarios_test.go) and
// the comparison module (bench/scenarios.go) both build their scenarios
// here, so that they time the same documents and requests. It is test and
// benchmark support: it does not import package evaluate, whose tests use
// it, and it is not on the evaluation path.
package benchscenario

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/policy"
)

// Slot is where a document goes among a request's policies.
type Slot int

// The slots, in the order the engines combine them.
const (
	Identity Slot = iota
	Resource
	Boundary
	SCP0
	SCP1
)

// Kind is the kind a document of the slot is parsed as.
func (s Slot) Kind() policy.Kind {
	switch s {
	case Resource:
		return policy.KindResource
	case Boundary:
		return policy.KindBoundary
	case SCP0, SCP1:
		return policy.KindSCP
	}
	return policy.KindIdentity
}

// Doc is one IAM policy document of a scenario.
type Doc struct {
	Slot Slot
	JSON []byte
}

// Decision is the answer to a request: "Allow", "ExplicitDeny" or
// "ImplicitDeny".
type Decision string

// The decisions.
const (
	Allow        Decision = "Allow"
	ExplicitDeny Decision = "ExplicitDeny"
	ImplicitDeny Decision = "ImplicitDeny"
)

// Request is a request in IAM terms; Context values are single strings.
type Request struct {
	Name                        string
	Principal, Action, Resource string
	Context                     map[string]string
	Want                        Decision
}

// ConditionContext returns r.Context as a condition.Context, each key with
// its one value.
func (r Request) ConditionContext() *condition.Context {
	kv := make(map[string][]string, len(r.Context))
	for k, v := range r.Context {
		kv[k] = []string{v}
	}
	return condition.NewContext(kv)
}

// Scenario is a set of documents and the requests evaluated against them.
type Scenario struct {
	Name     string
	Docs     []Doc
	Requests []Request
}

// File is the part of a bench case file (small.json, large.json) that the
// scenarios use. Its context values must be single strings.
type File struct {
	Principal, Action, Resource, Expect string
	Context                             map[string]string
	IdentityPolicies                    []json.RawMessage
}

// ReadFile reads the bench case file name in dir.
func ReadFile(dir, name string) (File, error) {
	var f File
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return f, err
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return f, fmt.Errorf("%s: %w", name, err)
	}
	return f, nil
}

// Request is the file's request, named name.
func (f File) Request(name string) Request {
	return Request{Name: name, Principal: f.Principal, Action: f.Action, Resource: f.Resource, Context: f.Context, Want: Decision(f.Expect)}
}

// PolicyDoc wraps statements into a 2012-10-17 document.
func PolicyDoc(stmts []string) []byte {
	return []byte(`{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`)
}

// All reads small.json and large.json from dir and builds the scenarios
// small, large, mixed and lambda-resource, in this order.
func All(dir string) ([]Scenario, error) {
	small, err := ReadFile(dir, "small.json")
	if err != nil {
		return nil, err
	}
	large, err := ReadFile(dir, "large.json")
	if err != nil {
		return nil, err
	}
	mixed, err := Mixed(large)
	if err != nil {
		return nil, err
	}
	return []Scenario{FromFile("small", small), FromFile("large", large), mixed, LambdaResource()}, nil
}

// FromFile is the scenario of a bench case file: its identity policies,
// exactly as they stand in the file, and its request, named "invoke".
func FromFile(name string, f File) Scenario {
	s := Scenario{Name: name, Requests: []Request{f.Request("invoke")}}
	for _, raw := range f.IdentityPolicies {
		s.Docs = append(s.Docs, Doc{Slot: Identity, JSON: raw})
	}
	return s
}

// Mixed is the mixed scenario: large.json's statements (f) spread over
// four identity policies, the function policy, a permissions boundary and
// two SCP levels so that the answer stays the same. The n-th Allow goes to
// identity policy n%5 for n%5 < 4 and otherwise to the function policy,
// granted to the caller's role (the boundary, which allows everything,
// does not cap it); the n-th Deny goes in turn to an identity policy, the
// function policy (Principal "*"), the boundary and the two SCP levels,
// each of which also allows everything (the SCPs with FullAWSAccess).
// Every Deny still applies where it did and every Allow still grants. The
// request is f's, named "invoke".
func Mixed(f File) (Scenario, error) {
	if len(f.IdentityPolicies) != 1 {
		return Scenario{}, fmt.Errorf("large.json: want one identity policy")
	}
	var doc struct{ Statement []json.RawMessage }
	if err := json.Unmarshal(f.IdentityPolicies[0], &doc); err != nil {
		return Scenario{}, err
	}
	var id [4][]string
	var res, bnd []string
	full := `{"Sid":"FullAWSAccess","Effect":"Allow","Action":"*","Resource":"*"}`
	scp := [2][]string{{full}, {full}}
	principal, _ := json.Marshal(f.Principal)
	allows, denies := 0, 0
	for _, raw := range doc.Statement {
		var st struct{ Effect string }
		if err := json.Unmarshal(raw, &st); err != nil {
			return Scenario{}, err
		}
		body := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(string(raw)), "{"), "}")
		if st.Effect == "Allow" {
			if k := allows % 5; k < 4 {
				id[k] = append(id[k], "{"+body+"}")
			} else {
				res = append(res, `{"Principal":{"AWS":`+string(principal)+`},`+body+"}")
			}
			allows++
			continue
		}
		switch denies % 5 {
		case 0:
			k := denies / 5 % 4
			id[k] = append(id[k], "{"+body+"}")
		case 1:
			res = append(res, `{"Principal":"*",`+body+"}")
		case 2:
			bnd = append(bnd, "{"+body+"}")
		case 3:
			scp[0] = append(scp[0], "{"+body+"}")
		default:
			scp[1] = append(scp[1], "{"+body+"}")
		}
		denies++
	}
	bnd = append(bnd, `{"Effect":"Allow","Action":"*","Resource":"*"}`)
	s := Scenario{Name: "mixed", Requests: []Request{f.Request("invoke")}}
	for _, stmts := range id {
		s.Docs = append(s.Docs, Doc{Slot: Identity, JSON: PolicyDoc(stmts)})
	}
	s.Docs = append(s.Docs,
		Doc{Slot: Resource, JSON: PolicyDoc(res)},
		Doc{Slot: Boundary, JSON: PolicyDoc(bnd)},
		Doc{Slot: SCP0, JSON: PolicyDoc(scp[0])},
		Doc{Slot: SCP1, JSON: PolicyDoc(scp[1])},
	)
	return s, nil
}

// Function is the function of the lambda-resource scenario.
const Function = "arn:aws:lambda:us-east-1:111122223333:function:app-orders"

// The lambda-resource scenario's other constants.
const (
	functionOwner = "111122223333"
	statements    = 200
	serviceMatch  = 196 // an events.amazonaws.com statement
	accountMatch  = 198 // an account statement
	accountBase   = 400000000000
)

// LambdaStatement is the i-th statement of a function policy for function
// fn, in the shapes AddPermission writes, in turn: Amazon S3, Amazon
// EventBridge and API Gateway with AWS:SourceArn (and, for S3,
// AWS:SourceAccount), another account, and an organization. tag goes into
// the EventBridge rule names ("rule" + tag + "-" + i), so that the
// policies of several functions differ; the lambda-resource scenario's
// tag is "".
func LambdaStatement(fn, tag string, i int) string {
	head := fmt.Sprintf(`{"Sid":"stmt-%d","Effect":"Allow","Action":"lambda:InvokeFunction","Resource":%q,`, i, fn)
	switch i % 5 {
	case 0:
		return head + fmt.Sprintf(`"Principal":{"Service":"s3.amazonaws.com"},"Condition":{"StringEquals":{"AWS:SourceAccount":%q},"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::bucket-%d"}}}`, functionOwner, i)
	case 1:
		return head + fmt.Sprintf(`"Principal":{"Service":"events.amazonaws.com"},"Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:events:us-east-1:%s:rule/rule%s-%d"}}}`, functionOwner, tag, i)
	case 2:
		return head + fmt.Sprintf(`"Principal":{"Service":"apigateway.amazonaws.com"},"Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:execute-api:us-east-1:%s:api%d/*/POST/orders"}}}`, functionOwner, i)
	case 3:
		return head + fmt.Sprintf(`"Principal":{"AWS":"arn:aws:iam::%012d:root"}}`, accountBase+i)
	default:
		return head + fmt.Sprintf(`"Principal":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-org%07d"}}}`, i)
	}
}

// LambdaResource is the lambda-resource scenario: a function policy of 200
// statements (LambdaStatement for Function) and the identity policy of the
// cross-account caller (identity policies play no part for a service
// principal); a service invoke that statement 196 allows and a
// cross-account invoke that statement 198 allows.
func LambdaResource() Scenario {
	stmts := make([]string, statements)
	for i := range stmts {
		stmts[i] = LambdaStatement(Function, "", i)
	}
	return Scenario{
		Name: "lambda-resource",
		Docs: []Doc{
			{Slot: Resource, JSON: PolicyDoc(stmts)},
			{Slot: Identity, JSON: PolicyDoc([]string{`{"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-1:111122223333:function:*"}`})},
		},
		Requests: []Request{
			{Name: "service-invoke", Principal: "events.amazonaws.com", Action: "lambda:InvokeFunction", Resource: Function, Want: Allow,
				Context: map[string]string{
					"aws:SourceArn":     fmt.Sprintf("arn:aws:events:us-east-1:%s:rule/rule-%d", functionOwner, serviceMatch),
					"aws:SourceAccount": functionOwner,
				}},
			{Name: "cross-account-invoke", Principal: fmt.Sprintf("arn:aws:iam::%012d:role/caller", accountBase+accountMatch), Action: "lambda:InvokeFunction", Resource: Function, Want: Allow,
				Context: map[string]string{"aws:PrincipalOrgID": "o-other000000"}},
		},
	}
}

// Placed is what an engine makes of a scenario's documents, one T per
// document, in the places of evaluate.Policies: the identity policies,
// the function policy, the boundary and the SCP levels. A level without
// documents is left out of SCPs.
type Placed[T any] struct {
	Identity           []T
	Resource, Boundary *T
	SCPs               [][]T
}

// Place puts items[i], made from docs[i], in the place of docs[i].Slot.
// items must be as long as docs.
func Place[T any](docs []Doc, items []T) Placed[T] {
	var p Placed[T]
	var scp [2][]T
	for i, d := range docs {
		switch d.Slot {
		case Identity:
			p.Identity = append(p.Identity, items[i])
		case Resource:
			p.Resource = &items[i]
		case Boundary:
			p.Boundary = &items[i]
		case SCP0:
			scp[0] = append(scp[0], items[i])
		case SCP1:
			scp[1] = append(scp[1], items[i])
		}
	}
	for _, level := range scp {
		if level != nil {
			p.SCPs = append(p.SCPs, level)
		}
	}
	return p
}
