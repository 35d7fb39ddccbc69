package arn

import "testing"

// TestIsAccountID checks the word-wise digit test against a byte loop on
// every single-byte change of a valid ID.
func TestIsAccountID(t *testing.T) {
	ref := func(s string) bool {
		if len(s) != 12 {
			return false
		}
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return true
	}
	base := []byte("123456789012")
	for i := range base {
		for c := 0; c < 256; c++ {
			b := append([]byte(nil), base...)
			b[i] = byte(c)
			if got, want := IsAccountID(string(b)), ref(string(b)); got != want {
				t.Fatalf("IsAccountID(%q) = %v, want %v", b, got, want)
			}
		}
	}
	for _, s := range []string{"", "12345678901", "1234567890123", "000000000000", "999999999999"} {
		if got, want := IsAccountID(s), ref(s); got != want {
			t.Fatalf("IsAccountID(%q) = %v, want %v", s, got, want)
		}
	}
}
