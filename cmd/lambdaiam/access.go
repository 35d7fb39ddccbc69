package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/lambdaiam/lambdaiam/arn"
	"github.com/lambdaiam/lambdaiam/catalog"
	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/internal/caseload"
	"github.com/lambdaiam/lambdaiam/lambdaapi"
	"github.com/lambdaiam/lambdaiam/policy"
)

const accessUsage = `usage: lambdaiam access --principal P --resource R [--actions PATTERN] [--json]
                        [--identity FILE]... [--resource-policy FILE] [--boundary FILE]
                        [--session-policy FILE] [--scp FILE]... [--context KEY=VALUE]...
                        [--account-details FILE] [CASEFILE|-]

Evaluates every Lambda action that applies to resource R for principal P
and prints the decisions as a matrix grouped by access level (List, Read,
Write, Permissions management, Tagging): the action, its access level, the
decision, and the statements that decided it (for an implicit deny, the
policy type that did not allow).

The actions that apply to R are those whose resource types in the service
catalog include R's type (function, function alias, function version,
layerVersion, ...), together with those Lambda authorizes against an ARN
like R: for a version or alias ARN, the function actions whose API
operations take a qualifier (Invoke, GetFunction, AddPermission, ...). For
R = "*" they are the actions without a resource type (ListFunctions, ...).
--actions keeps those matching PATTERN, written as in a policy's Action
element ("lambda:Get*"; a pattern without a service is a Lambda action
name).

The policies and the request context come from CASEFILE (a case in the
case format; "-" reads standard input) and from the flags: --identity and
--scp add to the case's identity policies and SCP levels (each --scp file
is one level, root first), --resource-policy, --boundary and
--session-policy replace the case's, and --context adds a key (given
twice, the key is multivalued; a key of the case is replaced). --principal
and --resource override the case's principal and resource; the case's
action is not used. --account-details (the output of aws iam
get-account-authorization-details) gives P's identity policies and
permissions boundary when neither the case nor --identity gives identity
policies.

Exit status: 0 done; 2 bad input or usage.
`

// accessList is a repeatable string flag.
type accessList []string

// String is the flag value as given, comma-joined.
func (l *accessList) String() string { return strings.Join(*l, ",") }

// Set adds one occurrence of the flag.
func (l *accessList) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// accessReport is the JSON output of lambdaiam access.
type accessReport struct {
	Principal     string      `json:"principal"`
	Resource      string      `json:"resource"`
	ResourceTypes []string    `json:"resourceTypes"`
	Actions       []accessRow `json:"actions"`
}

// accessRow is one action of the matrix. DecidedBy lists the deciding
// reasons as the table shows them; Reasons are every reason, as lambdaiam
// eval gives them.
type accessRow struct {
	Action      string                `json:"action"`
	AccessLevel string                `json:"accessLevel"`
	Decision    string                `json:"decision"`
	DecidedBy   []string              `json:"decidedBy"`
	Reasons     []caseload.ReasonJSON `json:"reasons"`
}

