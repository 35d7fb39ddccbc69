package catalog

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/catalog/internal/schema"
)

func gz(t *testing.T, v any) string {
	t.Helper()
	js, ok := v.([]byte)
	if !ok {
		var err error
		if js, err = json.Marshal(v); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(js)
	zw.Close()
	return buf.String()
}

func minimal() schema.File {
	return schema.File{
		Version:      "1",
		ServiceNames: map[string]string{"svc": "Service"},
		GlobalKeys:   []schema.Key{{Name: "aws:TagKeys", Type: "ArrayOfString"}},
		Services: []schema.Service{{
			Prefix:        "svc",
			Name:          "Service",
			ResourceTypes: []schema.Resource{{Name: "thing", ARN: "arn:${Partition}:svc:${Region}:${Account}:thing/${Id}"}},
			Actions: []schema.Action{
				{Name: "GetThing", AccessLevel: []string{"Read"}, ResourceTypes: []schema.Ref{{Name: "thing", Required: true}}},
				{Name: "ListThings", AccessLevel: []string{"List"}},
			},
			Keys: []schema.Key{{Name: "svc:Mode", Type: "String"}},
		}},
	}
}

// TestDecodeRejectsBadData checks that decode reports bad data as an
// error instead of building a catalog that answers wrongly.
func TestDecodeRejectsBadData(t *testing.T) {
	tests := []struct {
		name  string
		data  func(t *testing.T) string
		isErr bool
	}{
		{"data/minimal-is-fine", func(t *testing.T) string { return gz(t, minimal()) }, false},
		{"data/not-gzip", func(*testing.T) string { return "{}" }, true},
		{"data/not-json", func(t *testing.T) string { return gz(t, []byte("{")) }, true},
		{"data/duplicate-action", func(t *testing.T) string {
			fd := minimal()
			fd.Services[0].Actions = append(fd.Services[0].Actions, schema.Action{Name: "getthing", AccessLevel: []string{"Read"}})
			return gz(t, fd)
		}, true},
		{"data/unknown-resource-type", func(t *testing.T) string {
			fd := minimal()
			fd.Services[0].Actions[0].ResourceTypes[0].Name = "widget"
			return gz(t, fd)
		}, true},
		{"data/no-access-level", func(t *testing.T) string {
			fd := minimal()
			fd.Services[0].Actions[0].AccessLevel = nil
			return gz(t, fd)
		}, true},
		{"data/conflicting-key-types", func(t *testing.T) string {
			fd := minimal()
			fd.Services[0].Keys = append(fd.Services[0].Keys, schema.Key{Name: "AWS:TagKeys", Type: "String"})
			return gz(t, fd)
		}, true},
		{"data/key-without-type", func(t *testing.T) string {
			fd := minimal()
			fd.Services[0].Keys[0].Type = ""
			return gz(t, fd)
		}, true},
		{"data/non-ascii-name", func(t *testing.T) string {
			fd := minimal()
			fd.Services[0].Actions[1].Name = "Lïst"
			return gz(t, fd)
		}, true},
		{"data/upper-case-prefix", func(t *testing.T) string {
			fd := minimal()
			fd.Services[0].Prefix = "Svc"
			return gz(t, fd)
		}, true},
		{"data/duplicate-service", func(t *testing.T) string {
			fd := minimal()
			fd.Services = append(fd.Services, fd.Services[0])
			return gz(t, fd)
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := decode(tt.data(t))
			if (err != nil) != tt.isErr {
				t.Fatalf("decode error = %v, want error %v", err, tt.isErr)
			}
			if err == nil {
				got := []any{c.WildcardOnly("svc:ListThings"), c.WildcardOnly("svc:GetThing"), c.Multivalued("aws:tagkeys"), len(c.ResourceTypesOf("arn:aws:svc:r:1:thing/a"))}
				if diff := cmp.Diff([]any{true, false, true, 1}, got); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestParseTemplate(t *testing.T) {
	type split struct {
		Prefix, Suffix string
		OK             bool
	}
	tests := []struct {
		name, in string
		want     split
	}{
		{"C5/tag-template", "aws:RequestTag/${TagKey}", split{"aws:RequestTag/", "", true}},
		{"C5/angle-template", "s3:ExistingObjectTag/<key>", split{"s3:ExistingObjectTag/", "", true}},
		{"C5/placeholder-in-prefix", "agent.${Domain}.buildkite.dev:build_branch", split{"agent.", ".buildkite.dev:build_branch", true}},
		{"C5/dollar-without-brace", "x:a$b", split{}},
		{"C5/unclosed", "aws:RequestTag/${TagKey", split{}},
		{"C5/plain", "aws:TagKeys", split{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, s, ok := parseTemplate(tt.in)
			if diff := cmp.Diff(tt.want, split{p, s, ok}); diff != "" {
				t.Errorf("parseTemplate(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		name, p, s string
		want       bool
	}{
		{"M1/star-empty", "*", "", true},
		{"M1/star-any", "*", "lambda:getalias", true},
		{"M1/prefix", "lambda:get*", "lambda:getalias", true},
		{"M1/prefix-no", "lambda:get*", "lambda:listfunctions", false},
		{"M1/quest", "lambda:?etalias", "lambda:getalias", true},
		{"M1/quest-needs-one", "lambda:?getalias", "lambda:getalias", false},
		{"M1/backtrack", "*a*b", "aaab", true},
		{"M1/backtrack-no", "*a*b", "aaba", false},
		{"M1/anchored", "lambda", "lambda:x", false},
		{"M1/empty-pattern", "", "x", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := globMatch(tt.p, tt.s); got != tt.want {
				t.Errorf("globMatch(%q, %q) = %v", tt.p, tt.s, got)
			}
		})
	}
}
