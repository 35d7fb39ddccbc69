package lint

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/lambdaiam/lambdaiam/arn"
	"github.com/lambdaiam/lambdaiam/catalog"
	"github.com/lambdaiam/lambdaiam/policy"
)

// Code identifies the kind of a finding. Codes are stable and kebab-case:
// compare them, never the message text. The package documentation lists
// every code with what it means.
type Code string

// The finding codes, in the order of the package documentation.
const (
	// Actions.
	CodeUnknownService       Code = "unknown-service"        // an action's service prefix is not an AWS service
	CodeUnknownAction        Code = "unknown-action"         // a catalogued service has no such action
	CodeActionMatchesNothing Code = "action-matches-nothing" // a wildcard action pattern matches no action of its service
	CodeWildcardOnlyAction   Code = "wildcard-only-action"   // an action that takes only "*" with no "*" in Resource
	CodeAllowNotAction       Code = "allow-notaction"        // Allow with NotAction grants every other action

	// Resources.
	CodeResourceTypeMismatch   Code = "resource-type-mismatch"     // a Resource entry fits no resource type of the statement's actions
	CodeResourceTypeWildcard   Code = "resource-type-wildcard"     // a wildcard in the resource-type token of an ARN (G12)
	CodeAllowNotResource       Code = "allow-notresource"          // Allow with NotResource grants every other resource
	CodeUnqualifiedFunction    Code = "unqualified-function-grant" // function:NAME does not cover NAME's versions and aliases (F3)
	CodeFunctionPrefixMatch    Code = "function-prefix-overmatch"  // function:NAME* also covers other functions (F3)
	CodeVariableInARNPrefix    Code = "variable-in-arn-prefix"     // ${...} before the fifth colon is literal text (D2)
	CodeResourceVariableAbsent Code = "resource-variable-absent"   // a Resource variable whose key may be absent (D3)
	CodeVariableInOldVersion   Code = "variable-in-old-version"    // ${...} under Version 2008-10-17 or none is literal (D1)

	// Conditions.
	CodeUnknownConditionKey     Code = "unknown-condition-key"      // a condition key the catalog does not know
	CodeUnsupportedConditionKey Code = "unsupported-condition-key"  // no action of the statement supports the key
	CodeOperatorTypeMismatch    Code = "operator-type-mismatch"     // the operator family does not fit the key's type
	CodeSetOperatorSingleValued Code = "set-operator-single-valued" // ForAllValues/ForAnyValue on a single-valued key (C5)
	CodePlainOperatorMultiValue Code = "plain-operator-multivalued" // an operator without a set prefix on a multivalued key (C5)
	CodeForAllValuesWithoutNull Code = "forallvalues-without-null"  // ForAllValues in an Allow without a Null guard (C5)

	// Principals.
	CodeNotPrincipal   Code = "notprincipal"                     // NotPrincipal with Deny, which denies more than it lists
	CodeConfusedDeputy Code = "service-principal-without-source" // a service principal without aws:SourceArn/aws:SourceAccount (F6)
	CodePublicFunction Code = "public-function"                  // Principal "*" with no condition on a function

	// Statements.
	CodeRedundantStatement Code = "redundant-statement" // another statement with the same effect covers this one
	CodeShadowedStatement  Code = "shadowed-statement"  // an unconditional Deny covers this Allow
)

var allCodes = []Code{
	CodeUnknownService, CodeUnknownAction, CodeActionMatchesNothing, CodeWildcardOnlyAction, CodeAllowNotAction,
	CodeResourceTypeMismatch, CodeResourceTypeWildcard, CodeAllowNotResource, CodeUnqualifiedFunction,
	CodeFunctionPrefixMatch, CodeVariableInARNPrefix, CodeResourceVariableAbsent, CodeVariableInOldVersion,
	CodeUnknownConditionKey, CodeUnsupportedConditionKey, CodeOperatorTypeMismatch, CodeSetOperatorSingleValued,
	CodePlainOperatorMultiValue, CodeForAllValuesWithoutNull,
	CodeNotPrincipal, CodeConfusedDeputy, CodePublicFunction,
	CodeRedundantStatement, CodeShadowedStatement,
}

// Codes returns every finding code, in the order of the package
// documentation.
func Codes() []Code { return slices.Clone(allCodes) }

