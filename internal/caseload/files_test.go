package caseload_test

import (
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/internal/caseload"
	"github.com/lambdaiam/lambdaiam/policy"
)

// policyFS is a team's repository: policies in one directory, cases in
// another.
func policyFS() fstest.MapFS {
	getPolicy := `{"Policy":` + strconv.Quote(resPolicy) + `,"RevisionId":"4f1d"}`
	return fstest.MapFS{
		"policies/dev.json":         {Data: []byte(idPolicy)},
		"policies/trust.json":       {Data: []byte(trust)},
		"policies/get-policy.json":  {Data: []byte(getPolicy)},
		"policies/url-encoded.json": {Data: []byte(url.PathEscape(idPolicy))},
		"policies/bad.json":         {Data: []byte("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"allow\", \"Action\": \"*\", \"Resource\": \"*\"}\n  ]\n}\n")},
		"policies":                  {Mode: fs.ModeDir},
	}
}

func TestE2PolicyFiles(t *testing.T) {
	base := `"principal":"arn:aws:iam::111122223333:user/dana","action":"lambda:GetFunction","resource":"` + fn + `"`
	assume := `"principal":"lambda.amazonaws.com","action":"sts:AssumeRole","resource":"arn:aws:iam::111122223333:role/exec"`
	type named struct {
		Name     string
		Kind     policy.Kind
		Source   string
		Envelope policy.Envelope
	}
	for _, tc := range []struct {
		name   string
		fields string
		want   named
	}{
		{"E2/file-reference-as-a-string", line(base, `"identityPolicies":["policies/dev.json"]`),
			named{"policies/dev.json", policy.KindIdentity, "policies/dev.json", policy.EnvelopeNone}},
		{"E2/file-reference-with-a-name", line(base, `"identityPolicies":[{"name":"dev","file":"policies/dev.json"}]`),
			named{"dev", policy.KindIdentity, "policies/dev.json", policy.EnvelopeNone}},
		{"E2/file-reference-cleaned", line(base, `"identityPolicies":["./policies/../policies/dev.json"]`),
			named{"./policies/../policies/dev.json", policy.KindIdentity, "policies/dev.json", policy.EnvelopeNone}},
		{"E3a/file-reference-for-assume-role-is-a-trust-policy", line(assume, `"resourcePolicy":{"file":"policies/trust.json"}`),
			named{"policies/trust.json", policy.KindTrust, "policies/trust.json", policy.EnvelopeNone}},
		{"F6/get-policy-output-file", line(base, `"resourcePolicy":"policies/get-policy.json"`),
			named{"policies/get-policy.json", policy.KindResource, "policies/get-policy.json (Policy)", policy.EnvelopeGetPolicy}},
		{"E2/url-encoded-file", line(base, `"permissionsBoundary":"policies/url-encoded.json"`),
			named{"policies/url-encoded.json", policy.KindBoundary, "policies/url-encoded.json (URL-decoded)", policy.EnvelopeURLEncoded}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := caseload.ParseLine([]byte(tc.fields), "cases.jsonl", 1, caseload.WithFS(policyFS(), "."))
			if c.Err != nil {
				t.Fatal(c.Err)
			}
			var n = c.Policies.Resource
			switch {
			case len(c.Policies.Identity) > 0:
				n = &c.Policies.Identity[0]
			case c.Policies.Boundary != nil:
				n = c.Policies.Boundary
			}
			got := named{n.Name, n.Doc.Kind, n.Doc.Pos.Source, n.Doc.Envelope}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("policy (-want +got):\n%s", diff)
			}
		})
	}
}

