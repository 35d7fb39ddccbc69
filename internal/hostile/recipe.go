package hostile

import (
	"bytes"
	"cmp"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// File is one recipe file: a class of hostile input and its cases.
type File struct {
	// Class names the pathological class ("size", "nesting",
	// "backtracking", ...); benchmarks and the linear-cost check group
	// cases by it.
	Class   string `json:"class"`
	Comment string `json:"comment,omitempty"`
	Cases   []Case `json:"cases"`
}

// Case is one hostile input and what must come of it.
type Case struct {
	Name    string `json:"name"`
	Comment string `json:"comment,omitempty"`
	Input   Input  `json:"input"`
	// Kind is the policy kind the document is parsed as ("identity" when
	// empty; the names of the CLI's --kind).
	Kind string `json:"kind,omitempty"`
	// MaxBytes raises policy.Parse's input limit (policy.WithMaxBytes);
	// 0 keeps the default.
	MaxBytes int `json:"maxBytes,omitempty"`
	// Envelope is policy.WithEnvelope's envelope: "", "get-policy",
	// "url-encoded" or "auto".
	Envelope string `json:"envelope,omitempty"`

	Parse    ParseWant    `json:"parse"`
	Compile  *CompileWant `json:"compile,omitempty"`
	Evaluate []EvalWant   `json:"evaluate,omitempty"`
	CLI      *CLIWant     `json:"cli,omitempty"`
	Budget   Budget       `json:"budget,omitempty"`
	Scale    *Scale       `json:"scale,omitempty"`

	// File and Class are filled in by Load.
	File  string `json:"-"`
	Class string `json:"-"`
}

// Input says how to build the bytes of a case. Exactly one of Text and
// Zeros is used.
//
// Text is the document with placeholders: each key of Repeat is replaced
// by its unit repeated N times (joined by Sep, with "{i}" in the unit
// replaced by the repetition's index), and each key of Hex by the bytes
// its hexadecimal value spells (for bytes a JSON string cannot hold, such
// as invalid UTF-8). Zeros is an input of that many zero bytes, for sizes
// that must be rejected before anything is read.
type Input struct {
	Text   string            `json:"text,omitempty"`
	Repeat map[string]Repeat `json:"repeat,omitempty"`
	Hex    map[string]string `json:"hex,omitempty"`
	Zeros  int               `json:"zeros,omitempty"`
}

// Repeat is one repeated placeholder of an Input.
type Repeat struct {
	Unit string `json:"unit"`
	N    int    `json:"n"`
	Sep  string `json:"sep,omitempty"`
}

// ParseWant is the expected result of policy.Parse: OK, or an error list
// whose distinct codes, in order of first appearance, are Codes, and
// whose first error has the JSON pointer Pointer (when not nil).
type ParseWant struct {
	OK      bool     `json:"ok,omitempty"`
	Codes   []string `json:"codes,omitempty"`
	Pointer *string  `json:"pointer,omitempty"`
}

// CompileWant is the expected result of evaluate.Compile of the parsed
// document in the slot its kind goes to: OK, or an error of code Code.
// MaxStatements is passed as evaluate.WithMaxStatements when not 0.
type CompileWant struct {
	OK            bool   `json:"ok,omitempty"`
	Code          string `json:"code,omitempty"`
	MaxStatements int    `json:"maxStatements,omitempty"`
}

// EvalWant is one request against the compiled set and its expected
// decision (and error code, for a stopped evaluation). String fields may
// hold the Input's Repeat placeholders.
type EvalWant struct {
	Principal        string         `json:"principal"`
	Action           string         `json:"action"`
	Resource         string         `json:"resource"`
	Context          map[string]any `json:"context,omitempty"`
	MaxConditionWork int            `json:"maxConditionWork,omitempty"`
	Decision         string         `json:"decision"`
	Code             string         `json:"code,omitempty"`
}

// CLIWant is the expected result of "lambdaiam validate --json --kind K"
// on the input written to a file: the exit status and the distinct error
// codes of the report, in order of first appearance. Eval, when set, is
// the exit status of "lambdaiam eval" on the same file. Isolate runs the
// command in a child process, for inputs that have crashed it.
type CLIWant struct {
	Exit    int      `json:"exit"`
	Codes   []string `json:"codes,omitempty"`
	Eval    *int     `json:"eval,omitempty"`
	Isolate bool     `json:"isolate,omitempty"`
}

// Budget bounds one case: wall time in seconds for all of it (generous,
// for -race on a busy two-core machine) and megabytes allocated.
type Budget struct {
	Seconds   float64 `json:"seconds,omitempty"`
	Megabytes int     `json:"megabytes,omitempty"`
}

// Scale asks for the linear-cost check: the case is built with each
// placeholder of From repeated as many times as From says, and then Factor
// times as often, and the larger input may cost at most MaxRatio times the
// smaller (in time and in bytes allocated). Scaling every placeholder of
// the input at once (a pattern and the value it is matched against, say),
// a cost linear in the size gives a ratio near Factor, and a cost of their
// product, or quadratic in one, near Factor squared.
type Scale struct {
	From     map[string]int `json:"from"`
	Factor   int            `json:"factor,omitempty"`
	MaxRatio float64        `json:"maxRatio,omitempty"`
}

// Counts returns the placeholder counts at step k: From times Factor^k.
func (s *Scale) Counts(k int) map[string]int {
	factor, _ := s.Ratio()
	out := make(map[string]int, len(s.From))
	for p, n := range s.From {
		for i := 0; i < k; i++ {
			n *= factor
		}
		out[p] = n
	}
	return out
}

// Defaults for a Case that leaves them out. With the default factor of 8,
// a linear cost gives a ratio of about 8 (up to 16 where the larger input
// no longer fits a cache) and a quadratic one about 64; the default
// maximum ratio lies between.
const (
	DefaultSeconds   = 10
	DefaultMegabytes = 256
	DefaultFactor    = 8
	DefaultMaxRatio  = 24
)

// Load reads every *.json recipe file of dir, in name order, and returns
// their cases. Case names must be unique across files.
func Load(dir string) ([]Case, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []Case
	seen := map[string]string{}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var f File
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&f); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if f.Class == "" || len(f.Cases) == 0 {
			return nil, fmt.Errorf("%s: a recipe file needs a class and cases", name)
		}
		for _, c := range f.Cases {
			if c.Name == "" {
				return nil, fmt.Errorf("%s: a case without a name", name)
			}
			if prev, dup := seen[c.Name]; dup {
				return nil, fmt.Errorf("%s: case %q already in %s", name, c.Name, prev)
			}
			seen[c.Name] = name
			c.File, c.Class = filepath.Base(name), f.Class
			out = append(out, c)
		}
	}
	return out, nil
}

