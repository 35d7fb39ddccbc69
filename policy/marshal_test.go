package policy

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lambdaiam/lambdaiam/condition"
)

func TestMarshalCanonical(t *testing.T) {
	for _, tc := range []struct {
		name  string
		kind  Kind
		input string
		want  string
	}{
		{
			name:  "G1/canonical-element-order",
			kind:  KindResource,
			input: `{"Statement":{"Condition":{"StringEquals":{"b:k":"2","a:k":1},"Bool":{"aws:SecureTransport":true}},"Resource":"*","Action":"lambda:Invoke*","Principal":{"Service":["s3.amazonaws.com"],"AWS":"*"},"Effect":"Allow","Sid":"s1"},"Id":"x","Version":"2012-10-17"}`,
			want:  `{"Version":"2012-10-17","Id":"x","Statement":[{"Sid":"s1","Effect":"Allow","Principal":{"AWS":["*"],"Service":["s3.amazonaws.com"]},"Action":["lambda:Invoke*"],"Resource":["*"],"Condition":{"StringEquals":{"b:k":["2"],"a:k":["1"]},"Bool":{"aws:SecureTransport":["true"]}}}]}`,
		},
		{
			name:  "M4/canonical-principal-star",
			kind:  KindResource,
			input: `{"Statement":[{"Effect":"Deny","NotPrincipal":"*","NotAction":"a:b","NotResource":"arn:aws:s3:::x"}]}`,
			want:  `{"Statement":[{"Effect":"Deny","NotPrincipal":"*","NotAction":["a:b"],"NotResource":["arn:aws:s3:::x"]}]}`,
		},
		{
			name:  "C1/canonical-empty-condition",
			input: `{"Statement":[{"Effect":"Allow","Action":"a:b","Resource":"*","Condition":{}}]}`,
			want:  `{"Statement":[{"Effect":"Allow","Action":["a:b"],"Resource":["*"],"Condition":{}}]}`,
		},
		{
			name:  "G11/canonical-escapes",
			input: "{\"Statement\":[{\"Sid\":\"\",\"Effect\":\"Allow\",\"Action\":\"a:b\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"k:\\\"q\\\\\":\"t\\tn\\nr\\ré\\u00ff\\/\"}}}]}",
			want:  "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"a:b\"],\"Resource\":[\"*\"],\"Condition\":{\"StringEquals\":{\"k:\\\"q\\\\\":[\"t\\tn\\nr\\réÿ/\"]}}}]}",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Parse([]byte(tc.input), WithKind(tc.kind))
			if err != nil {
				t.Fatal(err)
			}
			got, err := doc.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, string(got)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			viaJSON, err := json.Marshal(doc)
			if err != nil || string(viaJSON) != string(got) {
				t.Errorf("json.Marshal = %s, %v; want the same bytes", viaJSON, err)
			}
		})
	}
}

// TestMarshalRoundTripCorpus checks Parse(MarshalJSON(d)) == d for every
// valid policy of the conformance corpus, and that marshaling is stable.
func TestMarshalRoundTripCorpus(t *testing.T) {
	n := 0
	for _, c := range loadCorpus(t) {
		for _, p := range c.pols {
			doc, err := Parse(p.raw, WithKind(p.kind))
			if err != nil {
				continue
			}
			n++
			roundTrip(t, doc, c.name+" "+p.field)
		}
	}
	if n < 250 {
		t.Errorf("only %d corpus policies round-tripped", n)
	}
}

func roundTrip(t *testing.T, doc *Document, what string) {
	t.Helper()
	b1, err := doc.MarshalJSON()
	if err != nil {
		t.Fatalf("%s: MarshalJSON: %v", what, err)
	}
	doc2, err := Parse(b1, WithKind(doc.Kind))
	if err != nil {
		t.Fatalf("%s: Parse(MarshalJSON) failed: %v\n%s", what, err, b1)
	}
	if diff := cmp.Diff(doc, doc2, ignorePositions()...); diff != "" {
		t.Fatalf("%s: round trip changed the document (-before +after):\n%s", what, diff)
	}
	b2, err := doc2.MarshalJSON()
	if err != nil || string(b1) != string(b2) {
		t.Fatalf("%s: second MarshalJSON differs:\n%s\n%s", what, b1, b2)
	}
}

func TestMarshalInvalid(t *testing.T) {
	op, _ := condition.ParseOperator("StringEquals")
	for _, tc := range []struct {
		name string
		doc  *Document
	}{
		{"G4/marshal-invalid-effect", &Document{Statements: []Statement{{Action: []string{"*"}, Resource: []string{"*"}}}}},
		{"C4/marshal-invalid-operator", &Document{Statements: []Statement{{Effect: Allow, Action: []string{"*"}, Resource: []string{"*"},
			Conditions: []Condition{{Key: "k:a", Values: []string{"x"}}}}}}},
		{"G9/marshal-duplicate-condition-key", &Document{Statements: []Statement{{Effect: Allow, Action: []string{"*"}, Resource: []string{"*"},
			Conditions: []Condition{{Operator: op, Key: "k:a", Values: []string{"x"}}, {Operator: op, Key: "k:a", Values: []string{"y"}}}}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if b, err := tc.doc.MarshalJSON(); err == nil {
				t.Errorf("MarshalJSON succeeded: %s", b)
			}
		})
	}
	_, err := (&Document{Statements: []Statement{{Effect: Allow, Action: []string{"*"}, Resource: []string{"*"},
		Conditions: []Condition{{Operator: op, Key: "k:a"}, {Operator: op, Key: "k:a"}}}}}).MarshalJSON()
	if !errors.Is(err, errDuplicateCondition) {
		t.Errorf("error %v does not wrap errDuplicateCondition", err)
	}
}

// TestMarshalHandBuilt checks hand-built documents: a Wildcard principal
// with lists and invalid UTF-8 in strings still give valid JSON.
func TestMarshalHandBuilt(t *testing.T) {
	doc := &Document{Statements: []Statement{{
		Effect: Allow, Principal: &Principal{Wildcard: true, Service: []string{"s3.amazonaws.com"}},
		Action: []string{"lambda:InvokeFunction"}, Resource: []string{"arn:aws:s3:::a\xffb"},
	}}}
	b, err := doc.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"Statement":[{"Effect":"Allow","Principal":{"AWS":["*"],"Service":["s3.amazonaws.com"]},"Action":["lambda:InvokeFunction"],"Resource":["arn:aws:s3:::a\ufffdb"]}]}`
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	var nilDoc *Document
	if b, err := nilDoc.MarshalJSON(); err != nil || string(b) != "null" {
		t.Errorf("nil MarshalJSON = %s, %v", b, err)
	}
}
