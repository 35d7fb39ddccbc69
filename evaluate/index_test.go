package evaluate

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/policy"
)

// The index tests check the one property the indexes must have: every
// statement that could apply to a request is among its candidates, and a
// candidate whose Action element the index vouches for (test false) does
// list the action. Decisions over the indexes are checked by every other
// test; these check the indexes directly, on policies built from the
// awkward cases: mixed case, every pattern shape, NotAction, names that
// are not ASCII or that Unicode folding alone makes equal, and actions no
// policy and no catalog names.

var indexActionEntries = []string{
	"lambda:InvokeFunction", "Lambda:invokefunction", "lambda:Get*", "lambda:*",
	"lambda:*Function*", "lambda:Invoke?unction", "LAMBDA:LIST*", "s3:GetObject",
	"s3:*", "*", "zz:wild-service-1", "zz:wild-service-2", "zz:non-ascii-1", "zz:non-ascii-2", "zz:non-ascii-3",
	"sts:AssumeRole", "ec2:Describe*", "newsvc:DoThing", "newsvc:Do*", "newsvc:*Thing",
}

var indexRequestActions = []string{
	"lambda:InvokeFunction", "LAMBDA:INVOKEFUNCTION", "lambda:GetFunction",
	"lambda:getfunction", "lambda:ListFunctions", "lambda:NotInTheCatalog",
	"lambda:Kill", "lambda:skip", "lambda:İnvokeFunction", "lambda:\u212Aill",
	"s3:GetObject", "s3:PutObject", "newsvc:DoThing", "newsvc:DoOther",
	"NewSvc:OtherThing", "ec2:DescribeInstances", "sts:AssumeRole", "x:y",
}

// wildService are entries that the parser rejects and a hand-built
// Document may hold (wildcards in the service prefix, characters past
// U+00FF): they stand in for the placeholders above once the document is
// parsed.
var wildService = map[string]string{
	"zz:wild-service-1": "*:Get*", "zz:wild-service-2": "lamb*",
	"zz:non-ascii-1": "lambda:İnvoke*", "zz:non-ascii-2": "lambda:ſ*", "zz:non-ascii-3": "lambda:\u212Aill",
}

// parseWithWildServices parses doc and puts the wildService entries in.
func parseWithWildServices(t *testing.T, doc string, kind policy.Kind) *policy.Document {
	t.Helper()
	d, err := policy.Parse([]byte(doc), policy.WithKind(kind))
	if err != nil {
		t.Fatal(err)
	}
	for i := range d.Statements {
		st := &d.Statements[i]
		for _, l := range [][]string{st.Action, st.NotAction} {
			for k, a := range l {
				if w, ok := wildService[a]; ok {
					l[k] = w
				}
			}
		}
	}
	return d
}

// randomActionPolicy returns a policy of n statements with random Action
// or NotAction elements.
func randomActionPolicy(r *rand.Rand, n int, resource bool) string {
	var b strings.Builder
	b.WriteString(`{"Version":"2012-10-17","Statement":[`)
	principals := []string{`"*"`, `{"AWS":"111122223333"}`, `{"Service":"events.amazonaws.com"}`}
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		elem := "Action"
		if r.IntN(5) == 0 {
			elem = "NotAction"
		}
		var acts []string
		for k := 1 + r.IntN(3); k > 0; k-- {
			acts = append(acts, fmt.Sprintf("%q", indexActionEntries[r.IntN(len(indexActionEntries))]))
		}
		effect := []string{"Allow", "Deny"}[r.IntN(2)]
		fmt.Fprintf(&b, `{"Effect":%q,%q:[%s],"Resource":"*"`, effect, elem, strings.Join(acts, ","))
		if resource {
			fmt.Fprintf(&b, `,"Principal":%s`, principals[r.IntN(len(principals))])
		}
		b.WriteByte('}')
	}
	b.WriteString("]}")
	return b.String()
}

// candidateSet runs the cursor of policy pid and effect.
func candidateSet(q *query, pid int32, allow bool) map[int32]bool {
	out := map[int32]bool{}
	c := q.candidates(pid, allow)
	for {
		i, test, ok := c.next()
		if !ok {
			return out
		}
		if _, dup := out[i]; dup {
			panic(fmt.Sprintf("statement %d twice", i))
		}
		out[i] = test
	}
}

