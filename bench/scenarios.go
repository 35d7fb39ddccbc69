package bench

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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

// Scenario is a set of documents and the requests evaluated against them.
type Scenario struct {
	Name     string
	Docs     []Doc
	Requests []Request
}

type benchFile struct {
	Principal, Action, Resource, Expect string
	Context                             map[string]string
	IdentityPolicies                    []json.RawMessage
}

func readFile(dir, name string) (benchFile, error) {
	var f benchFile
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return f, err
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return f, fmt.Errorf("%s: %w", name, err)
	}
	return f, nil
}

func (f benchFile) request(name string) Request {
	return Request{Name: name, Principal: f.Principal, Action: f.Action, Resource: f.Resource, Context: f.Context, Want: Decision(f.Expect)}
}

func policyDoc(stmts []string) []byte {
	return []byte(`{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`)
}

// Scenarios reads small.json and large.json from dir and builds the
// scenarios small, large, mixed and lambda-resource (the same ones as the
// main module's evaluate/scenarios_test.go).
func Scenarios(dir string) ([]Scenario, error) {
	small, err := readFile(dir, "small.json")
	if err != nil {
		return nil, err
	}
	large, err := readFile(dir, "large.json")
	if err != nil {
		return nil, err
	}
	out := []Scenario{fileScenario("small", small), fileScenario("large", large)}
	mixed, err := mixedScenario(large)
	if err != nil {
		return nil, err
	}
	return append(out, mixed, lambdaResourceScenario()), nil
}

func fileScenario(name string, f benchFile) Scenario {
	s := Scenario{Name: name, Requests: []Request{f.request("invoke")}}
	for _, raw := range f.IdentityPolicies {
		s.Docs = append(s.Docs, Doc{Identity, raw})
	}
	return s
}

// mixedScenario spreads large's statements over four identity policies,
// the function policy, a boundary and two SCP levels, keeping the answer:
// the n-th Allow goes to identity policy n%5 (n%5 < 4) or to the function
// policy granted to the caller's role; the n-th Deny goes in turn to an
// identity policy, the function policy (Principal "*"), the boundary and
// the two SCP levels, which also allow everything.
func mixedScenario(f benchFile) (Scenario, error) {
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
	s := Scenario{Name: "mixed", Requests: []Request{f.request("invoke")}}
	for _, stmts := range id {
		s.Docs = append(s.Docs, Doc{Identity, policyDoc(stmts)})
	}
	s.Docs = append(s.Docs,
		Doc{Resource, policyDoc(res)},
		Doc{Boundary, policyDoc(bnd)},
		Doc{SCP0, policyDoc(scp[0])},
		Doc{SCP1, policyDoc(scp[1])},
	)
	return s, nil
}

const (
	function      = "arn:aws:lambda:us-east-1:111122223333:function:app-orders"
	functionOwner = "111122223333"
	accountBase   = 400000000000
)

// lambdaStatement is the i-th statement of the lambda-resource function
// policy, in the shapes AddPermission writes, in turn: Amazon S3, Amazon
// EventBridge and API Gateway with AWS:SourceArn (S3 also with
// AWS:SourceAccount), another account, and an organization.
func lambdaStatement(i int) string {
	head := fmt.Sprintf(`{"Sid":"stmt-%d","Effect":"Allow","Action":"lambda:InvokeFunction","Resource":%q,`, i, function)
	switch i % 5 {
	case 0:
		return head + fmt.Sprintf(`"Principal":{"Service":"s3.amazonaws.com"},"Condition":{"StringEquals":{"AWS:SourceAccount":%q},"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::bucket-%d"}}}`, functionOwner, i)
	case 1:
		return head + fmt.Sprintf(`"Principal":{"Service":"events.amazonaws.com"},"Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:events:us-east-1:%s:rule/rule-%d"}}}`, functionOwner, i)
	case 2:
		return head + fmt.Sprintf(`"Principal":{"Service":"apigateway.amazonaws.com"},"Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:execute-api:us-east-1:%s:api%d/*/POST/orders"}}}`, functionOwner, i)
	case 3:
		return head + fmt.Sprintf(`"Principal":{"AWS":"arn:aws:iam::%012d:root"}}`, accountBase+i)
	default:
		return head + fmt.Sprintf(`"Principal":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-org%07d"}}}`, i)
	}
}

// lambdaResourceScenario: a function policy of 200 statements and the
// cross-account caller's identity policy; a service invoke that statement
// 196 allows and a cross-account invoke that statement 198 allows.
func lambdaResourceScenario() Scenario {
	stmts := make([]string, 200)
	for i := range stmts {
		stmts[i] = lambdaStatement(i)
	}
	return Scenario{
		Name: "lambda-resource",
		Docs: []Doc{
			{Resource, policyDoc(stmts)},
			{Identity, policyDoc([]string{`{"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-1:111122223333:function:*"}`})},
		},
		Requests: []Request{
			{Name: "service-invoke", Principal: "events.amazonaws.com", Action: "lambda:InvokeFunction", Resource: function, Want: Allow,
				Context: map[string]string{
					"aws:SourceArn":     "arn:aws:events:us-east-1:" + functionOwner + ":rule/rule-196",
					"aws:SourceAccount": functionOwner,
				}},
			{Name: "cross-account-invoke", Principal: fmt.Sprintf("arn:aws:iam::%012d:role/caller", accountBase+198), Action: "lambda:InvokeFunction", Resource: function, Want: Allow,
				Context: map[string]string{"aws:PrincipalOrgID": "o-other000000"}},
		},
	}
}
