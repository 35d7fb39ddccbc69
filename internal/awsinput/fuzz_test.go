package awsinput

import (
	"errors"
	"testing"
)

// FuzzAccountDetails: any input gives details or an *Error, never a
// panic, and a Lookup on parsed details gives an Identity whose policies
// all have documents, or an *Error.
func FuzzAccountDetails(f *testing.F) {
	f.Add([]byte(sampleDetails()), "arn:aws:iam::111122223333:user/bob")
	f.Add([]byte(`{"UserDetailList":[{"UserName":"u","Arn":"arn:aws:iam::1:user/u","UserPolicyList":[{"PolicyName":"p","PolicyDocument":"%7B"}]}]}`), "arn:aws:iam::1:user/u")
	f.Add([]byte(`[`), "x")
	f.Fuzz(func(t *testing.T, data []byte, principal string) {
		d, err := ParseAccountDetails(data, "f.json")
		var e *Error
		if err != nil {
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not an *Error", err)
			}
			return
		}
		id, err := d.Lookup(principal)
		if err != nil {
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not an *Error", err)
			}
			return
		}
		if !d.Covers(principal) {
			t.Fatalf("Lookup(%q) succeeded but Covers is false", principal)
		}
		for _, p := range id.Policies {
			if p.Doc == nil || p.Name == "" {
				t.Fatalf("policy without a name or document: %+v", p)
			}
		}
	})
}

// FuzzContextEntries: any value gives a context or an *Error; a context
// holds one key per entry.
func FuzzContextEntries(f *testing.F) {
	f.Add("ContextKeyName=aws:SourceIp,ContextKeyValues=203.0.113.7,ContextKeyType=ip")
	f.Add("ContextKeyName=k,ContextKeyValues=[a,b],ContextKeyType=stringList")
	f.Add(`[{"ContextKeyName":"k","ContextKeyValues":["1"],"ContextKeyType":"numeric"}]`)
	f.Fuzz(func(t *testing.T, v string) {
		entries, err := ParseContextEntries([]string{v})
		var e *Error
		if err != nil {
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not an *Error", err)
			}
			return
		}
		ctx, err := NewContext(entries)
		if err != nil {
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not an *Error", err)
			}
			return
		}
		if ctx.Len() != len(entries) {
			t.Fatalf("%d keys for %d entries", ctx.Len(), len(entries))
		}
	})
}