func runAccess(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("access", flag.ContinueOnError)
	fs.SetOutput(stderr)
	principal := fs.String("principal", "", "the principal `P` (an IAM user or role ARN, a session ARN, a service principal, ...)")
	resource := fs.String("resource", "", "the resource `R`: a Lambda resource ARN, or * for the actions without a resource type")
	pattern := fs.String("actions", "", "keep only the actions matching `PATTERN` (lambda:Get*)")
	jsonOut := fs.Bool("json", false, "write the matrix as JSON")
	var identity, scps, contexts accessList
	fs.Var(&identity, "identity", "an identity-based policy `FILE` (repeatable)")
	resourcePolicy := fs.String("resource-policy", "", "the resource-based policy `FILE` of R")
	boundary := fs.String("boundary", "", "the permissions boundary `FILE`")
	session := fs.String("session-policy", "", "the session policy `FILE`")
	fs.Var(&scps, "scp", "an SCP `FILE`, one organization level each, root first (repeatable)")
	fs.Var(&contexts, "context", "a request context entry `KEY=VALUE` (repeatable)")
	accountDetails := fs.String("account-details", "", "the output of aws iam get-account-authorization-details `FILE`")
	fs.Usage = func() {
		fmt.Fprint(stderr, accessUsage)
		fmt.Fprintln(stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	// Flags may follow CASEFILE too.
	var files []string
	for {
		if code, ok := parseFlags(fs, args); !ok {
			return code
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "lambdaiam access: "+format+"\n", a...)
		return 2
	}
	if len(files) > 1 {
		return fail("give at most one CASEFILE (or - for standard input)")
	}

	// The case, when given.
	var c caseload.Case
	if len(files) == 1 {
		data, src, err := readArg(files[0], stdin)
		if err != nil {
			return fail("%s: %v", src, err)
		}
		cases, err := caseload.Load(data, src)
		if err != nil {
			return fail("%v", err)
		}
		if len(cases) != 1 {
			return fail("%s: holds %d cases; give a file with one case", src, len(cases))
		}
		c = cases[0]
		if c.Err != nil {
			return fail("%v", c.Err)
		}
	}
	req := c.Request
	if *principal != "" {
		req.Principal = *principal
	}
	if *resource != "" && *resource != req.Resource {
		req.Resource = *resource
		req.ResourceAccount = "" // the evaluator takes the new resource's account
	}
	if req.Principal == "" {
		return fail("no principal: give --principal or a case with one")
	}
	if req.Resource == "" {
		return fail("no resource: give --resource or a case with one")
	}

	// Policies given as files.
	pols := c.Policies
	pols.Identity = slices.Clone(pols.Identity)
	pols.SCPs = slices.Clone(pols.SCPs)
	for _, f := range identity {
		n, err := accessPolicy(f, policy.KindIdentity)
		if err != nil {
			return fail("%v", err)
		}
		pols.Identity = append(pols.Identity, *n)
	}
	for _, f := range scps {
		n, err := accessPolicy(f, policy.KindSCP)
		if err != nil {
			return fail("%v", err)
		}
		pols.SCPs = append(pols.SCPs, []evaluate.Named{*n})
	}
	for _, p := range []struct {
		file string
		kind policy.Kind
		slot **evaluate.Named
	}{
		{*resourcePolicy, policy.KindResource, &pols.Resource},
		{*boundary, policy.KindBoundary, &pols.Boundary},
		{*session, policy.KindSession, &pols.Session},
	} {
		if p.file == "" {
			continue
		}
		n, err := accessPolicy(p.file, p.kind)
		if err != nil {
			return fail("%v", err)
		}
		*p.slot = n
	}

	// The principal's policies from the account details, when nothing else
	// gives identity policies.
	if *accountDetails != "" && len(pols.Identity) == 0 {
		d, err := loadAccountDetails(*accountDetails)
		if err != nil {
			return fail("%v", err)
		}
		id, err := d.Lookup(req.Principal)
		if err != nil {
			return fail("--account-details: %v", err)
		}
		pols.Identity = id.Policies
		if pols.Boundary == nil {
			pols.Boundary = id.Boundary
		}
	}

	// The request context: the case's, then --context.
	if len(contexts) > 0 {
		ctx, err := accessContext(req.Context, contexts)
		if err != nil {
			return fail("%v", err)
		}
		req.Context = ctx
	}

	cat := catalog.Default()
	types, actions, err := accessActions(cat, req.Resource)
	if err != nil {
		return fail("%v", err)
	}
	if *pattern != "" {
		p := *pattern
		if !strings.Contains(p, ":") && p != "*" {
			p = "lambda:" + p
		}
		keep := map[string]bool{}
		for _, a := range cat.Expand(p) {
			keep[a.String()] = true
		}
		actions = slices.DeleteFunc(actions, func(a catalog.ActionInfo) bool { return !keep[a.String()] })
		if len(actions) == 0 {
			return fail("no action that applies to %s matches %q", req.Resource, *pattern)
		}
	}

	set, err := evaluate.Compile(pols)
	if err != nil {
		return fail("%v", err)
	}
	report := accessReport{Principal: req.Principal, Resource: req.Resource, ResourceTypes: types}
	for _, a := range actions {
		r := req
		r.Action = a.String()
		res := set.Evaluate(r)
		if res.Err != nil {
			return fail("%v", res.Err)
		}
		out := caseload.NewOutput(r.Action, res)
		reasons := orEmpty(out.Reasons)
		report.Actions = append(report.Actions, accessRow{
			Action:      r.Action,
			AccessLevel: string(a.AccessLevel),
			Decision:    out.Decision,
			DecidedBy:   accessDecidedBy(res.Decision, reasons),
			Reasons:     reasons,
		})
	}

	if *jsonOut {
		if err := writeJSON(stdout, report); err != nil {
			return fail("%v", err)
		}
		return 0
	}
	accessTable(stdout, report)
	return 0
}

// accessPolicy reads and parses a policy file of the given kind; the
// policy is named after the file.
func accessPolicy(file string, kind policy.Kind) (*evaluate.Named, error) {
	data, err := readLimited(file)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	doc, err := policy.Parse(data, policy.WithKind(kind), policy.WithSource(file), policy.WithEnvelope(policy.EnvelopeAuto))
	if err != nil {
		return nil, err
	}
	return &evaluate.Named{Name: file, Doc: doc}, nil
}

// accessContext returns base with the KEY=VALUE entries added: a key given
// once is single-valued unless condition.MultivaluedKey lists it, a key
// given more than once is multivalued, and an entry replaces a key of
// base.
func accessContext(base *condition.Context, entries []string) (*condition.Context, error) {
	vals := map[string][]string{}
	var order []string
	for _, e := range entries {
		k, v, ok := strings.Cut(e, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("--context %q is not KEY=VALUE", e)
		}
		lk := strings.ToLower(k)
		if _, seen := vals[lk]; !seen {
			order = append(order, k)
		}
		vals[lk] = append(vals[lk], v)
	}
	ctx := new(condition.Context)
	for _, k := range base.Keys() {
		if _, replaced := vals[k]; replaced {
			continue
		}
		v, _ := base.Lookup(k)
		if v.Multi() {
			ctx.SetMulti(k, v.Strings())
		} else if v.Len() == 1 {
			ctx.Set(k, v.At(0))
		}
	}
	for _, k := range order {
		v := vals[strings.ToLower(k)]
		if len(v) == 1 && !condition.MultivaluedKey(k) {
			ctx.Set(k, v[0])
		} else {
			ctx.SetMulti(k, v)
		}
	}
	return ctx, nil
}

// accessRank orders the groups of the matrix: List, Read, Write,
// Permissions management, Tagging, then any other level.
func accessRank(l catalog.AccessLevel) int {
	switch l {
	case catalog.AccessList:
		return 0
	case catalog.AccessRead:
		return 1
	case catalog.AccessWrite:
		return 2
	case catalog.AccessPermissionsManagement:
		return 3
	case catalog.AccessTagging:
		return 4
	}
	return 5
}

// accessActions returns R's resource types and the Lambda actions that
// apply to R, ordered by access level and then by name.
func accessActions(cat *catalog.Catalog, resource string) ([]string, []catalog.ActionInfo, error) {
	var (
		types []string
		out   []catalog.ActionInfo
	)
	all := cat.Expand("lambda:*")
	if resource == "*" {
		types = []string{}
		for _, a := range all {
			if a.WildcardOnly {
				out = append(out, a)
			}
		}
	} else {
		a, err := arn.Parse(resource)
		if err != nil {
			return nil, nil, fmt.Errorf("--resource %q: %v", resource, err)
		}
		kind := arn.KindOf(a)
		if kind == arn.KindUnknown {
			return nil, nil, fmt.Errorf("--resource %q is not a Lambda resource ARN (or *)", resource)
		}
		typ := kind.ResourceType()
		types = []string{typ}
		extra := lambdaapi.ActionsOn(kind)
		for _, a := range all {
			listed := slices.ContainsFunc(a.ResourceTypes, func(r catalog.ResourceRef) bool { return r.Name == typ })
			if listed || slices.Contains(extra, a.String()) {
				out = append(out, a)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b catalog.ActionInfo) int {
		if d := accessRank(a.AccessLevel) - accessRank(b.AccessLevel); d != 0 {
			return d
		}
		if a.AccessLevel != b.AccessLevel {
			return strings.Compare(string(a.AccessLevel), string(b.AccessLevel))
		}
		return strings.Compare(a.Name, b.Name)
	})
	return types, out, nil
}

// accessDecidedBy renders the reasons that decided: for Allow every
// granting statement, for ExplicitDeny every denying statement, for
// ImplicitDeny the policy type that did not allow.
func accessDecidedBy(d evaluate.Decision, reasons []caseload.ReasonJSON) []string {
	out := []string{}
	for _, r := range reasons {
		switch {
		case d == evaluate.ImplicitDeny && r.Statement >= 0:
			continue
		case r.Statement >= 0:
			s := r.Policy + " statement " + fmt.Sprint(r.Statement)
			if r.Sid != "" {
				s += " (" + r.Sid + ")"
			}
			out = append(out, s)
		case r.Type != "" && d == evaluate.ImplicitDeny:
			s := "no " + longTypes[r.Type] + " allows"
			if r.Policy != "" {
				s += " (" + r.Policy + ")"
			}
			out = append(out, s)
		default:
			out = append(out, r.Message)
		}
	}
	return out
}

// accessTable writes the matrix as an aligned table, one group per access
// level.
func accessTable(w io.Writer, rep accessReport) {
	types := "no resource type"
	if len(rep.ResourceTypes) > 0 {
		types = strings.Join(rep.ResourceTypes, ", ")
	}
	count := map[string]int{}
	for _, r := range rep.Actions {
		count[r.Decision]++
	}
	fmt.Fprintf(w, "principal: %s\nresource:  %s (%s)\n", rep.Principal, rep.Resource, types)
	fmt.Fprintf(w, "%d actions: %d Allow, %d ImplicitDeny, %d ExplicitDeny\n\n",
		len(rep.Actions), count["Allow"], count["ImplicitDeny"], count["ExplicitDeny"])

	rows := [][3]string{{"ACCESS LEVEL", "ACTION", "DECISION"}}
	for _, r := range rep.Actions {
		rows = append(rows, [3]string{r.AccessLevel, r.Action, r.Decision})
	}
	line := columns(w, rows)
	line(rows[0][0], rows[0][1], rows[0][2], "DECIDED BY")
	for i, r := range rep.Actions {
		level := r.AccessLevel
		if i > 0 && rep.Actions[i-1].AccessLevel == level {
			level = ""
		} else if i > 0 {
			fmt.Fprintln(w)
		}
		line(level, r.Action, r.Decision, strings.Join(r.DecidedBy, "; "))
	}
}