func TestM2ActionIndexCandidates(t *testing.T) {
	budgets := []struct {
		name string
		c    compiler
	}{
		{"default-budgets", compiler{matchWork: maxMatchWork, entries: maxIndexEntries}},
		{"no-match-budget", compiler{matchWork: 0, entries: maxIndexEntries}},
		{"no-entry-budget", compiler{matchWork: maxMatchWork, entries: 0}},
	}
	r := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 60; round++ {
		id := parseWithWildServices(t, randomActionPolicy(r, 1+r.IntN(40), false), policy.KindIdentity)
		res := parseWithWildServices(t, randomActionPolicy(r, 1+r.IntN(40), true), policy.KindResource)
		for _, b := range budgets {
			set, err := compile(Policies{Identity: []Named{{Name: "id", Doc: id}}, Resource: &Named{Name: "res", Doc: res}}, b.c, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, action := range indexRequestActions {
				svc, _, _ := strings.Cut(action, ":")
				q := query{s: set, r: &Request{Action: action}, p: &principal{}, service: svc}
				q.findAction()
				q.lookupAction()
				for pid := range set.policies {
					for _, allow := range []bool{false, true} {
						got := candidateSet(&q, int32(pid), allow)
						cp := &set.policies[pid]
						lo, hi := cp.lo, cp.mid
						if allow {
							lo, hi = cp.mid, cp.hi
						}
						for i := lo; i < hi; i++ {
							st := &set.stmts[i]
							want := st.listsAction(action) != st.notAction
							test, in := got[i]
							if want && !in {
								t.Fatalf("%s round %d: %q: statement %d (%v %v) applies but is not a candidate", b.name, round, action, i, st.actExact, st.actGlobSrc)
							}
							if in && !test && !want {
								t.Fatalf("%s round %d: %q: statement %d (%v %v) vouched for but does not apply", b.name, round, action, i, st.actExact, st.actGlobSrc)
							}
						}
						for i := range got {
							if i < lo || i >= hi {
								t.Fatalf("%s: candidate %d outside [%d, %d)", b.name, i, lo, hi)
							}
						}
					}
				}
			}
		}
	}
}

// TestM4PrincipalIndexCandidates: every resource-policy statement whose
// Principal or NotPrincipal element could let it apply to a principal is
// among that principal's candidates.
func TestM4PrincipalIndexCandidates(t *testing.T) {
	elems := []string{
		`"Principal":"*"`, `"Principal":{"AWS":"*"}`, `"Principal":{"AWS":"111122223333"}`,
		`"Principal":{"AWS":"arn:aws:iam::111122223333:root"}`, `"Principal":{"AWS":"arn:aws:iam::444455556666:role/partner"}`,
		`"Principal":{"AWS":"arn:aws:sts::111122223333:assumed-role/dev/alice"}`, `"Principal":{"AWS":"arn:aws:iam::111122223333:user/priya"}`,
		`"Principal":{"AWS":"arn:aws:sts::111122223333:federated-user/ana"}`, `"Principal":{"Service":"events.amazonaws.com"}`,
		`"Principal":{"Service":["s3.amazonaws.com","events.amazonaws.com"],"AWS":"444455556666"}`,
		`"NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"}`, `"Principal":{"AWS":"arn:aws:iam::111122223333:role/path/dev"}`,
	}
	principals := []string{
		"arn:aws:iam::111122223333:role/dev", "arn:aws:sts::111122223333:assumed-role/dev/alice",
		"arn:aws:iam::111122223333:user/priya", "arn:aws:iam::111122223333:root",
		"arn:aws:sts::111122223333:federated-user/ana", "arn:aws:iam::444455556666:role/partner",
		"arn:aws-cn:iam::444455556666:role/partner", "events.amazonaws.com", "s3.amazonaws.com", "anonymous",
	}
	r := rand.New(rand.NewPCG(3, 4))
	for round := 0; round < 40; round++ {
		var stmts []string
		for i := 0; i < 1+r.IntN(30); i++ {
			effect, elem := []string{"Allow", "Deny"}[r.IntN(2)], elems[r.IntN(len(elems))]
			if strings.HasPrefix(elem, `"NotPrincipal"`) {
				effect = "Deny"
			}
			stmts = append(stmts, fmt.Sprintf(`{"Effect":%q,"Action":"lambda:InvokeFunction","Resource":"*",%s}`, effect, elem))
		}
		doc, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[`+strings.Join(stmts, ",")+`]}`), policy.WithKind(policy.KindResource))
		if err != nil {
			t.Fatal(err)
		}
		set, err := Compile(Policies{Resource: &Named{Name: "res", Doc: doc}})
		if err != nil {
			t.Fatal(err)
		}
		for _, pr := range principals {
			p, err := parsePrincipal(pr)
			if err != nil {
				t.Fatal(err)
			}
			q := query{s: set, r: &Request{Action: "lambda:InvokeFunction"}, p: &p, service: "lambda"}
			q.findAction()
			q.lookupAction()
			q.lookupPrincipal()
			cp := &set.policies[set.resource]
			var got []int32
			for i := range set.stmts {
				// Statements whose Principal could name p.
				st := &set.stmts[i]
				if st.principal == nil || st.principal.match(&p) != grantNone {
					got = append(got, int32(i))
				}
			}
			for _, allow := range []bool{false, true} {
				lo, hi := cp.lo, cp.mid
				if allow {
					lo, hi = cp.mid, cp.hi
				}
				in := map[int32]bool{}
				c := q.prin.cursor(lo, hi)
				for {
					i, _, ok := c.next()
					if !ok {
						break
					}
					in[i] = true
				}
				for _, i := range got {
					if i >= lo && i < hi && !in[i] {
						t.Fatalf("round %d: %s: statement %d could apply but is not a candidate", round, pr, i)
					}
				}
			}
		}
	}
}

// TestM2ActionIndexLookup: the lookup finds names in any ASCII case and
// no other names.
func TestM2ActionIndexLookup(t *testing.T) {
	names := []string{"lambda:getfunction", "lambda:invokefunction", "s3:getobject"}
	for _, tc := range []struct {
		name   string
		action string
		want   int32
	}{
		{"M2/index-exact", "lambda:invokefunction", 1},
		{"M2/index-mixed-case", "Lambda:InvokeFunction", 1},
		{"M2/index-first", "LAMBDA:GETFUNCTION", 0},
		{"M2/index-last", "s3:GetObject", 2},
		{"M2/index-prefix-is-not-a-match", "lambda:invoke", -1},
		{"M2/index-longer-is-not-a-match", "lambda:invokefunctionurl", -1},
		{"M2/index-non-ascii-is-not-a-match", "lambda:ınvokefunction", -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, searchLower(names, tc.action)); diff != "" {
				t.Errorf("searchLower (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLowerASCII checks the word-at-a-time lower-casing against a byte
// loop, on random strings of the bytes around the letters' edges.
func TestLowerASCII(t *testing.T) {
	alphabet := []byte{'@', 'A', 'M', 'Z', '[', '`', 'a', 'z', '{', ':', 0x00, 0x7f, 0x80, 0xc1, 0xff, '0'}
	r := rand.New(rand.NewPCG(7, 8))
	for n := 0; n < 20000; n++ {
		b := make([]byte, r.IntN(40))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		s := string(b)
		want, wantASCII := make([]byte, len(s)), isASCII(s)
		for i := 0; i < len(s); i++ {
			c := s[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			want[i] = c
		}
		got := make([]byte, len(s))
		ascii := lowerASCII(got, s)
		if ascii != wantASCII || (ascii && string(got) != string(want)) {
			t.Fatalf("lowerASCII(%q) = %q %v, want %q %v", s, got, ascii, want, wantASCII)
		}
	}
}

// TestNameTable: every name is found, in a table of many names sharing a
// prefix, and names that are not there are not.
func TestNameTable(t *testing.T) {
	var names []string
	for i := 0; i < 3000; i++ {
		names = append(names, fmt.Sprintf("lambda:action%dname", i))
	}
	names = append(names, "a", "ab", "s3:x", "")
	slices.Sort(names)
	tab := newNameTable(names)
	for i, n := range names {
		if got := tab.find(names, []byte(n), nameHash([]byte(n))); got != int32(i) {
			t.Fatalf("find(%q) = %d, want %d", n, got, i)
		}
	}
	for _, n := range []string{"lambda:action3000name", "b", "lambda:action1nam", "s3:y"} {
		if got := tab.find(names, []byte(n), nameHash([]byte(n))); got != -1 {
			t.Fatalf("find(%q) = %d, want -1", n, got)
		}
	}
}