// workBudget bounds the work of the checks whose cost grows faster than
// the document: comparing statements in pairs, matching Resource entries
// against resource types and against each other. Past it, those checks
// assume the answer that reports nothing, so a huge document gets fewer
// findings, never false ones. It is far above what policies within AWS's
// size quotas (G10) need.
const workBudget = 1 << 24

// MaxFindings is the most findings Check returns for one document; the
// ones first in the document are kept.
const MaxFindings = 100

// Finding is one warning about a valid policy: a statement that does not
// do what its author most likely meant. A finding never makes a policy
// invalid; policy.Parse has already accepted it.
type Finding struct {
	Code Code
	// Pointer is the RFC 6901 JSON Pointer of the element or value the
	// finding is about, as the document writes it (see
	// policy.Document.StatementPointer).
	Pointer string
	// Pos is the position of that element or value; the zero Position when
	// the document carries no text (built by hand).
	Pos policy.Position
	// Msg says what is wrong, in one line.
	Msg string
	// Fix says what to write instead, in one line.
	Fix string
}

// String returns "source:line:col: pointer: warning[code]: msg (fix: fix)",
// leaving out the position and the pointer when they are unknown: the
// place is written as a policy.Error writes it.
func (f Finding) String() string {
	msg := "warning[" + string(f.Code) + "]: " + f.Msg
	if f.Fix != "" {
		msg += " (fix: " + f.Fix + ")"
	}
	return (&policy.Error{Pointer: f.Pointer, Pos: f.Pos, Msg: msg}).Error()
}

// Option configures Check.
type Option func(*config)

type config struct {
	cat *catalog.Catalog
}

// WithCatalog makes Check look actions, resource types and condition keys
// up in c instead of catalog.Default(). A nil c is ignored.
func WithCatalog(c *catalog.Catalog) Option {
	return func(cfg *config) {
		if c != nil {
			cfg.cat = c
		}
	}
}

// Check returns the findings for doc, sorted by position (for a document
// without text, by statement), at most MaxFindings of them. doc must be a
// document that policy.Parse returned, or one built by hand with the same
// invariants; a nil doc has no findings. Check never modifies doc and is
// safe for concurrent use.
func Check(doc *policy.Document, opts ...Option) []Finding {
	if doc == nil {
		return nil
	}
	cfg := config{}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if cfg.cat == nil {
		cfg.cat = catalog.Default()
	}
	l := &linter{doc: doc, cat: cfg.cat, work: workBudget}
	l.run()
	return l.finish()
}

// raw is a finding before its position is known. The sort key (stmt,
// anchor, entry) orders findings as the document writes them, using only
// positions the parser already recorded, so that Locate runs only for
// the findings that are kept, and only for list entries.
type raw struct {
	Finding
	fix    func() string // computes Fix for a kept finding, when set
	stmt   int
	anchor int // byte offset of the element the finding is in
	entry  int // index of the entry within the element
	seq    int // order of emission, for ties
	idx    int // see at.idx
}

type linter struct {
	doc  *policy.Document
	cat  *catalog.Catalog
	out  []raw
	seq  int
	acts []stmtActions // per statement, the expanded Action element

	work      int                             // steps left for the costly checks (see workBudget)
	fitsMemo  map[[2]string]bool              // fits results
	invokes   []arn.Pattern                   // Allow patterns for qualifiedCovered
	invokesOK bool                            // invokes is filled in
	typed     map[string]bool                 // typedService results
	keyUsers  map[string]bool                 // serviceUsesKey results
	supported map[supportKey]bool             // checkKeySupport results
	expanded  map[string][]catalog.ActionInfo // expansions of action entries
	guardsOf  *policy.Statement               // the statement guards describes
	guards    map[string]bool                 // lower-case keys with "Null": "false" in guardsOf
	// expandedStmts are the stmtActions of Action elements, by their
	// entries joined with NUL.
	expandedStmts map[string]stmtActions
}

// expandAction is l.cat.Expand, remembered for the entries of one
// document, which often repeat.
func (l *linter) expandAction(pattern string) []catalog.ActionInfo {
	if l.expanded == nil {
		l.expanded = map[string][]catalog.ActionInfo{}
	}
	k := strings.ToLower(pattern)
	if a, ok := l.expanded[k]; ok {
		return a
	}
	a := l.cat.Expand(pattern)
	l.expanded[k] = a
	return a
}

// at is where a finding points: a JSON Pointer (base, plus "/idx" when
// idx >= 0 and the element is an array) and a fallback position.
type at struct {
	stmt  int
	base  string
	idx   int             // entry index, -1 for the element itself
	pos   policy.Position // the element's position; its Offset orders findings
	entry int
}

