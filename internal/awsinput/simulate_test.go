package awsinput

import (
	"errors"
	"io/fs"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/policy"
)

func codeOf(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if !errors.As(err, &e) {
		return "not an *Error"
	}
	return e.Code
}

func TestPolicyInputs(t *testing.T) {
	files := map[string]string{
		"p.json":    doc("FromFile", "lambda:GetFunction"),
		"list.json": `["` + `{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"L1\",\"Effect\":\"Allow\",\"Action\":\"lambda:*\",\"Resource\":\"*\"}]}", "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Sid%22%3A%22L2%22%2C%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22lambda%3A%2A%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D"]`,
		"getpolicy": `{"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"GP\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"},\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"*\"}]}", "RevisionId": "r1"}`,
		"bad.json":  `{"Statement":[{"Effect":"Allow"}]}`,
	}
	read := func(name string) ([]byte, error) {
		if s, ok := files[name]; ok {
			return []byte(s), nil
		}
		return nil, fs.ErrNotExist
	}
	type result struct {
		Names, Sids []string
		Code        Code
	}
	tests := []struct {
		name   string
		values []string
		prefix string
		kind   policy.Kind
		read   ReadFunc
		want   result
	}{
		{"S1/inline-and-file-numbered-in-order", []string{doc("Inline", "lambda:*"), "file://p.json"}, PolicyInputList, policy.KindIdentity, read,
			result{Names: []string{"PolicyInputList.1", "PolicyInputList.2"}, Sids: []string{"Inline", "FromFile"}}},
		{"S1/json-array-of-documents-plain-and-encoded", []string{"file://list.json"}, PolicyInputList, policy.KindIdentity, read,
			result{Names: []string{"PolicyInputList.1", "PolicyInputList.2"}, Sids: []string{"L1", "L2"}}},
		{"S1/boundary-prefix", []string{"file://p.json"}, PermissionsBoundaryPolicyInputList, policy.KindBoundary, read,
			result{Names: []string{"PermissionsBoundaryPolicyInputList.1"}, Sids: []string{"FromFile"}}},
		{"S1/resource-policy-get-policy-envelope", []string{"file://getpolicy"}, ResourcePolicy, policy.KindResource, read,
			result{Names: []string{"ResourcePolicy"}, Sids: []string{"GP"}}},
		{"S1/missing-file", []string{"file://nope.json"}, PolicyInputList, policy.KindIdentity, read, result{Code: CodePolicyInput}},
		{"S1/file-without-reader", []string{"file://p.json"}, PolicyInputList, policy.KindIdentity, nil, result{Code: CodePolicyInput}},
		{"S1/invalid-document", []string{"file://bad.json"}, PolicyInputList, policy.KindIdentity, read, result{Code: CodeInvalidPolicy}},
		{"S1/array-of-non-strings", []string{`[{"Version":"2012-10-17"}]`}, PolicyInputList, policy.KindIdentity, read, result{Code: CodePolicyInput}},
		{"S1/empty-array", []string{`[]`}, PolicyInputList, policy.KindIdentity, read, result{Code: CodePolicyInput}},
		{"S1/array-not-json", []string{`[{"Version"`}, PolicyInputList, policy.KindIdentity, read, result{Code: CodePolicyInput}},
		{"S1/no-values", nil, PolicyInputList, policy.KindIdentity, read, result{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			named, err := PolicyInputs(tt.values, tt.prefix, tt.kind, tt.read)
			got := result{Code: codeOf(err)}
			for _, n := range named {
				got.Names = append(got.Names, n.Name)
				got.Sids = append(got.Sids, n.Doc.Statements[0].Sid)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestSplitList(t *testing.T) {
	tests := []struct {
		name   string
		values []string
		want   []string
	}{
		{"S2/commas", []string{"lambda:InvokeFunction,lambda:GetFunction"}, []string{"lambda:InvokeFunction", "lambda:GetFunction"}},
		{"S2/spaces-and-repeats", []string{"a b", "c", " , d,"}, []string{"a", "b", "c", "d"}},
		{"S2/empty", []string{""}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, SplitList(tt.values)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestContextEntries(t *testing.T) {
	type kv struct {
		Key    string
		Values []string
		Multi  bool
	}
	tests := []struct {
		name   string
		values []string
		want   []kv
		code   Code
	}{
		{"S3/shorthand-single", []string{"ContextKeyName=aws:SourceIp,ContextKeyValues=203.0.113.7,ContextKeyType=ip"},
			[]kv{{"aws:sourceip", []string{"203.0.113.7"}, false}}, ""},
		{"S3/shorthand-list-any-order", []string{"ContextKeyType=stringList,ContextKeyName=aws:TagKeys,ContextKeyValues=team,env"},
			[]kv{{"aws:tagkeys", []string{"team", "env"}, true}}, ""},
		{"S3/shorthand-bracketed-values", []string{"ContextKeyName=lambda:Layer,ContextKeyValues=[a,b],ContextKeyType=stringList"},
			[]kv{{"lambda:layer", []string{"a", "b"}, true}}, ""},
		{"S3/type-defaults-to-string", []string{"ContextKeyName=aws:PrincipalOrgID,ContextKeyValues=o-a1b2c3d4e5"},
			[]kv{{"aws:principalorgid", []string{"o-a1b2c3d4e5"}, false}}, ""},
		{"S3/json-object", []string{`{"ContextKeyName":"aws:SecureTransport","ContextKeyValues":["true"],"ContextKeyType":"boolean"}`},
			[]kv{{"aws:securetransport", []string{"true"}, false}}, ""},
		{"S3/json-array", []string{`[{"ContextKeyName":"aws:EpochTime","ContextKeyValues":["1700000000"],"ContextKeyType":"numeric"},{"ContextKeyName":"aws:CurrentTime","ContextKeyValues":["2024-05-01T12:00:00Z"],"ContextKeyType":"date"}]`},
			[]kv{{"aws:currenttime", []string{"2024-05-01T12:00:00Z"}, false}, {"aws:epochtime", []string{"1700000000"}, false}}, ""},
		{"S3/several-flags", []string{"ContextKeyName=a:x,ContextKeyValues=1,ContextKeyType=numeric", "ContextKeyName=a:y,ContextKeyValues=10.0.0.0/8,ContextKeyType=ipList"},
			[]kv{{"a:x", []string{"1"}, false}, {"a:y", []string{"10.0.0.0/8"}, true}}, ""},
		{"S3/list-type-with-one-value-is-multivalued", []string{"ContextKeyName=a:x,ContextKeyValues=dGVzdA==,ContextKeyType=binaryList"},
			[]kv{{"a:x", []string{"dGVzdA=="}, true}}, ""},
		{"S3/missing-name", []string{"ContextKeyValues=v"}, nil, CodeContextSyntax},
		{"S3/missing-values", []string{"ContextKeyName=a:x,ContextKeyType=string"}, nil, CodeContextSyntax},
		{"S3/not-name-value", []string{"aws:SourceIp=1.2.3.4"}, nil, CodeContextSyntax},
		{"S3/field-twice", []string{"ContextKeyName=a,ContextKeyName=b,ContextKeyValues=v"}, nil, CodeContextSyntax},
		{"S3/unclosed-bracket", []string{"ContextKeyName=a,ContextKeyValues=[v,w"}, nil, CodeContextSyntax},
		{"S3/json-unknown-field", []string{`{"ContextKeyName":"a","Values":["v"]}`}, nil, CodeContextSyntax},
		{"S3/json-trailing-text", []string{`{"ContextKeyName":"a","ContextKeyValues":["v"]} x`}, nil, CodeContextSyntax},
		{"S3/unknown-type", []string{"ContextKeyName=a,ContextKeyValues=v,ContextKeyType=String"}, nil, CodeContextType},
		{"S3/scalar-type-several-values", []string{"ContextKeyName=a,ContextKeyValues=v,w,ContextKeyType=string"}, nil, CodeContextType},
		{"S3/bad-numeric", []string{"ContextKeyName=a,ContextKeyValues=ten,ContextKeyType=numeric"}, nil, CodeContextValue},
		{"S3/bad-boolean", []string{"ContextKeyName=a,ContextKeyValues=yes,ContextKeyType=boolean"}, nil, CodeContextValue},
		{"S3/bad-ip", []string{"ContextKeyName=a,ContextKeyValues=10.0.0.0/33,ContextKeyType=ip"}, nil, CodeContextValue},
		{"S3/bad-date", []string{"ContextKeyName=a,ContextKeyValues=yesterday,ContextKeyType=date"}, nil, CodeContextValue},
		{"S3/bad-binary", []string{"ContextKeyName=a,ContextKeyValues=!!,ContextKeyType=binary"}, nil, CodeContextValue},
		{"S3/key-twice-any-case", []string{"ContextKeyName=aws:SourceIp,ContextKeyValues=1.2.3.4,ContextKeyType=ip", "ContextKeyName=AWS:sourceip,ContextKeyValues=1.2.3.5,ContextKeyType=ip"}, nil, CodeContextDuplicate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ctx *condition.Context
			entries, err := ParseContextEntries(tt.values)
			if err == nil {
				ctx, err = NewContext(entries)
			}
			if diff := cmp.Diff(tt.code, codeOf(err)); diff != "" {
				t.Fatalf("code (-want +got):\n%s (error: %v)", diff, err)
			}
			if err != nil {
				return
			}
			var got []kv
			for _, k := range ctx.Keys() {
				v, _ := ctx.Lookup(k)
				got = append(got, kv{k, v.Strings(), v.Multi()})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("context (-want +got):\n%s", diff)
			}
		})
	}
}

func TestResult(t *testing.T) {
	read := func(string) ([]byte, error) { return nil, fs.ErrNotExist }
	identity, err := PolicyInputs([]string{
		"{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Sid\": \"Invoke\", \"Effect\": \"Allow\", \"Action\": \"lambda:*\", \"Resource\": \"*\"}\n  ]\n}",
		`{"Version":"2012-10-17","Statement":[{"Sid":"NoDelete","Effect":"Deny","Action":"lambda:DeleteFunction","Resource":"*"}]}`,
	}, PolicyInputList, policy.KindIdentity, read)
	if err != nil {
		t.Fatal(err)
	}
	set, err := evaluate.Compile(evaluate.Policies{Identity: identity})
	if err != nil {
		t.Fatal(err)
	}
	const fn = "arn:aws:lambda:us-east-1:111122223333:function:f"
	tests := []struct {
		name, principal, action string
		want                    EvaluationResult
	}{
		{"S4/allowed", "arn:aws:iam::111122223333:user/u", "lambda:InvokeFunction", EvaluationResult{
			EvalActionName: "lambda:InvokeFunction", EvalResourceName: fn, EvalDecision: "allowed",
			MatchedStatements:    []Statement{{SourcePolicyId: "PolicyInputList.1", StartPosition: Position{Line: 4, Column: 5}}},
			MissingContextValues: []string{},
		}},
		{"S4/explicit-deny", "arn:aws:iam::111122223333:user/u", "lambda:DeleteFunction", EvaluationResult{
			EvalActionName: "lambda:DeleteFunction", EvalResourceName: fn, EvalDecision: "explicitDeny",
			MatchedStatements:    []Statement{{SourcePolicyId: "PolicyInputList.2", StartPosition: Position{Line: 1, Column: 38}}},
			MissingContextValues: []string{},
		}},
		{"S4/implicit-deny-lists-the-allows-that-did-not-suffice", "arn:aws:iam::444455556666:user/u", "lambda:InvokeFunction", EvaluationResult{
			EvalActionName: "lambda:InvokeFunction", EvalResourceName: fn, EvalDecision: "implicitDeny",
			MatchedStatements:    []Statement{{SourcePolicyId: "PolicyInputList.1", StartPosition: Position{Line: 4, Column: 5}}},
			MissingContextValues: []string{},
		}},
		{"S4/implicit-deny-nothing-matched", "arn:aws:iam::111122223333:user/u", "s3:GetObject", EvaluationResult{
			EvalActionName: "s3:GetObject", EvalResourceName: fn, EvalDecision: "implicitDeny",
			MatchedStatements: []Statement{}, MissingContextValues: []string{},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := set.Evaluate(evaluate.Request{Principal: tt.principal, Action: tt.action, Resource: fn})
			if diff := cmp.Diff(tt.want, Result(tt.action, fn, res)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestEvalDecision(t *testing.T) {
	tests := []struct {
		name string
		d    evaluate.Decision
		want string
	}{
		{"S4/allow", evaluate.Allow, "allowed"},
		{"S4/implicit", evaluate.ImplicitDeny, "implicitDeny"},
		{"S4/explicit", evaluate.ExplicitDeny, "explicitDeny"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EvalDecision(tt.d); got != tt.want {
				t.Errorf("EvalDecision(%v) = %q, want %q", tt.d, got, tt.want)
			}
		})
	}
}