func TestE2PolicyFileErrors(t *testing.T) {
	base := `"principal":"arn:aws:iam::111122223333:user/dana","action":"lambda:GetFunction","resource":"` + fn + `"`
	type outcome struct {
		Field   string
		File    string
		Code    policy.Code
		Pointer string
		Pos     string
	}
	withFS := caseload.WithFS(policyFS(), ".")
	for _, tc := range []struct {
		name   string
		fields string
		opt    caseload.Option
		want   outcome
	}{
		{"E2/missing-file", line(base, `"identityPolicies":["policies/none.json"]`), withFS,
			outcome{Field: "/identityPolicies/0"}},
		{"E2/file-field-missing-file", line(base, `"identityPolicies":[{"name":"x","file":"policies/none.json"}]`), withFS,
			outcome{Field: "/identityPolicies/0/file"}},
		{"E2/absolute-file-name", line(base, `"identityPolicies":["/etc/passwd"]`), withFS,
			outcome{Field: "/identityPolicies/0"}},
		{"E2/file-outside-the-fs", line(base, `"identityPolicies":["../dev.json"]`), withFS,
			outcome{Field: "/identityPolicies/0"}},
		{"E2/empty-file-name", line(base, `"identityPolicies":[""]`), withFS,
			outcome{Field: "/identityPolicies/0"}},
		{"E2/files-not-enabled", line(base, `"identityPolicies":["policies/dev.json"]`), nil,
			outcome{Field: "/identityPolicies/0"}},
		{"E2/file-and-document", line(base, `"identityPolicies":[{"file":"policies/dev.json","document":`+idPolicy+`}]`), withFS,
			outcome{Field: "/identityPolicies/0"}},
		{"E2/file-not-a-string", line(base, `"identityPolicies":[{"file":7}]`), withFS,
			outcome{Field: "/identityPolicies/0/file"}},
		{"E2/policy-not-an-object-or-string", line(base, `"identityPolicies":[7]`), withFS,
			outcome{Field: "/identityPolicies/0"}},
		{"G4/policy-error-points-into-the-file", line(base, `"identityPolicies":["policies/bad.json"]`), withFS,
			outcome{Field: "/identityPolicies/0", File: "policies/bad.json", Code: policy.CodeInvalidEffect,
				Pointer: "/Statement/0/Effect", Pos: "policies/bad.json:4:16"}},
		{"G5/file-parsed-with-the-kind-of-its-field", line(base, `"scps":[["policies/trust.json"]]`), withFS,
			outcome{Field: "/scps/0/0", File: "policies/trust.json", Code: policy.CodeMissingResource,
				Pointer: "/Statement", Pos: "policies/trust.json:1:37"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := caseload.ParseLine([]byte(tc.fields), "cases.jsonl", 2, tc.opt)
			var e *caseload.Error
			if !errors.As(c.Err, &e) {
				t.Fatalf("Err = %v (%T), want *caseload.Error", c.Err, c.Err)
			}
			got := outcome{Field: e.Field, File: e.File}
			var pl policy.ErrorList
			if errors.As(e.Err, &pl) && len(pl) > 0 {
				got.Code, got.Pointer, got.Pos = pl[0].Code, pl[0].Pointer, pl[0].Pos.String()
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			if e.Source != "cases.jsonl" || e.Line != 2 {
				t.Errorf("error located at %s:%d, want cases.jsonl:2", e.Source, e.Line)
			}
		})
	}
}

// TestE2PolicyFileErrorText checks that a policy error in a referenced
// file is printed with the file's position and the file's own pointer, not
// the case's.
func TestE2PolicyFileErrorText(t *testing.T) {
	c := caseload.ParseLine([]byte(`{"action":"lambda:GetFunction","identityPolicies":["policies/bad.json"]}`), "cases.jsonl", 1,
		caseload.WithFS(policyFS(), "."))
	if c.Err == nil {
		t.Fatal("no error")
	}
	// The message itself belongs to package policy; only its frame is ours.
	const frame = "policies/bad.json:4:16: /Statement/0/Effect: "
	if got := c.Err.Error(); !strings.HasPrefix(got, frame) {
		t.Errorf("Error() = %q, want it to start with %q", got, frame)
	}
}

// TestE2PolicyFilesOnDisk keeps policies in a directory beside the cases'
// and reaches them with "..", once per Load for a file used twice.
func TestE2PolicyFilesOnDisk(t *testing.T) {
	root := t.TempDir()
	for name, text := range map[string]string{
		"policies/dev.json": idPolicy,
		"tests/dev.jsonl": line(`"name":"a"`, `"principal":"arn:aws:iam::111122223333:user/dana"`, `"action":"lambda:GetFunction"`,
			`"resource":"`+fn+`"`, `"identityPolicies":["../policies/dev.json"]`, `"expect":"Allow"`) + "\n" +
			line(`"name":"b"`, `"principal":"arn:aws:iam::111122223333:user/dana"`, `"action":"lambda:GetFunction"`,
				`"resource":"`+fn+`"`, `"identityPolicies":[{"name":"dev","file":"../policies/dev.json"}]`, `"expect":"Allow"`) + "\n",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases, err := caseload.LoadFile(filepath.Join(root, "tests", "dev.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		Name, Policy, Source, Result string
	}
	var gots []got
	for i := range cases {
		c := &cases[i]
		if c.Err != nil {
			t.Fatalf("%s: %v", c.Name, c.Err)
		}
		gots = append(gots, got{c.Name, c.Policies.Identity[0].Name, c.Policies.Identity[0].Doc.Pos.Source, caseload.Got(c.Run())})
	}
	src := filepath.Join(root, "tests", "..", "policies", "dev.json")
	want := []got{{"a", "../policies/dev.json", src, "Allow"}, {"b", "dev", src, "Allow"}}
	if diff := cmp.Diff(want, gots); diff != "" {
		t.Errorf("cases (-want +got):\n%s", diff)
	}
	if cases[0].Policies.Identity[0].Doc != cases[1].Policies.Identity[0].Doc {
		t.Error("a policy file used twice was parsed twice")
	}
	if _, err := caseload.LoadFile(filepath.Join(root, "none.jsonl")); err == nil {
		t.Error("LoadFile of a missing file: no error")
	}
}

func TestFindFiles(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{
		"a.jsonl", "b.cases.json", "c.case.json", "policy.json", "README.md",
		"sub/d.jsonl", "sub/policies/dev.json", ".git/e.jsonl", "sub/.hidden/f.jsonl",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := caseload.FindFiles(root)
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i], _ = filepath.Rel(root, got[i])
		got[i] = filepath.ToSlash(got[i])
	}
	if diff := cmp.Diff([]string{"a.jsonl", "b.cases.json", "c.case.json", "sub/d.jsonl"}, got); diff != "" {
		t.Errorf("FindFiles (-want +got):\n%s", diff)
	}
	// A file named directly is a case file whatever its name.
	one := filepath.Join(root, "policy.json")
	if got, err := caseload.FindFiles(one); err != nil || len(got) != 1 || got[0] != one {
		t.Errorf("FindFiles(%q) = %v, %v", one, got, err)
	}
	if _, err := caseload.FindFiles(filepath.Join(root, "none")); err == nil {
		t.Error("FindFiles of a missing path: no error")
	}
}

// BenchmarkLoadFileReferences loads 100 cases that share one policy file,
// which is read and parsed once.
func BenchmarkLoadFileReferences(b *testing.B) {
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "dev.json"), []byte(idPolicy), 0o644); err != nil {
		b.Fatal(err)
	}
	var cases strings.Builder
	for i := 0; i < 100; i++ {
		cases.WriteString(line(`"name":"c`+strconv.Itoa(i)+`"`, `"principal":"arn:aws:iam::111122223333:user/dana"`,
			`"action":"lambda:GetFunction"`, `"resource":"`+fn+`"`, `"identityPolicies":["dev.json"]`, `"expect":"Allow"`) + "\n")
	}
	name := filepath.Join(dir, "cases.jsonl")
	if err := os.WriteFile(name, []byte(cases.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := caseload.LoadFile(name); err != nil {
			b.Fatal(err)
		}
	}
}
