package difftest

import "strings"

// The fictitious world the cases live in. Names are chosen so that no
// literal of one ARN segment reappears inside another (no function is named
// after a resource-type token, an account or a region), which keeps a
// segment-final "*" in a Resource pattern from ever depending on whether it
// may reach across a colon (rule M3.2).
const (
	acctMain  = "111122223333"
	acctOther = "444455556666"
	acctThird = "777788889999"
)

// resKind is the kind of resource an action authorizes.
type resKind uint8

const (
	resFunction     resKind = iota // function, qualifiers allowed when actionInfo.qual
	resTaggable                    // function (unqualified), event source mapping or code signing config
	resLayer                       // layer
	resLayerVersion                // layer version
	resESM                         // event source mapping
	resCSC                         // code signing config
	resNone                        // no resource type: the request resource is "*"
	resRole                        // an IAM role (iam:PassRole, sts:AssumeRole)
)

// actionInfo describes one action the generator requests.
type actionInfo struct {
	name string   // "lambda:InvokeFunction"
	res  resKind  // what it authorizes
	qual bool     // a qualified function ARN may be authorized
	keys []string // service-specific (and tag) condition keys the action supports
}

// role is an IAM role of the world.
type role struct{ account, path, name string }

func (r role) arn() string { return "arn:aws:iam::" + r.account + ":role/" + r.path + r.name }

// userARN returns the ARN of a user of the world; bob has a path, which
// his ARN carries and aws:username does not.
func userARN(account, name string) string {
	path := ""
	if name == "bob" {
		path = "eng/"
	}
	return "arn:aws:iam::" + account + ":user/" + path + name
}

// world holds the generator's read-only tables. It is built once per
// Generate call and never modified.
type world struct {
	actions   []actionInfo
	byRes     map[resKind][]int // indexes into actions
	functions []string
	quals     []string
	layers    []string
	layerVers []string
	esms      []string
	cscs      []string
	regions   []string
	users     []string
	roles     []role
	sessions  []string
	feds      []string
	services  []string
	keys      []keySpec
	keyByName map[string]int // lower-cased name → index into keys

	// Action patterns that relate to no particular action.
	actionNoise []string
}