func (l *linter) add(a at, code Code, msg, fix string) {
	l.addLazy(a, code, msg, fix, nil)
}

// addLazy is add with a fix that is worked out (by lazy, when not nil)
// only if the finding is among those returned; fix is the fallback when
// lazy returns "".
func (l *linter) addLazy(a at, code Code, msg, fix string, lazy func() string) {
	l.seq++
	entry := a.entry
	if a.idx >= 0 {
		entry = a.idx
	}
	l.out = append(l.out, raw{
		Finding: Finding{Code: code, Pointer: a.base, Pos: a.pos, Msg: msg, Fix: fix},
		stmt:    a.stmt, anchor: a.pos.Offset, entry: entry, seq: l.seq, idx: a.idx, fix: lazy,
	})
}

func (l *linter) finish() []Finding {
	if len(l.out) == 0 {
		return nil
	}
	slices.SortFunc(l.out, func(a, b raw) int {
		return cmp.Or(cmp.Compare(a.stmt, b.stmt), cmp.Compare(a.anchor, b.anchor),
			cmp.Compare(a.entry, b.entry), cmp.Compare(a.seq, b.seq))
	})
	if len(l.out) > MaxFindings {
		l.out = l.out[:MaxFindings]
	}
	res := make([]Finding, len(l.out))
	for i, r := range l.out {
		f := r.Finding
		if r.fix != nil {
			if fix := r.fix(); fix != "" {
				f.Fix = fix
			}
		}
		if r.idx >= 0 {
			// An entry of a list written as an array has its own pointer;
			// a list written as one string is the element itself.
			p := f.Pointer + "/" + strconv.Itoa(r.idx)
			if pos, ok := l.doc.Locate(p); ok {
				f.Pointer, f.Pos = p, pos
			} else if pos, ok := l.doc.Locate(f.Pointer); ok {
				f.Pos = pos
			}
		}
		res[i] = f
	}
	if res[0].Pos.IsValid() {
		slices.SortStableFunc(res, func(a, b Finding) int { return cmp.Compare(a.Pos.Offset, b.Pos.Offset) })
	}
	return res
}

// stmtPointer is the pointer of statement i.
func (l *linter) stmtPointer(i int) string { return l.doc.StatementPointer(i) }

// entryAt is the place of entry j of a list element (Action, Resource,
// Principal/Service, ...) of statement st, whose value is at pos.
func (l *linter) entryAt(st *policy.Statement, elem string, j int, pos policy.Position) at {
	a := l.elemAt(st, elem, pos)
	a.idx = j
	return a
}

// elemAt is the place of a whole element of statement st.
func (l *linter) elemAt(st *policy.Statement, elem string, pos policy.Position) at {
	if !pos.IsValid() {
		pos = st.Pos
	}
	return at{stmt: st.Index, base: l.stmtPointer(st.Index) + "/" + elem, idx: -1, pos: pos}
}

// stmtAt is the place of statement st as a whole.
func (l *linter) stmtAt(st *policy.Statement) at {
	return at{stmt: st.Index, base: l.stmtPointer(st.Index), idx: -1, pos: st.Pos}
}

// condAt is the place of the key of condition k of statement st.
func (l *linter) condAt(st *policy.Statement, k int) at {
	c := &st.Conditions[k]
	pos := c.Pos
	if !pos.IsValid() {
		pos = st.ConditionPos
	}
	if !pos.IsValid() {
		pos = st.Pos
	}
	p := l.stmtPointer(st.Index) + "/Condition/" + escapePointer(c.Operator.String()) + "/" + escapePointer(c.Key)
	return at{stmt: st.Index, base: p, idx: -1, pos: pos, entry: k}
}

// escapePointer escapes one RFC 6901 reference token.
func escapePointer(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

func (l *linter) run() {
	d := l.doc
	l.acts = make([]stmtActions, len(d.Statements))
	for i := range d.Statements {
		l.acts[i] = l.expand(&d.Statements[i])
	}
	for i := range d.Statements {
		st := &d.Statements[i]
		l.checkActions(st, &l.acts[i])
		l.checkResources(st, &l.acts[i])
		l.checkConditions(st, &l.acts[i])
		l.checkPrincipals(st, &l.acts[i])
	}
	l.checkStatements()
}
