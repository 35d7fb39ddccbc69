package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/lambdaiam/lambdaiam/catalog"
)

const actionsUsage = `usage: lambdaiam actions [--json] PATTERN...

Expands action patterns from the service catalog and lists each matching
action once, sorted by service and name. A PATTERN is written as in a
policy's Action element: service:Name with * and ?, compared without
regard to case ("lambda:Get*", "lambda:*", "*").

The table's columns are the action, its access level, its resource types
(a trailing * marks a type the request must name; a lone * means the
action has no resource type and is authorized against Resource "*") and
its action-level condition keys ("-" when none). --json writes a JSON
array with every field of each action instead.

Exit status: 0 every pattern matched; 1 some pattern matched nothing (a
message names it; the other patterns' actions are still listed); 2 a usage
error, a pattern that is not service:Name, or a service prefix that is
unknown or not in the catalog (nothing is listed).
`

type actionJSON struct {
	Action           string             `json:"action"`
	AccessLevel      string             `json:"accessLevel"`
	AccessLevels     []string           `json:"accessLevels"`
	ResourceTypes    []actionResourceJS `json:"resourceTypes"`
	WildcardOnly     bool               `json:"wildcardOnly"`
	ConditionKeys    []string           `json:"conditionKeys"`
	DependentActions []string           `json:"dependentActions"`
	APIOperations    []string           `json:"apiOperations,omitempty"`
	Description      string             `json:"description"`
}

type actionResourceJS struct {
	Name             string   `json:"name"`
	Required         bool     `json:"required"`
	ARNPattern       string   `json:"arnPattern"`
	ConditionKeys    []string `json:"conditionKeys"`
	DependentActions []string `json:"dependentActions"`
}

func runActions(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("actions", flag.ContinueOnError)
	fs.SetOutput(stderr)
	jsonOut := fs.Bool("json", false, "write the actions as JSON")
	fs.Usage = func() {
		fmt.Fprint(stderr, actionsUsage)
		fmt.Fprintln(stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	cat := catalog.Default()
	for _, p := range fs.Args() {
		if msg := checkActionPattern(cat, p); msg != "" {
			fmt.Fprintf(stderr, "lambdaiam actions: %s\n", msg)
			return 2
		}
	}

	status := 0
	seen := map[string]bool{}
	var found []catalog.ActionInfo
	for _, p := range fs.Args() {
		matches := cat.Expand(p)
		if len(matches) == 0 {
			fmt.Fprintf(stderr, "lambdaiam actions: no catalogued action matches %q\n", p)
			status = 1
		}
		for _, a := range matches {
			if k := strings.ToLower(a.String()); !seen[k] {
				seen[k] = true
				found = append(found, a)
			}
		}
	}
	slices.SortFunc(found, func(a, b catalog.ActionInfo) int {
		if c := strings.Compare(a.Service, b.Service); c != 0 {
			return c
		}
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})

	if *jsonOut {
		out := make([]actionJSON, 0, len(found))
		for _, a := range found {
			out = append(out, toActionJSON(cat, a))
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(stderr, "lambdaiam actions: %v\n", err)
			return 2
		}
		return status
	}
	if len(found) > 0 {
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ACTION\tACCESS\tRESOURCE TYPES\tCONDITION KEYS")
		for _, a := range found {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", a, a.AccessLevel, resourceColumn(a), keysColumn(a.ConditionKeys))
		}
		tw.Flush()
	}
	return status
}

// checkActionPattern returns why a pattern cannot be expanded, or "".
func checkActionPattern(cat *catalog.Catalog, p string) string {
	if p == "*" {
		return ""
	}
	svc, name, ok := strings.Cut(p, ":")
	if !ok || svc == "" || name == "" {
		return fmt.Sprintf("pattern %q is not service:Name", p)
	}
	if strings.ContainsAny(svc, "*?") {
		return ""
	}
	if !cat.ServiceKnown(svc) {
		return fmt.Sprintf("unknown service %q in %q", svc, p)
	}
	if !cat.ServiceCatalogued(svc) {
		full, _ := cat.ServiceName(svc)
		return fmt.Sprintf("service %q (%s) is not in the catalog; catalogued services: %s",
			svc, full, strings.Join(cat.Services(), ", "))
	}
	return ""
}

// resourceColumn lists an action's resource types, a trailing * marking
// the required ones, or "*" for a wildcard-only action.
func resourceColumn(a catalog.ActionInfo) string {
	if a.WildcardOnly {
		return "*"
	}
	names := make([]string, len(a.ResourceTypes))
	for i, r := range a.ResourceTypes {
		names[i] = r.Name
		if r.Required {
			names[i] += "*"
		}
	}
	return strings.Join(names, ", ")
}

func keysColumn(keys []string) string {
	if len(keys) == 0 {
		return "-"
	}
	return strings.Join(keys, ", ")
}

func toActionJSON(cat *catalog.Catalog, a catalog.ActionInfo) actionJSON {
	j := actionJSON{
		Action:           a.String(),
		AccessLevel:      string(a.AccessLevel),
		AccessLevels:     make([]string, len(a.AccessLevels)),
		ResourceTypes:    make([]actionResourceJS, len(a.ResourceTypes)),
		WildcardOnly:     a.WildcardOnly,
		ConditionKeys:    orEmpty(a.ConditionKeys),
		DependentActions: orEmpty(a.DependentActions),
		APIOperations:    a.APIOperations,
		Description:      a.Description,
	}
	for i, l := range a.AccessLevels {
		j.AccessLevels[i] = string(l)
	}
	for i, r := range a.ResourceTypes {
		rt, _ := cat.ResourceType(a.Service, r.Name)
		keys := append(slices.Clone(rt.ConditionKeys), r.ConditionKeys...)
		slices.Sort(keys)
		j.ResourceTypes[i] = actionResourceJS{
			Name:             r.Name,
			Required:         r.Required,
			ARNPattern:       rt.ARNPattern,
			ConditionKeys:    orEmpty(slices.Compact(keys)),
			DependentActions: orEmpty(r.DependentActions),
		}
	}
	return j
}