func newWorld() *world {
	tagKeys := []string{"aws:RequestTag/env", "aws:RequestTag/team", "aws:TagKeys"}
	vpcKeys := []string{"lambda:Layer", "lambda:SecurityGroupIds", "lambda:SubnetIds", "lambda:VpcIds"}
	urlKeys := []string{"lambda:FunctionArn", "lambda:FunctionUrlAuthType"}
	permKeys := []string{"lambda:FunctionUrlAuthType", "lambda:Principal"}
	cat := func(xs ...[]string) []string {
		var out []string
		for _, x := range xs {
			out = append(out, x...)
		}
		return out
	}
	w := &world{
		actions: []actionInfo{
			{"lambda:InvokeFunction", resFunction, true, []string{"lambda:EventSourceToken", "lambda:InvokedViaFunctionUrl"}},
			{"lambda:InvokeFunctionUrl", resFunction, true, []string{"lambda:EventSourceToken", "lambda:FunctionArn", "lambda:FunctionUrlAuthType"}},
			{"lambda:InvokeAsync", resFunction, false, nil},
			{"lambda:GetFunction", resFunction, true, nil},
			{"lambda:GetFunctionConfiguration", resFunction, true, nil},
			{"lambda:GetPolicy", resFunction, true, nil},
			{"lambda:AddPermission", resFunction, true, permKeys},
			{"lambda:RemovePermission", resFunction, true, permKeys},
			{"lambda:GetFunctionUrlConfig", resFunction, true, urlKeys},
			{"lambda:GetFunctionEventInvokeConfig", resFunction, true, nil},
			{"lambda:PutFunctionEventInvokeConfig", resFunction, true, nil},
			{"lambda:CreateFunction", resFunction, false, cat(tagKeys, vpcKeys, []string{"lambda:CodeSigningConfigArn"})},
			{"lambda:UpdateFunctionConfiguration", resFunction, false, vpcKeys},
			{"lambda:UpdateFunctionCode", resFunction, false, nil},
			{"lambda:DeleteFunction", resFunction, false, nil},
			{"lambda:PublishVersion", resFunction, false, nil},
			{"lambda:ListVersionsByFunction", resFunction, false, nil},
			{"lambda:ListAliases", resFunction, false, nil},
			{"lambda:CreateAlias", resFunction, false, nil},
			{"lambda:GetAlias", resFunction, false, nil},
			{"lambda:UpdateAlias", resFunction, false, nil},
			{"lambda:DeleteAlias", resFunction, false, nil},
			{"lambda:PutFunctionConcurrency", resFunction, false, nil},
			{"lambda:GetFunctionConcurrency", resFunction, false, nil},
			{"lambda:DeleteFunctionConcurrency", resFunction, false, nil},
			{"lambda:CreateFunctionUrlConfig", resFunction, false, urlKeys},
			{"lambda:UpdateFunctionUrlConfig", resFunction, false, urlKeys},
			{"lambda:DeleteFunctionUrlConfig", resFunction, false, urlKeys},
			{"lambda:ListFunctionUrlConfigs", resFunction, false, []string{"lambda:FunctionUrlAuthType"}},
			{"lambda:PutResourcePolicy", resFunction, false, []string{"lambda:Principal"}},
			{"lambda:GetResourcePolicy", resFunction, false, nil},
			{"lambda:ListProvisionedConcurrencyConfigs", resFunction, false, nil},
			{"lambda:TagResource", resTaggable, false, []string{"aws:RequestTag/env", "aws:RequestTag/team", "aws:TagKeys"}},
			{"lambda:UntagResource", resTaggable, false, []string{"aws:TagKeys"}},
			{"lambda:ListTags", resTaggable, false, nil},
			{"lambda:PublishLayerVersion", resLayer, false, nil},
			{"lambda:GetLayerVersion", resLayerVersion, false, nil},
			{"lambda:DeleteLayerVersion", resLayerVersion, false, nil},
			{"lambda:AddLayerVersionPermission", resLayerVersion, false, nil},
			{"lambda:RemoveLayerVersionPermission", resLayerVersion, false, nil},
			{"lambda:GetLayerVersionPolicy", resLayerVersion, false, nil},
			{"lambda:GetEventSourceMapping", resESM, false, []string{"lambda:FunctionArn"}},
			{"lambda:UpdateEventSourceMapping", resESM, false, []string{"lambda:FunctionArn"}},
			{"lambda:DeleteEventSourceMapping", resESM, false, []string{"lambda:FunctionArn"}},
			{"lambda:GetCodeSigningConfig", resCSC, false, nil},
			{"lambda:UpdateCodeSigningConfig", resCSC, false, nil},
			{"lambda:DeleteCodeSigningConfig", resCSC, false, nil},
			{"lambda:ListFunctionsByCodeSigningConfig", resCSC, false, nil},
			{"lambda:ListFunctions", resNone, false, nil},
			{"lambda:GetAccountSettings", resNone, false, nil},
			{"lambda:ListLayers", resNone, false, nil},
			{"lambda:ListLayerVersions", resNone, false, nil},
			{"lambda:ListEventSourceMappings", resNone, false, nil},
			{"lambda:ListCodeSigningConfigs", resNone, false, nil},
			{"lambda:CreateEventSourceMapping", resNone, false, []string{"aws:RequestTag/env", "aws:RequestTag/team", "aws:TagKeys", "lambda:FunctionArn"}},
			{"lambda:CreateCodeSigningConfig", resNone, false, []string{"aws:RequestTag/env", "aws:RequestTag/team", "aws:TagKeys"}},
			{"iam:PassRole", resRole, false, []string{"iam:PassedToService"}},
			{"sts:AssumeRole", resRole, false, nil},
		},
		functions: []string{"orders", "orders-api", "payments", "risk-reports", "alice-tools"},
		quals:     []string{"1", "7", "PROD", "dev", "$LATEST"},
		layers:    []string{"shared-libs", "log-ext"},
		layerVers: []string{"3", "12"},
		esms:      []string{"14e0db71-5d35-4eb5-b481-8945cf9d10c2", "a1b2c3d4-0000-4000-8000-00000000beef"},
		cscs:      []string{"csc-0a1b2c3d4e5f67890", "csc-11112222333344445"},
		regions:   []string{"us-east-1", "eu-west-1"},
		users:     []string{"alice", "bob"},
		roles: []role{
			{acctMain, "", "app-role"},
			{acctMain, "service-role/", "ci-deployer"},
			{acctOther, "", "app-role"},
			{acctOther, "", "partner-sync"},
		},
		sessions: []string{"s1", "build-42", "ops.user@corp"},
		feds:     []string{"contractor-ana"},
		services: []string{"s3.amazonaws.com", "sns.amazonaws.com", "events.amazonaws.com"},
		actionNoise: []string{
			"lambda:Get*", "lambda:List*", "lambda:*Function*", "lambda:Invoke*", "lambda:*Alias",
			"lambda:*LayerVersion*", "lambda:*EventSourceMapping", "lambda:*CodeSigningConfig*",
			"lambda:Update*", "lambda:*", "*", "iam:PassRole", "iam:*", "sts:AssumeRole", "s3:GetObject",
			"logs:CreateLogStream", "lambda:InvokeFunction", "lambda:CreateFunction",
		},
	}
	w.byRes = map[resKind][]int{}
	for i, a := range w.actions {
		w.byRes[a.res] = append(w.byRes[a.res], i)
	}
	w.keys = w.keySpecs()
	w.keyByName = map[string]int{}
	for i, k := range w.keys {
		w.keyByName[strings.ToLower(k.name)] = i
	}
	return w
}

