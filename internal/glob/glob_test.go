package glob

import (
	"math/rand"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// refMatch is the reference matcher: a direct recursive reading of the
// rules in the package doc, memoised, over decoded characters.
func refMatch(toks []Token, s string, fold bool) bool {
	type atom struct {
		kind Kind
		ch   string
	}
	var atoms []atom
	for _, t := range toks {
		if t.Kind != Literal {
			atoms = append(atoms, atom{kind: t.Kind})
			continue
		}
		for i := 0; i < len(t.Text); {
			_, n := utf8.DecodeRuneInString(t.Text[i:])
			atoms = append(atoms, atom{kind: Literal, ch: t.Text[i : i+n]})
			i += n
		}
	}
	var chars []string
	for i := 0; i < len(s); {
		_, n := utf8.DecodeRuneInString(s[i:])
		chars = append(chars, s[i:i+n])
		i += n
	}
	eq := func(a, b string) bool {
		if a == b {
			return true
		}
		if !fold {
			return false
		}
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if (ra == utf8.RuneError && na == 1) || (rb == utf8.RuneError && nb == 1) {
			return false
		}
		return strings.EqualFold(a, b)
	}
	memo := map[[2]int]bool{}
	var rec func(a, c int) bool
	rec = func(a, c int) bool {
		if a == len(atoms) {
			return c == len(chars)
		}
		key := [2]int{a, c}
		if v, ok := memo[key]; ok {
			return v
		}
		var r bool
		switch at := atoms[a]; at.kind {
		case Literal:
			r = c < len(chars) && eq(at.ch, chars[c]) && rec(a+1, c+1)
		case Quest:
			r = c < len(chars) && rec(a+1, c+1)
		case QuestNoColon:
			r = c < len(chars) && chars[c] != ":" && rec(a+1, c+1)
		case Star:
			r = rec(a+1, c) || (c < len(chars) && rec(a, c+1))
		case StarNoColon:
			r = rec(a+1, c) || (c < len(chars) && chars[c] != ":" && rec(a, c+1))
		}
		memo[key] = r
		return r
	}
	return rec(0, 0)
}

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		pattern string
		want    []Token
	}{
		{"M1/empty", "", nil},
		{"M1/literal", "lambda:GetAlias", []Token{{Literal, "lambda:GetAlias"}}},
		{"M1/star-and-quest", "a*?b", []Token{{Literal, "a"}, {Star, ""}, {Quest, ""}, {Literal, "b"}}},
		{"M1/only-wildcards", "**?", []Token{{Star, ""}, {Star, ""}, {Quest, ""}}},
		{"M1/no-escaping", `a\*`, []Token{{Literal, `a\`}, {Star, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Parse(tt.pattern)); diff != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s", tt.pattern, diff)
			}
		})
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		name    string
		pattern string
		s       string
		want    bool
		fold    bool
	}{
		{name: "M1/star-suffix", pattern: "lambda:Get*", s: "lambda:GetFunction", want: true},
		{name: "M1/star-suffix-alias", pattern: "lambda:Get*", s: "lambda:GetAlias", want: true},
		{name: "M1/star-suffix-no-match", pattern: "lambda:Get*", s: "lambda:ListFunctions"},
		{name: "M1/quest-one-char", pattern: "lambda:?etAlias", s: "lambda:GetAlias", want: true},
		{name: "M1/quest-needs-a-char", pattern: "lambda:GetFunction?", s: "lambda:GetFunction"},
		{name: "M1/anchored-start", pattern: "*Alias", s: "lambda:ListAliases"},
		{name: "M1/anchored-end", pattern: "Get", s: "GetAlias"},
		{name: "M1/star-matches-empty", pattern: "a*b", s: "ab", want: true},
		{name: "M1/star-alone-matches-empty", pattern: "*", s: "", want: true},
		{name: "M1/empty-pattern-empty-string", pattern: "", s: "", want: true},
		{name: "M1/empty-pattern", pattern: "", s: "a"},
		{name: "M1/star-crosses-colon-and-slash", pattern: "arn:*", s: "arn:aws:s3:::b/k", want: true},
		{name: "M1/backtracking-needed", pattern: "*ab*abc", s: "ababab-abc", want: true},
		{name: "M1/overlapping-middle", pattern: "a*aa*a", s: "aaa"},
		{name: "M1/overlapping-middle-match", pattern: "a*aa*a", s: "aaaa", want: true},
		{name: "M1/quest-is-one-rune", pattern: "x?y", s: "x€y", want: true},
		{name: "M1/quest-not-one-byte", pattern: "x???y", s: "x€y"},
		{name: "M1/star-then-two-quests-one-rune", pattern: "*??", s: "€"},
		{name: "M1/case-sensitive", pattern: "Lambda:*", s: "lambda:GetAlias"},
		{name: "M1/literal-star-is-wildcard-in-string", pattern: "a*", s: "a*", want: true},
		{name: "M2/fold-ascii", pattern: "LAMBDA:invoke*", s: "lambda:InvokeFunction", want: true, fold: true},
		{name: "M2/fold-unicode", pattern: "straße*", s: "STRAẞE-1", want: true, fold: true},
		{name: "M2/fold-kelvin", pattern: "k", s: "\u212a", want: true, fold: true},
		{name: "M2/fold-no-match", pattern: "lambda:Get*", s: "lambda:ListAliases", fold: true},
		{name: "M1/invalid-utf8-byte-is-a-char", pattern: "a?b", s: "a\xffb", want: true},
		{name: "M1/truncated-rune-literal-does-not-match-rune", pattern: "\xe2\x82*", s: "\xe2\x82\xac"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got bool
			if tt.fold {
				got = MatchFold(tt.pattern, tt.s)
			} else {
				got = Match(tt.pattern, tt.s)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Match(%q, %q) (-want +got):\n%s", tt.pattern, tt.s, diff)
			}
			if got2 := MatchTokens(Parse(tt.pattern), tt.s, tt.fold); got2 != got {
				t.Errorf("MatchTokens(Parse(%q), %q) = %v, Match = %v", tt.pattern, tt.s, got2, got)
			}
			if ref := refMatch(Parse(tt.pattern), tt.s, tt.fold); ref != tt.want {
				t.Errorf("reference matcher disagrees with the table: %v", ref)
			}
		})
	}
}

func TestMatchTokens(t *testing.T) {
	lit := func(s string) Token { return Token{Literal, s} }
	star := Token{Kind: Star}
	snc := Token{Kind: StarNoColon}
	qnc := Token{Kind: QuestNoColon}
	tests := []struct {
		name string
		toks []Token
		s    string
		want bool
	}{
		{"M3/star-no-colon-stays-in-part", []Token{lit("us-"), snc, lit("-1")}, "us-east-1", true},
		{"M3/star-no-colon-does-not-cross", []Token{lit("a"), snc, lit("b")}, "a:b", false},
		{"M3/quest-no-colon", []Token{lit("a"), qnc, lit("b")}, "a:b", false},
		{"M3/quest-no-colon-other-char", []Token{lit("a"), qnc, lit("b")}, "a-b", true},
		{"M3/star-crosses-after-no-colon", []Token{lit("a"), snc, lit("-"), star, lit("x")}, "ab-c:d:x", true},
		{"M3/no-colon-middle-segment", []Token{star, lit(":"), snc, lit("z"), star}, "q:a:bz", true},
		{"M3/no-colon-middle-segment-fails", []Token{star, lit("x"), snc, lit("z"), star}, "x:z", false},
		{"M3/no-colon-last-segment", []Token{star, lit(":"), snc}, "a:b:c", true},
		{"M3/no-colon-last-segment-fails", []Token{star, lit("/"), snc}, "a/b:c", false},
		{"M1/literal-text-is-literal", []Token{lit("a*?")}, "a*?", true},
		{"M1/literal-text-star-not-wildcard", []Token{lit("a*")}, "ab", false},
		{"M1/empty-literal-tokens", []Token{lit(""), star, lit("")}, "anything", true},
		{"M1/unknown-kind-never-matches", []Token{{Kind: 42}}, "a", false},
		{"M1/no-tokens", nil, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MatchTokens(tt.toks, tt.s, false)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("MatchTokens(%v, %q) (-want +got):\n%s", tt.toks, tt.s, diff)
			}
			if tt.want != refMatch(tt.toks, tt.s, false) && tt.toks[0].Kind != 42 {
				t.Errorf("reference matcher disagrees with the table")
			}
		})
	}
}

// randomTokens builds a random token list over a small alphabet that
// exercises colons, multi-byte runes, case and invalid bytes.
func randomTokens(r *rand.Rand, n int) []Token {
	alpha := []string{"a", "b", "A", ":", "/", "é", "É", "€", "\xff", "\xe2\x82", "k", "\u212a"}
	toks := make([]Token, 0, n)
	for i := 0; i < n; i++ {
		switch r.Intn(7) {
		case 0:
			toks = append(toks, Token{Kind: Star})
		case 1:
			toks = append(toks, Token{Kind: Quest})
		case 2:
			toks = append(toks, Token{Kind: StarNoColon})
		case 3:
			toks = append(toks, Token{Kind: QuestNoColon})
		default:
			var b strings.Builder
			for j := r.Intn(3) + 1; j > 0; j-- {
				b.WriteString(alpha[r.Intn(len(alpha))])
			}
			toks = append(toks, Token{Kind: Literal, Text: b.String()})
		}
	}
	return toks
}

func randomString(r *rand.Rand, n int) string {
	alpha := []string{"a", "b", "A", ":", "/", "é", "É", "€", "\xff", "\xe2\x82", "\xac", "k", "\u212a"}
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(alpha[r.Intn(len(alpha))])
	}
	return b.String()
}

func tokensString(toks []Token) string {
	var b strings.Builder
	for _, t := range toks {
		switch t.Kind {
		case Literal:
			b.WriteString(t.Text)
		case Star:
			b.WriteByte('*')
		case Quest:
			b.WriteByte('?')
		}
	}
	return b.String()
}

func TestDifferential(t *testing.T) {
	r := rand.New(rand.NewSource(20240601))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	if v := os.Getenv("GLOB_DIFF_N"); v != "" {
		n, _ = strconv.Atoi(v)
	}
	for i := 0; i < n; i++ {
		toks := randomTokens(r, r.Intn(7))
		s := randomString(r, r.Intn(9))
		fold := r.Intn(2) == 0
		want := refMatch(toks, s, fold)
		if got := MatchTokens(toks, s, fold); got != want {
			t.Fatalf("MatchTokens(%q, %q, fold=%v) = %v, reference %v", toks, s, fold, got, want)
		}
		// The string form has only Star and Quest.
		var plain []Token
		for _, tk := range toks {
			if tk.Kind == Literal && strings.ContainsAny(tk.Text, "*?") {
				continue
			}
			if tk.Kind == StarNoColon || tk.Kind == QuestNoColon {
				continue
			}
			plain = append(plain, tk)
		}
		p := tokensString(plain)
		want = refMatch(Parse(p), s, fold)
		got := Match(p, s)
		if fold {
			got = MatchFold(p, s)
		}
		if got != want {
			t.Fatalf("Match(%q, %q, fold=%v) = %v, reference %v", p, s, fold, got, want)
		}
	}
}

// TestDifferentialNoColon concentrates on token lists whose segments can
// be placed greedily (Literal, QuestNoColon, StarNoColon between Stars)
// over colon-rich strings.
func TestDifferentialNoColon(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	kinds := []Kind{Star, StarNoColon, StarNoColon, QuestNoColon, Literal, Literal, Literal}
	alpha := []string{"a", "b", ":", ":", "é"}
	for i := 0; i < 50000; i++ {
		var toks []Token
		for j := r.Intn(8); j > 0; j-- {
			k := kinds[r.Intn(len(kinds))]
			if k != Literal {
				toks = append(toks, Token{Kind: k})
				continue
			}
			var b strings.Builder
			for n := r.Intn(3) + 1; n > 0; n-- {
				b.WriteString(alpha[r.Intn(len(alpha))])
			}
			toks = append(toks, Token{Kind: Literal, Text: b.String()})
		}
		var b strings.Builder
		for n := r.Intn(12); n > 0; n-- {
			b.WriteString(alpha[r.Intn(len(alpha))])
		}
		s := b.String()
		fold := r.Intn(4) == 0
		if got, want := MatchTokens(toks, s, fold), refMatch(toks, s, fold); got != want {
			t.Fatalf("MatchTokens(%v, %q, fold=%v) = %v, reference %v", toks, s, fold, got, want)
		}
	}
}

func TestMatchDoesNotAllocate(t *testing.T) {
	adv := adversarialPattern(1000)
	long := strings.Repeat("a", 10<<10)
	toks := []Token{{Literal, "arn:aws:lambda:us-"}, {Kind: StarNoColon}, {Literal, "-1:"}, {Kind: Star}, {Literal, ":function:f"}}
	advToks := Parse(adv)
	tests := []struct {
		name string
		f    func()
	}{
		{"M1/Match", func() {
			Match("arn:aws:lambda:*:*:function:f*", "arn:aws:lambda:us-east-1:111122223333:function:f:PROD")
		}},
		{"M1/MatchFold", func() { MatchFold("LAMBDA:Get*", "lambda:GetFunction") }},
		{"M1/MatchTokens-no-colon", func() { MatchTokens(toks, "arn:aws:lambda:us-east-1:111122223333:function:f", false) }},
		{"M1/Match-adversarial", func() { Match(adv, long) }},
		{"M1/MatchTokens-adversarial", func() { MatchTokens(advToks, long, false) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if n := testing.AllocsPerRun(100, tt.f); n != 0 {
				t.Errorf("allocations = %v, want 0", n)
			}
		})
	}
}

// TestLargeNoColonSegment covers the heap fallback of the automaton.
func TestLargeNoColonSegment(t *testing.T) {
	var toks []Token
	for i := 0; i < 700; i++ {
		toks = append(toks, Token{Literal, "a"}, Token{Kind: StarNoColon})
	}
	toks = append(toks, Token{Literal, "b"})
	s := strings.Repeat("a", 800) + "b"
	if !MatchTokens(toks, s, false) {
		t.Errorf("large StarNoColon segment: no match")
	}
	if MatchTokens(toks, s+":", false) {
		t.Errorf("large StarNoColon segment: matched across a colon")
	}
}

func adversarialPattern(stars int) string {
	return strings.Repeat("*a", stars) + "*b"
}

func FuzzMatch(f *testing.F) {
	f.Add("lambda:Get*", "lambda:GetFunction", false, uint8(0))
	f.Add("*a*a*b", "aaaaaaaaab", false, uint8(0))
	f.Add("x?y", "x€y", true, uint8(3))
	f.Add("arn:aws:*:us-*-1:*", "arn:aws:lambda:us-east-1:1:function:f", false, uint8(0x55))
	f.Fuzz(func(t *testing.T, pattern, s string, fold bool, mask uint8) {
		if len(pattern) > 24 || len(s) > 48 {
			return
		}
		toks := Parse(pattern)
		want := refMatch(toks, s, fold)
		got := Match(pattern, s)
		if fold {
			got = MatchFold(pattern, s)
		}
		if got != want {
			t.Fatalf("Match(%q, %q, fold=%v) = %v, reference %v", pattern, s, fold, got, want)
		}
		// Turn some wildcards into their NoColon forms, chosen by mask.
		for i := range toks {
			if mask&(1<<(i%8)) == 0 {
				continue
			}
			switch toks[i].Kind {
			case Star:
				toks[i].Kind = StarNoColon
			case Quest:
				toks[i].Kind = QuestNoColon
			}
		}
		if got, want := MatchTokens(toks, s, fold), refMatch(toks, s, fold); got != want {
			t.Fatalf("MatchTokens(%v, %q, fold=%v) = %v, reference %v", toks, s, fold, got, want)
		}
	})
}

var sink bool

func BenchmarkMatch(b *testing.B) {
	benches := []struct {
		name, pattern, s string
	}{
		{"literal", "arn:aws:lambda:us-east-1:111122223333:function:orders", "arn:aws:lambda:us-east-1:111122223333:function:orders"},
		{"prefix-star", "arn:aws:lambda:us-east-1:111122223333:function:*", "arn:aws:lambda:us-east-1:111122223333:function:orders:PROD"},
		{"stars-and-quests", "arn:aws:lambda:*:*:function:or?ers*", "arn:aws:lambda:us-east-1:111122223333:function:orders:PROD"},
		{"adversarial-1000-stars-10KB", adversarialPattern(1000), strings.Repeat("a", 10<<10)},
		{"adversarial-1000-stars-20KB", adversarialPattern(1000), strings.Repeat("a", 20<<10)},
		{"adversarial-1000-stars-scan-10KB", adversarialPattern(1000) + "*", strings.Repeat("a", 10<<10)},
		{"adversarial-1000-stars-scan-20KB", adversarialPattern(1000) + "*", strings.Repeat("a", 20<<10)},
		{"adversarial-quest-scan-10KB", strings.Repeat("*a?", 500) + "b*", strings.Repeat("a", 10<<10)},
		{"adversarial-quest-scan-20KB", strings.Repeat("*a?", 500) + "b*", strings.Repeat("a", 20<<10)},
	}
	for _, bb := range benches {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				sink = Match(bb.pattern, bb.s)
			}
		})
	}
	b.Run("fold-prefix-star", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			sink = MatchFold("LAMBDA:Get*", "lambda:GetFunctionConfiguration")
		}
	})
}

func BenchmarkMatchTokens(b *testing.B) {
	noColon := []Token{{Literal, "arn:aws:lambda:us-"}, {Kind: StarNoColon}, {Literal, "-1:111122223333:function:"}, {Kind: Star}}
	adv := Parse(adversarialPattern(1000))
	noColonMiddle := []Token{{Kind: Star}, {Literal, "a"}, {Kind: StarNoColon}, {Literal, "b"}, {Kind: StarNoColon}, {Literal, "c"}, {Kind: Star}}
	advNoColon := append([]Token{{Literal, "x"}, {Kind: StarNoColon}, {Literal, "x"}}, adv...)
	benches := []struct {
		name string
		toks []Token
		s    string
	}{
		{"no-colon-region", noColon, "arn:aws:lambda:us-east-1:111122223333:function:orders:PROD"},
		{"adversarial-1000-stars-10KB", adv, strings.Repeat("a", 10<<10)},
		{"adversarial-1000-stars-20KB", adv, strings.Repeat("a", 20<<10)},
		{"adversarial-no-colon-prefix-10KB", advNoColon, "x-x" + strings.Repeat("a", 10<<10)},
		{"adversarial-no-colon-prefix-20KB", advNoColon, "x-x" + strings.Repeat("a", 20<<10)},
		{"adversarial-no-colon-middle-10KB", noColonMiddle, strings.Repeat("axxxxxxx:", (10<<10)/9)},
		{"adversarial-no-colon-middle-20KB", noColonMiddle, strings.Repeat("axxxxxxx:", (20<<10)/9)},
	}
	for _, bb := range benches {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				sink = MatchTokens(bb.toks, bb.s, false)
			}
		})
	}
}
