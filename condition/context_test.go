package condition

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestC5NewContext(t *testing.T) {
	ctx := NewContext(map[string][]string{
		"aws:SourceIp":        {"10.0.0.1"},
		"aws:TagKeys":         {"team"},
		"lambda:Layer":        {"a", "b"},
		"custom:list":         {"x", "y"},
		"custom:empty":        {},
		"custom:one":          {"only"},
		"aws:ResourceTag/Env": {"upper"},
		"aws:ResourceTag/env": {"lower"},
	})
	type kv struct {
		Values []string
		Multi  bool
		OK     bool
	}
	got := map[string]kv{}
	for _, k := range []string{"AWS:SOURCEIP", "aws:tagkeys", "lambda:layer", "custom:list", "custom:empty", "custom:one", "aws:resourcetag/env", "absent"} {
		v, ok := ctx.Lookup(k)
		got[k] = kv{v.Strings(), v.Multi(), ok}
	}
	want := map[string]kv{
		"AWS:SOURCEIP":        {[]string{"10.0.0.1"}, false, true},
		"aws:tagkeys":         {[]string{"team"}, true, true},
		"lambda:layer":        {[]string{"a", "b"}, true, true},
		"custom:list":         {[]string{"x", "y"}, true, true},
		"custom:empty":        {[]string{}, true, true},
		"custom:one":          {[]string{"only"}, false, true},
		"aws:resourcetag/env": {[]string{"lower"}, false, true},
		"absent":              {[]string{}, false, false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("C5,C6/NewContext (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"aws:resourcetag/env", "aws:sourceip", "aws:tagkeys", "custom:empty", "custom:list", "custom:one", "lambda:layer"}, ctx.Keys()); diff != "" {
		t.Errorf("C6/Keys (-want +got):\n%s", diff)
	}
	if vs, ok := ctx.Values("Lambda:Layer"); !ok || len(vs) != 2 {
		t.Errorf("C6/Values: %v %v", vs, ok)
	}
}

func TestC6ContextBuild(t *testing.T) {
	var c Context
	c.Set("AWS:PrincipalTag/Team", "risk")
	vals := []string{"a", "b"}
	c.SetMulti("aws:TagKeys", vals)
	vals[0] = "changed"
	c.Set("aws:principaltag/team", "ledger")
	v, _ := c.Values("aws:principaltag/TEAM")
	tk, _ := c.Values("aws:tagkeys")
	got := []any{v, tk, c.Len()}
	if diff := cmp.Diff([]any{[]string{"ledger"}, []string{"a", "b"}, 2}, got); diff != "" {
		t.Errorf("C6/set-replaces-any-case (-want +got):\n%s", diff)
	}
	var nilCtx *Context
	if _, ok := nilCtx.Values("k"); ok || nilCtx.Len() != 0 || nilCtx.Keys() != nil {
		t.Errorf("C2/nil-context-is-empty")
	}
}

func TestEnvLookup(t *testing.T) {
	ts := time.Date(2026, 3, 1, 12, 0, 0, 750_000_000, time.FixedZone("x", 3600))
	env := &Env{Ctx: NewContext(map[string][]string{"aws:username": {"ctx"}}), Time: ts}
	env.AddDefault("aws:username", "default")
	env.AddDefault("aws:principalarn", "arn:aws:iam::1:user/a")
	env.AddDefault("aws:principalarn", "second-ignored")
	for i := 0; i < 2*EnvDefaults; i++ {
		env.AddDefault("k", "overflow-ignored")
	}
	got := map[string][]string{}
	for _, k := range []string{"aws:username", "AWS:PrincipalArn", "aws:currenttime", "aws:epochtime", "absent"} {
		v, ok := env.Lookup(k)
		if ok {
			got[k] = v.Strings()
		}
	}
	want := map[string][]string{
		"aws:username":     {"ctx"},
		"AWS:PrincipalArn": {"arn:aws:iam::1:user/a"},
		"aws:currenttime":  {"2026-03-01T11:00:00Z"},
		"aws:epochtime":    {"1772362800"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("D6/env lookup order (-want +got):\n%s", diff)
	}
	env.ResetDefaults()
	if _, ok := env.Lookup("aws:principalarn"); ok {
		t.Errorf("ResetDefaults kept a default")
	}
	var nilEnv *Env
	if _, ok := nilEnv.Lookup("k"); ok {
		t.Errorf("nil Env has a key")
	}
}

func TestC5MultivaluedKey(t *testing.T) {
	got := map[string]bool{}
	for _, k := range []string{"aws:TagKeys", "AWS:CALLEDVIA", "aws:CalledViaFirst", "lambda:Layer", "lambda:SubnetIds",
		"lambda:SecurityGroupIds", "lambda:VpcIds", "aws:PrincipalOrgPaths", "aws:ResourceOrgPaths", "aws:SourceOrgPaths",
		"aws:VpceOrgPaths", "aws:PrincipalServiceNamesList", "aws:RequestTag/x", "aws:SourceIp", "unknown:key"} {
		got[k] = MultivaluedKey(k)
	}
	want := map[string]bool{"aws:TagKeys": true, "AWS:CALLEDVIA": true, "aws:CalledViaFirst": false, "lambda:Layer": true,
		"lambda:SubnetIds": true, "lambda:SecurityGroupIds": true, "lambda:VpcIds": false, "aws:PrincipalOrgPaths": true,
		"aws:ResourceOrgPaths": true, "aws:SourceOrgPaths": true, "aws:VpceOrgPaths": true, "aws:PrincipalServiceNamesList": true,
		"aws:RequestTag/x": false, "aws:SourceIp": false, "unknown:key": false}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("C5/built-in table (-want +got):\n%s", diff)
	}
}

// TestEnvKeySlots: EvalSlot answers as Eval does, remembers the key's value
// per slot, and forgets it when a default is added or the defaults reset.
func TestEnvKeySlots(t *testing.T) {
	compile := func(op, key string, vals ...string) *Cond {
		t.Helper()
		o, err := ParseOperator(op)
		if err != nil {
			t.Fatal(err)
		}
		c, err := Compile(o, key, vals, true, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	team := compile("StringEquals", "aws:PrincipalTag/team", "payments")
	teamOther := compile("StringNotEquals", "AWS:PRINCIPALTAG/TEAM", "ops")
	user := compile("StringEquals", "aws:username", "app")
	env := &Env{Ctx: NewContext(map[string][]string{"aws:PrincipalTag/team": {"payments"}})}
	type row struct{ Team, TeamOther, User bool }
	eval := func() (row, row) {
		return row{team.Eval(env), teamOther.Eval(env), user.Eval(env)},
			row{team.EvalSlot(env, 0), teamOther.EvalSlot(env, 0), user.EvalSlot(env, 1)}
	}
	want := row{true, true, false}
	plain, slotted := eval()
	if diff := cmp.Diff(want, plain); diff != "" {
		t.Errorf("Eval (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, slotted); diff != "" {
		t.Errorf("EvalSlot (-want +got):\n%s", diff)
	}
	// A default added after the first use is seen: adding forgets the slots.
	env.AddDefault("aws:username", "app")
	want = row{true, true, true}
	if _, slotted = eval(); !cmp.Equal(want, slotted) {
		t.Errorf("EvalSlot after AddDefault (-want +got):\n%s", cmp.Diff(want, slotted))
	}
	// A new context after ResetDefaults is seen.
	env.ResetDefaults()
	env.Ctx = NewContext(map[string][]string{"aws:PrincipalTag/team": {"ops"}})
	want = row{false, false, false}
	plain, slotted = eval()
	if diff := cmp.Diff(want, plain); diff != "" {
		t.Errorf("Eval after reset (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, slotted); diff != "" {
		t.Errorf("EvalSlot after reset (-want +got):\n%s", diff)
	}
	// Slots out of range, and a nil Env, evaluate as Eval does.
	if team.EvalSlot(env, -1) != team.Eval(env) || team.EvalSlot(env, EnvKeySlots) != team.Eval(env) {
		t.Errorf("EvalSlot out of range differs from Eval")
	}
	if team.EvalSlot(nil, 0) != team.Eval(nil) {
		t.Errorf("EvalSlot(nil) differs from Eval(nil)")
	}
}