// Build returns the bytes of the case's input.
func (c *Case) Build() ([]byte, error) { return c.Input.build(nil) }

// BuildScaled returns the bytes of the input with the placeholders of
// counts repeated that many times instead of their own N.
func (c *Case) BuildScaled(counts map[string]int) ([]byte, error) {
	for p := range counts {
		if _, ok := c.Input.Repeat[p]; !ok {
			return nil, fmt.Errorf("case %s: no placeholder %q to scale", c.Name, p)
		}
	}
	return c.Input.build(counts)
}

// Expand replaces the Repeat placeholders in s (a request field), with
// the counts of override where given.
func (c *Case) Expand(s string, override map[string]int) string {
	return c.Input.expand(s, override)
}

// ExpandList expands a list value of a request: an element that is
// exactly a Repeat placeholder becomes that many elements, one per
// repetition; any other element is expanded as Expand does.
func (c *Case) ExpandList(list []string, override map[string]int) []string {
	var out []string
	for _, s := range list {
		r, ok := c.Input.Repeat[s]
		if !ok {
			out = append(out, c.Expand(s, override))
			continue
		}
		n := countOf(r, s, override)
		for i := 0; i < n; i++ {
			out = append(out, strings.ReplaceAll(r.Unit, "{i}", strconv.Itoa(i)))
		}
	}
	return out
}

func countOf(r Repeat, key string, override map[string]int) int {
	if n, ok := override[key]; ok {
		return n
	}
	return r.N
}

func (in *Input) build(override map[string]int) ([]byte, error) {
	if in.Zeros > 0 {
		if in.Text != "" {
			return nil, errors.New("an input has either text or zeros")
		}
		return make([]byte, in.Zeros), nil
	}
	text := in.expand(in.Text, override)
	for _, k := range sortedKeys(in.Hex) {
		b, err := hex.DecodeString(strings.ReplaceAll(in.Hex[k], " ", ""))
		if err != nil {
			return nil, fmt.Errorf("hex %s: %w", k, err)
		}
		text = strings.ReplaceAll(text, k, string(b))
	}
	return []byte(text), nil
}

// expand replaces the Repeat placeholders in s, in key order, with the
// counts of override where given. A placeholder that s does not hold (one
// used only in requests, say) is not expanded.
func (in *Input) expand(s string, override map[string]int) string {
	for _, k := range sortedKeys(in.Repeat) {
		if r := in.Repeat[k]; strings.Contains(s, k) {
			s = strings.ReplaceAll(s, k, r.expand(countOf(r, k, override)))
		}
	}
	return s
}

// expand returns the unit repeated n times.
func (r Repeat) expand(n int) string {
	if n <= 0 {
		return ""
	}
	if !strings.Contains(r.Unit, "{i}") {
		if r.Sep == "" {
			return strings.Repeat(r.Unit, n)
		}
		return strings.Repeat(r.Unit+r.Sep, n-1) + r.Unit
	}
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(r.Sep)
		}
		b.WriteString(strings.ReplaceAll(r.Unit, "{i}", strconv.Itoa(i)))
	}
	return b.String()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Limit returns the budget, with the defaults for what it leaves out.
func (b Budget) Limit() (seconds float64, megabytes int) {
	return cmp.Or(b.Seconds, DefaultSeconds), cmp.Or(b.Megabytes, DefaultMegabytes)
}

// Ratio returns the scale factor and the largest cost ratio allowed, with
// the defaults for what the Scale leaves out.
func (s *Scale) Ratio() (factor int, maxRatio float64) {
	return cmp.Or(s.Factor, DefaultFactor), cmp.Or(s.MaxRatio, DefaultMaxRatio)
}
