package catalog_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/catalog"
)

// The curated reference files under testdata/data: the Lambda service
// data and the global condition keys, from the same data version.
type sharedLambda struct {
	Source struct {
		Version string `json:"version"`
	} `json:"source"`
	Service struct {
		Prefix, Name string
	} `json:"service"`
	RCPSupported  bool `json:"rcpSupported"`
	ResourceTypes []struct {
		Name          string   `json:"name"`
		ARNPattern    string   `json:"arnPattern"`
		ConditionKeys []string `json:"conditionKeys"`
	} `json:"resourceTypes"`
	Actions []struct {
		Name          string   `json:"name"`
		IAMAction     string   `json:"iamAction"`
		Description   string   `json:"description"`
		AccessLevel   []string `json:"accessLevel"`
		ResourceTypes []struct {
			Name             string   `json:"name"`
			Required         bool     `json:"required"`
			ConditionKeys    []string `json:"conditionKeys"`
			DependentActions []string `json:"dependentActions"`
		} `json:"resourceTypes"`
		WildcardResourceOnly bool     `json:"wildcardResourceOnly"`
		ConditionKeys        []string `json:"conditionKeys"`
		DependentActions     []string `json:"dependentActions"`
		APIOperations        []string `json:"apiOperations"`
	} `json:"actions"`
	ConditionKeys []sharedKey `json:"conditionKeys"`
}

type sharedGlobal struct {
	Source struct {
		Version string `json:"version"`
	} `json:"source"`
	Keys []sharedKey `json:"keys"`
}

// sharedKey is a condition key in either reference file.
type sharedKey struct {
	Key         string `json:"key"`
	Type        string `json:"type"`
	Multivalued bool   `json:"multivalued"`
}

func readShared(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "data", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

// checkKeys checks that the catalog finds each reference key under its
// name, with its type and multivalued flag; what names the list in
// messages.
func checkKeys(t *testing.T, c *catalog.Catalog, what string, ref []sharedKey) {
	t.Helper()
	if len(ref) == 0 {
		t.Errorf("reference data has no %s", what)
	}
	type key struct {
		Name, Type string
		Multi      bool
	}
	var want, got []key
	for _, k := range ref {
		want = append(want, key{k.Key, k.Type, k.Multivalued})
		g, _ := c.Key(k.Key)
		got = append(got, key{g.Name, string(g.Type), g.Multivalued})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", what, diff)
	}
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

// TestF4LambdaMatchesSharedData checks that the embedded data decodes and
// that its Lambda actions, resource types and keys are those of the
// reference Lambda data: 119 actions with the same access levels,
// resource types, required flags, condition keys, dependent actions,
// wildcard-only flags, descriptions and API operations.
func TestF4LambdaMatchesSharedData(t *testing.T) {
	var ref sharedLambda
	readShared(t, "lambda-service.json", &ref)
	c := catalog.Default()

	if diff := cmp.Diff(ref.Source.Version, c.Version()); diff != "" {
		t.Errorf("data version (-want +got):\n%s", diff)
	}
	if got := len(ref.Actions); got != 119 {
		t.Fatalf("reference data has %d Lambda actions, want 119", got)
	}

	var want, got []catalog.ActionInfo
	for _, a := range ref.Actions {
		w := catalog.ActionInfo{
			Service:          "lambda",
			Name:             a.Name,
			AccessLevel:      catalog.AccessLevel(a.AccessLevel[0]),
			ConditionKeys:    nilIfEmpty(a.ConditionKeys),
			DependentActions: nilIfEmpty(a.DependentActions),
			WildcardOnly:     a.WildcardResourceOnly,
			Description:      a.Description,
		}
		for _, l := range a.AccessLevel {
			w.AccessLevels = append(w.AccessLevels, catalog.AccessLevel(l))
		}
		for _, r := range a.ResourceTypes {
			w.ResourceTypes = append(w.ResourceTypes, catalog.ResourceRef{Name: r.Name, Required: r.Required,
				ConditionKeys: nilIfEmpty(r.ConditionKeys), DependentActions: nilIfEmpty(r.DependentActions)})
		}
		for _, op := range a.APIOperations {
			if !strings.ContainsAny(op, " ()") {
				w.APIOperations = append(w.APIOperations, op)
			}
		}
		want = append(want, w)
		g, ok := c.Action(a.IAMAction)
		if !ok {
			t.Errorf("Action(%q) not found", a.IAMAction)
		}
		got = append(got, g)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Lambda actions (-want +got):\n%s", diff)
	}

	var wantNames, gotNames []string
	for _, a := range ref.Actions {
		wantNames = append(wantNames, a.IAMAction)
	}
	for _, a := range c.Expand("lambda:*") {
		gotNames = append(gotNames, a.String())
	}
	slices.Sort(wantNames)
	slices.Sort(gotNames)
	if diff := cmp.Diff(wantNames, gotNames); diff != "" {
		t.Errorf("Expand(lambda:*) (-want +got):\n%s", diff)
	}

	var wantRT, gotRT []catalog.ResourceType
	for _, r := range ref.ResourceTypes {
		wantRT = append(wantRT, catalog.ResourceType{Service: "lambda", Name: r.Name, ARNPattern: r.ARNPattern, ConditionKeys: nilIfEmpty(r.ConditionKeys)})
		g, _ := c.ResourceType("lambda", r.Name)
		gotRT = append(gotRT, g)
	}
	if diff := cmp.Diff(wantRT, gotRT); diff != "" {
		t.Errorf("Lambda resource types (-want +got):\n%s", diff)
	}

	checkKeys(t, c, "Lambda condition keys", ref.ConditionKeys)

	if got := c.RCPSupported(ref.Service.Prefix); got != ref.RCPSupported {
		t.Errorf("RCPSupported(lambda) = %v, want %v", got, ref.RCPSupported)
	}
	if name, _ := c.ServiceName("lambda"); name != ref.Service.Name {
		t.Errorf("ServiceName(lambda) = %q, want %q", name, ref.Service.Name)
	}
}

// TestC5GlobalKeysMatchSharedData checks every global key's type and
// multivalued flag against the reference global key list.
func TestC5GlobalKeysMatchSharedData(t *testing.T) {
	var ref sharedGlobal
	readShared(t, "global-condition-keys.json", &ref)
	c := catalog.Default()
	if ref.Source.Version != c.Version() {
		t.Errorf("global keys are of version %s, the catalog of %s", ref.Source.Version, c.Version())
	}
	checkKeys(t, c, "global keys", ref.Keys)
}
