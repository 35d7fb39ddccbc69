package caseload

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/policy"
)

// RawPolicy is one policy document of a case, as written, with the kind
// its field gives it.
type RawPolicy struct {
	File  string // the case file's base name
	Line  int    // the 1-based line of the case
	Index int    // the policy's place among its case's policies, from 0
	Kind  policy.Kind
	Text  string
}

// RawPolicies returns the policies written inline in the case files that
// match pattern (a filepath.Glob pattern; files of one case per line), for
// tests that check every policy of a corpus. Cases that expect "Error" are
// left out, since their policies need not parse. A case's policies come in
// the order identity policies, resource policy (a trust policy for the
// actions evaluate.IsTrustAction names), boundary, session policy, SCP
// levels, RCP levels. A pattern that matches no file is an error.
func RawPolicies(pattern string) ([]RawPolicy, error) {
	files, err := filepath.Glob(pattern)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, &os.PathError{Op: "glob", Path: pattern, Err: os.ErrNotExist}
	}
	var out []RawPolicy
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		for ln, line := range strings.Split(string(data), "\n") {
			c := gjson.Parse(line)
			if strings.TrimSpace(line) == "" || c.Get("expect").Str == "Error" {
				continue
			}
			resKind := policy.KindResource
			if evaluate.IsTrustAction(c.Get("action").Str) {
				resKind = policy.KindTrust
			}
			n := 0
			add := func(kind policy.Kind, v gjson.Result) {
				if d := v.Get("document"); d.IsObject() {
					v = d
				}
				if v.IsObject() {
					out = append(out, RawPolicy{File: filepath.Base(file), Line: ln + 1, Index: n, Kind: kind, Text: v.Raw})
					n++
				}
			}
			c.Get("identityPolicies").ForEach(func(_, v gjson.Result) bool { add(policy.KindIdentity, v); return true })
			add(resKind, c.Get("resourcePolicy"))
			add(policy.KindBoundary, c.Get("permissionsBoundary"))
			add(policy.KindSession, c.Get("sessionPolicy"))
			for _, levels := range []struct {
				field string
				kind  policy.Kind
			}{{"scps", policy.KindSCP}, {"rcps", policy.KindRCP}} {
				c.Get(levels.field).ForEach(func(_, level gjson.Result) bool {
					level.ForEach(func(_, v gjson.Result) bool { add(levels.kind, v); return true })
					return true
				})
			}
		}
	}
	return out, nil
}
