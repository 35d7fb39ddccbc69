package evaluate

import (
	"strings"

	"github.com/lambdaiam/lambdaiam/arn"
	"github.com/lambdaiam/lambdaiam/catalog"
	"github.com/lambdaiam/lambdaiam/condition"
)

// Option configures Compile. The zero configuration is the spec's
// defaults; each option documents the rule it changes.
type Option func(*config)

// WildcardGrant says how a same-account resource-policy grant to
// Principal "*" without an aws:PrincipalArn condition is capped (rule E4,
// row "'*' with other conditions, or none", an [O/U] choice). A "*" grant
// conditioned on aws:PrincipalArn is always direct: AWS documents that
// boundaries and session policies do not limit it.
type WildcardGrant uint8

const (
	// WildcardDirect (the default): the grant is direct; neither the
	// permissions boundary nor the session policy limits it.
	WildcardDirect WildcardGrant = iota
	// WildcardCappedBySession: the session policy limits the grant (a
	// session whose session policy does not allow is denied); the boundary
	// does not.
	WildcardCappedBySession
	// WildcardCapped: the grant is treated like a grant to the caller's
	// role: both the boundary and the session policy limit it.
	WildcardCapped
)

// NotResourceMode says what an unresolved policy variable in a NotResource
// entry does (rule D3, documented ambiguity).
type NotResourceMode uint8

const (
	// UnresolvedMatchesNothing (the default): the entry matches no
	// resource, so it excludes nothing and the statement covers every
	// resource the other entries do not exclude.
	UnresolvedMatchesNothing NotResourceMode = iota
	// UnresolvedDropsStatement: the statement does not apply at all.
	UnresolvedDropsStatement
)

type config struct {
	managementAccount  string
	exemptServiceLinks bool
	rcpServices        []string // lower case; used when rcpServicesSet
	rcpServicesSet     bool
	requireRCPAllow    bool
	wildcardGrant      WildcardGrant
	notResource        NotResourceMode
	cond               condition.Options
	wildcardOnly       func(action string) bool
	cat                *catalog.Catalog // set by applyDefaults
	short              arn.ShortMode
	shortSet           bool
	lim                limits // WithMaxStatements, WithMaxConditionWork (limits.go)
	// plain turns off the indexes, the memo and the key slots, for tests
	// that check them against the evaluation they shortcut.
	plain bool
}

// WithShortPatterns sets how every policy type treats a Resource or
// NotResource pattern with fewer than six colon-separated parts, such as
// "arn:aws:lambda" (rule M3.6, [U]). By default identity policies,
// boundaries and session policies pad it with "*" (arn.ShortPad),
// resource-based policies let it match nothing (arn.ShortNoMatch), and
// SCPs and RCPs reject it (arn.ShortError: Compile fails).
func WithShortPatterns(m arn.ShortMode) Option {
	return func(c *config) { c.short, c.shortSet = m, true }
}

// shortMode returns the short-pattern mode for a policy type.
func (c *config) shortMode(t PolicyType) arn.ShortMode {
	if c.shortSet {
		return c.short
	}
	switch t {
	case ResourceBasedPolicy:
		return arn.ShortNoMatch
	case ServiceControlPolicy, ResourceControlPolicy:
		return arn.ShortError
	}
	return arn.ShortPad
}

// WithManagementAccount names the organization's management account: SCPs
// do not apply to its principals and RCPs do not apply to its resources
// (rules E3.2, E3.3, G.29). By default no account is the management
// account.
func WithManagementAccount(accountID string) Option {
	return func(c *config) { c.managementAccount = accountID }
}

// WithServiceLinkedRoleExemption exempts service-linked roles and their
// sessions from SCPs (rules E3.3, G.29). A role is service-linked when its
// path starts with /aws-service-role/ or, since session ARNs carry no path,
// when its name starts with AWSServiceRoleFor. Off by default: a request
// does not say whether its role is service-linked.
func WithServiceLinkedRoleExemption() Option {
	return func(c *config) { c.exemptServiceLinks = true }
}

// WithRCPServices replaces the list of service prefixes whose requests
// resource control policies govern (rule E3.2). The prefix is the
// request action's service part, compared without regard to case. The
// default is the catalog's list of services that support RCPs
// (catalog.Catalog.RCPSupported: s3, sqs, sts, kms, dynamodb, logs and
// others); Lambda is not RCP-supported. Calling it with no prefixes turns
// RCPs off.
func WithRCPServices(prefixes ...string) Option {
	return func(c *config) {
		c.rcpServices = make([]string, len(prefixes))
		for i, p := range prefixes {
			c.rcpServices[i] = strings.ToLower(p)
		}
		c.rcpServicesSet = true
	}
}

// WithRCPAllowRequired makes every RCP level need an applicable Allow
// statement, as AWS evaluates it with the RCPFullAWSAccess policy written
// out (rule E3.2). By default each level is taken to hold RCPFullAWSAccess,
// which AWS attaches to every level and which cannot be detached, so
// customer RCPs only deny.
func WithRCPAllowRequired() Option {
	return func(c *config) { c.requireRCPAllow = true }
}

// WithWildcardGrant sets how a same-account grant to Principal "*" without
// an aws:PrincipalArn condition is capped (rule E4). The default is
// WildcardDirect.
func WithWildcardGrant(g WildcardGrant) Option {
	return func(c *config) { c.wildcardGrant = g }
}

// WithUnresolvedNotResource sets what an unresolved variable in a
// NotResource entry does (rule D3). The default is
// UnresolvedMatchesNothing.
func WithUnresolvedNotResource(m NotResourceMode) Option {
	return func(c *config) { c.notResource = m }
}

// WithConditionOptions sets the options every condition is compiled with
// (the [U] choices of sections C and D; see condition.Options). When
// o.Multivalued is nil, the catalog's Multivalued decides which keys are
// multivalued (rule C5): the keys whose type is ArrayOf….
func WithConditionOptions(o condition.Options) Option {
	return func(c *config) { c.cond = o }
}

// WithWildcardOnlyActions replaces the catalog's list of actions that
// have no resource type (rule M3.4). f receives the request's action as
// given ("lambda:ListFunctions") and reports whether only a statement
// whose Resource lists the literal "*" applies to it. By default an action
// is wildcard-only when the catalog lists it with no resource type, in
// any catalogued service (catalog.Catalog.WildcardOnly); an action the
// catalog does not know is matched by the ordinary Resource rules, with a
// request resource of "*" matched only by a literal "*" entry.
func WithWildcardOnlyActions(f func(action string) bool) Option {
	return func(c *config) { c.wildcardOnly = f }
}

// catalog returns the configured catalog.
func (c *config) catalog() *catalog.Catalog {
	if c.cat != nil {
		return c.cat
	}
	return catalog.Default()
}

// applyDefaults fills in, once all options are applied, the defaults that
// come from the catalog: the catalog itself, and which condition keys are
// multivalued (rule C5) unless the caller chose that.
func (c *config) applyDefaults() {
	c.cat = c.catalog()
	if c.cond.Multivalued == nil {
		c.cond.Multivalued = c.cat.Multivalued
	}
}

// rcpApplies reports whether RCPs govern an action of service svc.
func (c *config) rcpApplies(svc string) bool {
	if c.rcpServicesSet {
		for _, p := range c.rcpServices {
			if strings.EqualFold(p, svc) {
				return true
			}
		}
		return false
	}
	return c.catalog().RCPSupported(svc)
}
