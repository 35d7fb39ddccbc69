package arn

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// refArnParts is Split by strings.SplitN.
func refArnParts(s string) (parts [6]string, ok bool) {
	f := strings.SplitN(s, ":", 6)
	if len(f) < 6 || f[0] != "arn" {
		return parts, false
	}
	copy(parts[:], f)
	return parts, true
}

// TestSplitBytes checks Split, which finds colons eight bytes at a
// time, against a split on random strings of the bytes that could fool a
// word-wise search: the colon, its neighbours, the colon with its high bit
// set, zero and 0xff.
func TestSplitBytes(t *testing.T) {
	alphabet := []byte{':', ';', '9', 0xba, 0x00, 0xff, 0x3b, 0x7f, 0x80, 'a', 0x01}
	r := rand.New(rand.NewPCG(5, 6))
	for n := 0; n < 20000; n++ {
		b := []byte("arn:")
		for k := r.IntN(40); k > 0; k-- {
			b = append(b, alphabet[r.IntN(len(alphabet))])
		}
		s := string(b)
		want, wantOK := refArnParts(s)
		p, sv, rg, ac, rs, ok := Split(s)
		got := [6]string{"arn", p, sv, rg, ac, rs}
		if ok != wantOK || (ok && got != want) {
			t.Fatalf("Split(%q) = %q %v, want %q %v", s, got, ok, want, wantOK)
		}
	}
}
