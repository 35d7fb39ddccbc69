package catalog_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/lambdaiam/lambdaiam/catalog"
)

// refMatch is a reference glob over runes: '*' any run, '?' one rune,
// the rest compared with strings.EqualFold rune by rune (catalogued names
// are ASCII, so an invalid byte, read as U+FFFD, equals none of their
// characters); a textbook dynamic program, independent of the package's
// matcher.
func refMatch(p, s string) bool {
	pr, sr := []rune(p), []rune(s)
	// ok[j]: pr[:i] matches sr[:j], for the current i.
	ok := make([]bool, len(sr)+1)
	ok[0] = true
	for _, r := range pr {
		next := make([]bool, len(sr)+1)
		for j := 0; j <= len(sr); j++ {
			switch {
			case r == '*':
				next[j] = ok[j] || j > 0 && next[j-1]
			case j == 0:
			case r == '?':
				next[j] = ok[j-1]
			default:
				next[j] = ok[j-1] && strings.EqualFold(string(r), string(sr[j-1]))
			}
		}
		ok = next
	}
	return ok[len(sr)]
}

// FuzzExpand checks Expand against a reference matcher over every Lambda
// action, and that a wildcard-free pattern expands to what Action finds.
func FuzzExpand(f *testing.F) {
	for _, s := range []string{"lambda:Get*", "*", "LAMBDA:?etalias", "lambda:*Alias*", "lambda:Invo\u212aeFunction", "lambda", "*:*", "lambda:\xff"} {
		f.Add(s)
	}
	c := catalog.Default()
	lambda := c.Expand("lambda:*")
	f.Fuzz(func(t *testing.T, pattern string) {
		if len(pattern) > 300 {
			return
		}
		got := map[string]bool{}
		for _, a := range c.Expand(pattern) {
			got[a.String()] = true
		}
		for _, a := range lambda {
			if want := refMatch(pattern, a.String()); want != got[a.String()] {
				t.Errorf("Expand(%q) has %s: %v, want %v", pattern, a, got[a.String()], want)
			}
		}
		if !strings.ContainsAny(pattern, "*?") {
			a, ok := c.Action(pattern)
			if ok != (len(got) == 1) || ok && !got[a.String()] {
				t.Errorf("Action(%q) = %v, %v; Expand gives %v", pattern, a, ok, got)
			}
		}
	})
}

// FuzzKey checks that key lookups ignore case and never panic.
func FuzzKey(f *testing.F) {
	for _, s := range []string{"aws:TagKeys", "aws:RequestTag/team", "s3:ExistingObjectTag/x", "kms:EncryptionContext:a:b", "lambda:layer", "aws:RequestTag/"} {
		f.Add(s)
	}
	c := catalog.Default()
	f.Fuzz(func(t *testing.T, name string) {
		k, ok := c.Key(name)
		if ok && k.Multivalued != k.Type.Multivalued() {
			t.Errorf("Key(%q) = %+v: inconsistent multivalued flag", name, k)
		}
		if c.Multivalued(name) != (ok && k.Multivalued) {
			t.Errorf("Multivalued(%q) disagrees with Key", name)
		}
		if utf8.ValidString(name) {
			for _, v := range []string{strings.ToUpper(name), strings.ToLower(name)} {
				k2, ok2 := c.Key(v)
				if ok2 != ok || k2 != k {
					// Upper- or lower-casing may change a rune into
					// one with no ASCII equivalent (or back); only
					// ASCII inputs must agree exactly.
					if isASCII(name) {
						t.Errorf("Key(%q) = %+v, %v; Key(%q) = %+v, %v", name, k, ok, v, k2, ok2)
					}
				}
			}
		}
	})
}

// FuzzResourceTypesOf checks that every returned type belongs to the
// ARN's service or declares it in its pattern, and that results are
// sorted.
func FuzzResourceTypesOf(f *testing.F) {
	for _, s := range []string{
		"arn:aws:lambda:us-east-1:111122223333:function:f:PROD",
		"arn:aws:s3:::b/k:x", "arn:aws:iam::111122223333:role/a/b",
		"arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/f:log-stream:x",
		"arn:aws:lambda:us-east-1:111122223333:function:f:1/durable-execution/e/i",
	} {
		f.Add(s)
	}
	c := catalog.Default()
	f.Fuzz(func(t *testing.T, arnText string) {
		rts := c.ResourceTypesOf(arnText)
		for i, rt := range rts {
			if i > 0 && rts[i-1].Service+"\x00"+rts[i-1].Name >= rt.Service+"\x00"+rt.Name {
				t.Errorf("ResourceTypesOf(%q) not sorted: %v", arnText, rts)
			}
			parts := strings.SplitN(arnText, ":", 4)
			if len(parts) < 4 || !strings.Contains(rt.ARNPattern, ":"+parts[2]+":") {
				t.Errorf("ResourceTypesOf(%q) has %s/%s with pattern %s", arnText, rt.Service, rt.Name, rt.ARNPattern)
			}
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