// Value kinds of condition keys.
type vkind uint8

const (
	vString vkind = iota
	vARN
	vNum
	vDate  // ISO 8601 values only
	vEpoch // epoch seconds only
	vBool
	vIP
	vBinary
	vMulti // multivalued strings (ArrayOfString)
)

// Where a key may appear in a request context.
type scope uint8

const (
	scopeGlobal  scope = iota // any request
	scopeAction               // only actions listing the key (actionInfo.keys)
	scopeResTag               // only resources with tags (functions, ESMs, CSCs)
	scopeIAM                  // only IAM principals (users, sessions, federated users)
	scopeService              // only service principals
	scopeDerived              // set only by the principal or the target, never at random
)

// keySpec is a condition key and the values it takes.
type keySpec struct {
	name  string
	kind  vkind
	scope scope
	ctx   []string // values a request context carries (elements, for vMulti)
	miss  []string // further values only policies use
}

func (w *world) keySpecs() []keySpec {
	var principalARNs, userIDs []string
	for _, a := range []string{acctMain, acctOther} {
		for _, u := range w.users {
			principalARNs = append(principalARNs, userARN(a, u))
		}
		principalARNs = append(principalARNs, "arn:aws:iam::"+a+":root")
		for _, f := range w.feds {
			principalARNs = append(principalARNs, "arn:aws:sts::"+a+":federated-user/"+f)
		}
	}
	for _, r := range w.roles {
		principalARNs = append(principalARNs, r.arn())
	}
	for _, u := range w.users {
		userIDs = append(userIDs, userID(u))
	}
	for _, r := range w.roles {
		for _, s := range w.sessions {
			userIDs = append(userIDs, roleID(r)+":"+s)
		}
	}
	var fnARNs, layerARNs, cscARNs []string
	for _, f := range w.functions[:3] {
		fnARNs = append(fnARNs, "arn:aws:lambda:us-east-1:"+acctMain+":function:"+f)
	}
	fnARNs = append(fnARNs, "arn:aws:lambda:us-east-1:"+acctMain+":function:orders:PROD",
		"arn:aws:lambda:eu-west-1:"+acctOther+":function:payments")
	for _, l := range w.layers {
		layerARNs = append(layerARNs, "arn:aws:lambda:us-east-1:"+acctMain+":layer:"+l+":3")
	}
	layerARNs = append(layerARNs, "arn:aws:lambda:us-east-1:"+acctOther+":layer:shared-libs:12")
	for _, c := range w.cscs {
		cscARNs = append(cscARNs, "arn:aws:lambda:us-east-1:"+acctMain+":code-signing-config:"+c)
	}
	times := []string{"2026-03-01T00:00:00Z", "2026-07-15T09:30:00Z", "2025-12-31T23:59:59Z"}
	timeMiss := []string{"2026-03-01", "2026-07-15T09:30Z", "2026-07-15T10:30:00+01:00",
		"2026-01-01T00:00:00.000Z", "2026-03", "2026-03-01T00:00:01Z", "2025-12-31T23:59:58Z",
		"2026-02-28T19:00:00-05:00", "2026-07-15T09:30:00.123Z"}
	ips := []string{"198.51.100.23", "203.0.113.9", "10.0.0.5", "2001:db8:1234:5678::abcd", "2001:db8::1"}
	ipMiss := []string{"198.51.100.0/24", "203.0.113.0/24", "10.0.0.0/8", "198.51.100.23/32",
		"192.0.2.0/24", "10.0.0.0/31", "2001:db8:1234:5678::/64", "2001:DB8::/32", "2001:db8:ffff::/48",
		"2001:db8::1/128"}
	return []keySpec{
		// Principal-derived keys (rule D6), written by principalContext.
		{"aws:PrincipalArn", vARN, scopeDerived, principalARNs, nil},
		{"aws:PrincipalAccount", vString, scopeDerived, []string{acctMain, acctOther}, []string{acctThird}},
		{"aws:username", vString, scopeDerived, w.users, []string{"Alice", "carol"}},
		{"aws:userid", vString, scopeDerived, userIDs, []string{"AIDAEXAMPLE*"}},
		{"aws:PrincipalType", vString, scopeDerived, []string{"User", "AssumedRole", "FederatedUser", "Anonymous", "Account"}, nil},
		{"aws:PrincipalIsAWSService", vBool, scopeDerived, []string{"true", "false"}, nil},
		{"aws:PrincipalServiceName", vString, scopeDerived, w.services, []string{"lambda.amazonaws.com"}},
		// Keys set from the target.
		{"aws:ResourceAccount", vString, scopeDerived, []string{acctMain, acctOther}, []string{acctThird}},
		{"aws:RequestedRegion", vString, scopeDerived, w.regions, []string{"ap-south-1"}},
		// Principal attributes that cannot be derived from the ARN.
		{"aws:PrincipalTag/team", vString, scopeIAM, []string{"risk", "ledger"}, []string{"Risk", "ops"}},
		{"aws:PrincipalTag/project", vString, scopeIAM, []string{"orders", "marketing-site"}, []string{"billing"}},
		{"aws:PrincipalTag/badge", vBinary, scopeIAM, []string{"cmlzay10ZWFt", "b3Bz"}, []string{"bGVkZ2Vy"}},
		{"aws:PrincipalOrgID", vString, scopeIAM, []string{"o-abcdefghij"}, []string{"o-zzzzzzzzzz"}},
		{"aws:PrincipalOrgPaths", vMulti, scopeIAM, []string{"o-abcdefghij/r-ab12/ou-ab12-11111111/", "o-abcdefghij/r-ab12/ou-ab12-22222222/"}, []string{"o-abcdefghij/r-ab12/ou-ab12-33333333/"}},
		{"aws:MultiFactorAuthPresent", vBool, scopeIAM, []string{"true", "false"}, nil},
		{"aws:MultiFactorAuthAge", vNum, scopeIAM, []string{"0", "300", "3600", "86400"}, []string{"299", "900", "7200"}},
		{"aws:TokenIssueTime", vDate, scopeIAM, times, timeMiss},
		// Request attributes.
		{"aws:SourceIp", vIP, scopeGlobal, ips, ipMiss},
		{"aws:VpcSourceIp", vIP, scopeGlobal, ips, ipMiss},
		// Values with *, ? and $, for the special variables ${*}, ${?} and
		// ${$} (rule D5); never used as a variable itself.
		{"aws:UserAgent", vString, scopeGlobal, []string{"aws-cli/2.15 *", "boto3?x", "tool$1", "aws-cli/2.15 x"}, []string{"aws-cli/2.15"}},
		{"aws:SourceVpce", vString, scopeGlobal, []string{"vpce-0a1b2c3d4e5f60718"}, []string{"vpce-11112222333344445"}},
		{"aws:SecureTransport", vBool, scopeGlobal, []string{"true", "false"}, nil},
		{"aws:ViaAWSService", vBool, scopeGlobal, []string{"true", "false"}, nil},
		{"aws:CurrentTime", vDate, scopeGlobal, times, timeMiss},
		{"aws:EpochTime", vEpoch, scopeGlobal, []string{"1767225600", "1772323200", "1735689599"}, []string{"1767225599", "1767225601", "1800000000"}},
		{"aws:CalledVia", vMulti, scopeGlobal, []string{"cloudformation.amazonaws.com", "athena.amazonaws.com"}, []string{"glue.amazonaws.com"}},
		{"aws:ResourceTag/env", vString, scopeResTag, []string{"prod", "dev"}, []string{"PROD", "test"}},
		{"aws:ResourceTag/team", vString, scopeResTag, []string{"risk", "ledger"}, []string{"ops"}},
		// Service-principal requests.
		{"aws:SourceArn", vARN, scopeService, []string{"arn:aws:s3:::txn-exports", "arn:aws:s3:::other-bucket",
			"arn:aws:sns:us-east-1:" + acctMain + ":alerts", "arn:aws:events:us-east-1:" + acctOther + ":rule/nightly"},
			[]string{"arn:aws:s3:::txn-archive"}},
		{"aws:SourceAccount", vString, scopeService, []string{acctMain, acctOther}, []string{acctThird}},
		// Keys that only some actions support.
		{"aws:RequestTag/env", vString, scopeAction, []string{"prod", "dev"}, []string{"Prod", "test"}},
		{"aws:RequestTag/team", vString, scopeAction, []string{"risk", "ledger"}, []string{"ops"}},
		{"aws:TagKeys", vMulti, scopeAction, []string{"env", "team", "cost-center"}, []string{"Env", "owner"}},
		{"lambda:EventSourceToken", vString, scopeAction, []string{"tok-7f3a", "tok-0000"}, []string{"tok-9999"}},
		{"lambda:InvokedViaFunctionUrl", vBool, scopeAction, []string{"true", "false"}, nil},
		{"lambda:FunctionUrlAuthType", vString, scopeAction, []string{"AWS_IAM", "NONE"}, []string{"none"}},
		{"lambda:Principal", vString, scopeAction, []string{"s3.amazonaws.com", acctOther}, []string{acctThird}},
		{"lambda:FunctionArn", vARN, scopeAction, fnARNs, nil},
		{"lambda:CodeSigningConfigArn", vARN, scopeAction, cscARNs, nil},
		{"lambda:Layer", vMulti, scopeAction, layerARNs, []string{"arn:aws:lambda:us-east-1:" + acctThird + ":layer:untrusted:1"}},
		{"lambda:SubnetIds", vMulti, scopeAction, []string{"subnet-0a1b2c3d", "subnet-0e5f6a7b"}, []string{"subnet-09999999"}},
		{"lambda:SecurityGroupIds", vMulti, scopeAction, []string{"sg-0123abcd", "sg-0456ef01"}, []string{"sg-0999ffff"}},
		{"lambda:VpcIds", vString, scopeAction, []string{"vpc-0abc1234"}, []string{"vpc-0fff9999"}},
		{"iam:PassedToService", vString, scopeAction, []string{"lambda.amazonaws.com", "ec2.amazonaws.com"}, []string{"edgelambda.amazonaws.com"}},
	}
}

// userID and roleID give the fictitious unique IDs (aws:userid) of users
// and roles.
func userID(name string) string { return "AIDA" + strings.ToUpper(name) + "EXAMPLE" }

func roleID(r role) string {
	return "AROA" + strings.ToUpper(strings.ReplaceAll(r.name, "-", "")) + r.account[:4]
}
