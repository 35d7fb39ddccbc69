package lambdaapi

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/lambdaiam/lambdaiam/arn"
	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/evaluate"
)

// Call is one Lambda API call as the service receives it: the operation,
// its parameters (named as in the Lambda API Reference), and who sends it
// from where. Only the fields the operation uses are read; Requests
// documents which.
type Call struct {
	// Operation is the API operation name, such as "Invoke" or
	// "CreateFunction" (exact case), or InvokeFunctionURL for an HTTPS
	// request to a function URL.
	Operation string

	// Caller is the principal that sends the call, in the forms
	// evaluate.Request accepts: an IAM user or role ARN, an assumed-role
	// session ARN, a federated-user ARN, an account root ARN, a service
	// principal ("s3.amazonaws.com") or "anonymous". A function URL call
	// with AuthType NONE is always anonymous, whatever Caller says.
	Caller string

	// Partition and Region are the endpoint's; Account is the caller's
	// account. Partition and Account default to those of Caller's ARN
	// (Partition then to "aws"). They complete partial function names
	// (rule F2) and name the account of the resources the call creates or
	// addresses by name.
	Partition, Region, Account string

	// FunctionName and Qualifier are the function parameters, in any form
	// the API accepts (rule F2): a name, NAME:QUALIFIER,
	// ACCOUNT:function:NAME[:QUALIFIER] or a function ARN. For a function
	// URL call they name the function and, for a URL of an alias, the
	// alias. For event source mappings FunctionName is the mapping's
	// function, which becomes lambda:FunctionArn.
	FunctionName, Qualifier string

	// Role is the execution role ARN of CreateFunction and
	// UpdateFunctionConfiguration; passing it needs iam:PassRole.
	Role string
	// Layers are the layer version ARNs of CreateFunction and
	// UpdateFunctionConfiguration. For UpdateFunctionConfiguration nil
	// means the call leaves the layers alone and an empty non-nil slice
	// removes them all (lambda:Layer is then an empty set).
	Layers []string
	// VpcConfig is the VPC configuration of CreateFunction,
	// UpdateFunctionConfiguration and CreateCapacityProvider; nil means
	// none, and the VPC keys are then absent.
	VpcConfig *VpcConfig
	// CodeSigningConfigArn is the code signing config that CreateFunction
	// or PutFunctionCodeSigningConfig attaches (lambda:CodeSigningConfigArn),
	// or that the code signing config operations address.
	CodeSigningConfigArn string
	// FunctionURLAuthType is "AWS_IAM" or "NONE": the AuthType of a
	// function URL (its call, or the *FunctionUrlConfig operations) or the
	// FunctionUrlAuthType parameter of AddPermission and RemovePermission
	// (lambda:FunctionUrlAuthType).
	FunctionURLAuthType string
	// PermissionPrincipal is the Principal parameter of AddPermission, or
	// the principal of the statement RemovePermission removes
	// (lambda:Principal).
	PermissionPrincipal string
	// EventSourceToken is the token a non-AWS event source sends with an
	// invocation (lambda:EventSourceToken).
	EventSourceToken string

	// UUID identifies an event source mapping.
	UUID string
	// LayerName is a layer name or layer ARN; VersionNumber a version of
	// it.
	LayerName     string
	VersionNumber int64
	// CapacityProviderName names a capacity provider.
	CapacityProviderName string
	// Resource is the ARN parameter of the operations that take one:
	// TagResource, UntagResource and ListTags (Resource),
	// GetLayerVersionByArn (Arn) and the durable execution operations
	// (DurableExecutionArn).
	Resource string

	// Tags are the tags a call adds (CreateFunction, TagResource,
	// CreateEventSourceMapping, CreateCodeSigningConfig,
	// CreateCapacityProvider): aws:RequestTag/KEY and aws:TagKeys.
	Tags map[string]string
	// TagKeys are the keys UntagResource removes (aws:TagKeys).
	TagKeys []string
	// ResourceTags are the tags of the resource the call addresses
	// (aws:ResourceTag/KEY; for an alias or a version, the function's
	// tags). They go on the main request when its resource type has tags:
	// not layers, not "*".
	ResourceTags map[string]string

	// SourceArn and SourceAccount describe the resource on whose behalf a
	// service principal calls (aws:SourceArn, aws:SourceAccount); they go
	// on every request.
	SourceArn, SourceAccount string

	// Context holds any other request context keys (aws:SourceIp,
	// aws:PrincipalTag/..., ...). Every request gets a copy of it plus the
	// keys the call carries; where both name a key, the call's value wins.
	// Nil means none.
	Context *condition.Context
	// Time is the request time (evaluate.Request.Time).
	Time time.Time
}

// VpcConfig is a function's or capacity provider's VPC configuration.
type VpcConfig struct {
	SubnetIds        []string // lambda:SubnetIds
	SecurityGroupIds []string // lambda:SecurityGroupIds
	// VpcID is the VPC of the subnets (lambda:VpcIds). The API does not
	// carry it: Lambda looks it up from the subnets, so the caller supplies
	// it. It is required when SubnetIds is not empty.
	VpcID string
}

// Request is one authorization a call needs: an evaluate.Request and a
// short phrase saying what it is for ("call CreateFunction", "pass the
// execution role", "use layer ARN").
type Request struct {
	Purpose string
	evaluate.Request
}

// Condition keys the package sets.
const (
	keyLayer             = "lambda:Layer"
	keySubnetIds         = "lambda:SubnetIds"
	keySecurityGroupIds  = "lambda:SecurityGroupIds"
	keyVpcIds            = "lambda:VpcIds"
	keyCSC               = "lambda:CodeSigningConfigArn"
	keyURLAuthType       = "lambda:FunctionUrlAuthType"
	keyFunctionArn       = "lambda:FunctionArn"
	keyPrincipal         = "lambda:Principal"
	keyEventSourceToken  = "lambda:EventSourceToken"
	keyInvokedViaURL     = "lambda:InvokedViaFunctionUrl"
	keyPassedToService   = "iam:PassedToService"
	keyRequestTagPrefix  = "aws:RequestTag/"
	keyResourceTagPrefix = "aws:ResourceTag/"
	keyTagKeys           = "aws:TagKeys"
	keySourceArn         = "aws:SourceArn"
	keySourceAccount     = "aws:SourceAccount"
	lambdaService        = "lambda.amazonaws.com"
)

// Requests returns the authorizations AWS makes for c, in this order; all
// of them must be allowed for the call to go ahead.
//
//  1. The operation's own request: its IAM action (lambda:InvokeFunction
//     for Invoke and InvokeWithResponseStream, lambda:GetLayerVersion for
//     GetLayerVersionByArn, the operation's name otherwise) on the resource
//     of rule F3 (below), with the condition keys of the call that the
//     action defines (rule F5): lambda:Layer, lambda:SubnetIds,
//     lambda:SecurityGroupIds, lambda:VpcIds, lambda:CodeSigningConfigArn,
//     lambda:FunctionUrlAuthType, lambda:FunctionArn, lambda:Principal,
//     lambda:EventSourceToken, aws:RequestTag/KEY, aws:TagKeys and
//     aws:ResourceTag/KEY, each only when the call gives its value.
//     PutFunctionCodeSigningConfig has two required resource types and
//     gives two requests, on the function and on the code signing config.
//  2. For a function URL call (InvokeFunctionURL), since October 2025 also
//     lambda:InvokeFunction on the same ARN with lambda:InvokedViaFunctionUrl
//     "true" (rule F7). A URL with AuthType NONE is called anonymously.
//  3. For CreateFunction, and UpdateFunctionConfiguration when it sets
//     Role: iam:PassRole on the role, with iam:PassedToService
//     "lambda.amazonaws.com" (rule F3).
//  4. For CreateFunction and UpdateFunctionConfiguration:
//     lambda:GetLayerVersion on each layer version in Layers, in its own
//     account (rule F3).
//
// The resource of the operation's own request (rule F3) is:
//
//   - for operations that take a Qualifier (Invoke, GetFunction,
//     DeleteFunction, AddPermission, ...), the qualified function ARN when
//     a qualifier is given as the Qualifier or as a suffix of FunctionName
//     ($LATEST included), else the unqualified ARN;
//   - for operations on the function as a whole (CreateFunction,
//     UpdateFunctionCode, UpdateFunctionConfiguration, PublishVersion, the
//     alias and concurrency operations, ...), the unqualified ARN; a
//     qualifier is an error (CodeQualifierNotAccepted);
//   - for provisioned concurrency, the version or alias ARN (a qualifier is
//     required);
//   - for function URLs, the function ARN, or the alias ARN for an alias's
//     URL (a version is an error);
//   - for layers, the layer version ARN (GetLayerVersion,
//     GetLayerVersionByArn, ...) or the layer ARN (PublishLayerVersion);
//   - for event source mappings, code signing configs, capacity providers,
//     durable executions and tagged resources, their ARN;
//   - for CreateEventSourceMapping, CreateCodeSigningConfig and the List
//     operations without a resource type, "*".
//
// Every request has the Caller as principal, c.Time as time and a context
// made of c.Context, aws:SourceArn and aws:SourceAccount (when given) and
// its own keys; its ResourceAccount is left empty, so evaluation takes the
// account of its resource ARN. The error is an *Error; for a bad function
// name or qualifier it wraps arn.ResolveFunction's *arn.ParseError.
func Requests(c Call) ([]Request, error) {
	o, ok := lookup(c.Operation)
	if !ok {
		return nil, errorf(CodeUnknownOperation, "Operation", c.Operation, "not a Lambda API operation this package knows")
	}
	b := builder{c: &c, op: o}
	if err := b.build(); err != nil {
		return nil, err
	}
	return b.out, nil
}

// builder holds the state of one Requests call.
type builder struct {
	c                  *Call
	op                 operation
	partition, account string
	principal          string
	out                []Request
}

func (b *builder) build() error {
	c := b.c
	b.partition, b.account = c.Partition, c.Account
	if a, err := arn.Parse(c.Caller); err == nil && (a.Service == "iam" || a.Service == "sts") {
		if b.partition == "" {
			b.partition = a.Partition
		}
		if b.account == "" {
			b.account = a.AccountID
		}
	}
	if b.partition == "" {
		b.partition = "aws"
	}
	if err := b.checkEndpoint(); err != nil {
		return err
	}
	if c.FunctionURLAuthType != "" && c.FunctionURLAuthType != "AWS_IAM" && c.FunctionURLAuthType != "NONE" {
		return errorf(CodeInvalidParameter, "FunctionURLAuthType", c.FunctionURLAuthType, `want "AWS_IAM" or "NONE"`)
	}
	if b.op.flags&fURLAuthRequired != 0 && c.FunctionURLAuthType == "" {
		return errorf(CodeMissingParameter, "FunctionURLAuthType", "", "the operation needs an auth type")
	}
	b.principal = c.Caller
	if b.op.flags&fViaURL != 0 && c.FunctionURLAuthType == "NONE" {
		b.principal = "anonymous"
	}
	if b.principal == "" {
		return errorf(CodeMissingCaller, "Caller", "", "the call needs a caller")
	}
	if b.op.flags&fPrincipalRequired != 0 && c.PermissionPrincipal == "" {
		return errorf(CodeMissingParameter, "PermissionPrincipal", "", "AddPermission needs a principal")
	}
	if b.op.flags&fTagsRequired != 0 && len(c.Tags) == 0 {
		return errorf(CodeMissingParameter, "Tags", "", "the operation needs tags")
	}
	if b.op.flags&fTagKeysRequired != 0 && len(c.TagKeys) == 0 {
		return errorf(CodeMissingParameter, "TagKeys", "", "the operation needs tag keys")
	}

	resource, kind, err := b.resource()
	if err != nil {
		return err
	}
	ctx, err := b.mainContext(resource, kind)
	if err != nil {
		return err
	}
	purpose := "call " + c.Operation
	switch {
	case b.op.flags&fViaURL != 0:
		purpose = "call the function URL"
	case b.op.on == onFunctionAndCSC:
		purpose += " on the function"
	}
	b.add(purpose, "lambda:"+b.op.action, resource, ctx)

	if b.op.on == onFunctionAndCSC {
		csc, err := b.codeSigningConfig(true)
		if err != nil {
			return err
		}
		ctx := b.context()
		ctx.set(keyCSC, csc)
		b.add("call "+c.Operation+" on the code signing config", "lambda:"+b.op.action, csc, ctx.done())
	}

	if b.op.flags&fViaURL != 0 {
		ctx := b.context()
		ctx.set(keyInvokedViaURL, "true")
		if c.EventSourceToken != "" {
			ctx.set(keyEventSourceToken, c.EventSourceToken)
		}
		b.resourceTags(ctx, kind)
		b.add("invoke the function through its URL", "lambda:InvokeFunction", resource, ctx.done())
	}

	if b.op.flags&fPassRole != 0 {
		if c.Role == "" && b.op.flags&fRoleRequired != 0 {
			return errorf(CodeMissingParameter, "Role", "", "the operation needs an execution role")
		}
		if c.Role != "" {
			role, err := arn.Parse(c.Role)
			if err != nil {
				return &Error{Code: CodeInvalidParameter, Field: "Role", Value: c.Role, Msg: "not an ARN", Err: err}
			}
			if role.Service != "iam" || !strings.HasPrefix(role.Resource, "role/") {
				return errorf(CodeInvalidParameter, "Role", c.Role, "not an IAM role ARN")
			}
			ctx := b.context()
			ctx.set(keyPassedToService, lambdaService)
			b.add("pass the execution role", "iam:PassRole", c.Role, ctx.done())
		}
	}

	if b.op.flags&fUseLayers != 0 {
		fn, _ := arn.Parse(resource) // resource is the function ARN built above
		for i, l := range c.Layers {
			if err := b.layerVersion(i, l, fn); err != nil {
				return err
			}
			b.add("use layer "+l, "lambda:GetLayerVersion", l, b.context().done())
		}
	}
	return nil
}

func (b *builder) add(purpose, action, resource string, ctx *condition.Context) {
	b.out = append(b.out, Request{Purpose: purpose, Request: evaluate.Request{
		Principal: b.principal,
		Action:    action,
		Resource:  resource,
		Context:   ctx,
		Time:      b.c.Time,
	}})
}

// resource returns the ARN the operation's main request is authorized
// against, and its kind (arn.KindUnknown for "*").
func (b *builder) resource() (string, arn.Kind, error) {
	c := b.c
	switch b.op.on {
	case onFunction, onWholeFunction, onVersionOrAlias, onURL, onFunctionAndCSC:
		f, err := b.function()
		if err != nil {
			return "", 0, err
		}
		field := "FunctionName"
		if c.Qualifier != "" {
			field = "Qualifier"
		}
		switch b.op.on {
		case onWholeFunction, onFunctionAndCSC:
			if f.Qualified() {
				return "", 0, errorf(CodeQualifierNotAccepted, field, f.Qualifier,
					"%s addresses the function as a whole and takes no qualifier", c.Operation)
			}
		case onVersionOrAlias:
			if !f.Qualified() {
				return "", 0, errorf(CodeMissingParameter, "Qualifier", "", "%s needs a version or an alias", c.Operation)
			}
		case onURL:
			if f.Qualified() && f.Kind() != arn.KindFunctionAlias {
				return "", 0, errorf(CodeInvalidParameter, field, f.Qualifier, "a function URL belongs to a function or an alias, not a version")
			}
		}
		return f.String(), f.Kind(), nil
	case onAll:
		return "*", arn.KindUnknown, nil
	case onLayer:
		l, err := b.layer()
		if err != nil {
			return "", 0, err
		}
		return l.String(), arn.KindLayer, nil
	case onLayerVersion:
		l, err := b.layer()
		if err != nil {
			return "", 0, err
		}
		if c.VersionNumber <= 0 {
			return "", 0, errorf(CodeMissingParameter, "VersionNumber", "", "the operation needs a layer version number")
		}
		a := arn.LayerVersionARN(l.ARN.Partition, l.ARN.Region, l.ARN.AccountID, l.Name, c.VersionNumber)
		if _, err := arn.ResourceOf(a); err != nil {
			return "", 0, &Error{Code: CodeInvalidParameter, Field: "LayerName", Value: c.LayerName, Msg: "with the version number, not a valid layer version ARN", Err: err}
		}
		return a.String(), arn.KindLayerVersion, nil
	case onLayerVersionARN:
		r, err := b.resourceARN("Resource", c.Resource, arn.KindLayerVersion)
		if err != nil {
			return "", 0, err
		}
		return r.String(), r.Kind, nil
	case onEventSourceMapping:
		if c.UUID == "" {
			return "", 0, errorf(CodeMissingParameter, "UUID", "", "the operation needs an event source mapping UUID")
		}
		if err := b.needRegionAndAccount(); err != nil {
			return "", 0, err
		}
		a := arn.EventSourceMappingARN(b.partition, c.Region, b.account, c.UUID)
		if _, err := arn.ResourceOf(a); err != nil {
			return "", 0, &Error{Code: CodeInvalidParameter, Field: "UUID", Value: c.UUID, Msg: "not an event source mapping UUID", Err: err}
		}
		return a.String(), arn.KindEventSourceMapping, nil
	case onCodeSigningConfig:
		csc, err := b.codeSigningConfig(true)
		return csc, arn.KindCodeSigningConfig, err
	case onTaggable:
		if c.Resource == "" {
			return "", 0, errorf(CodeMissingParameter, "Resource", "", "the operation needs a resource ARN")
		}
		r, err := arn.ParseResource(c.Resource)
		if err != nil {
			return "", 0, &Error{Code: CodeInvalidParameter, Field: "Resource", Value: c.Resource, Msg: "not a Lambda resource ARN", Err: err}
		}
		switch r.Kind {
		case arn.KindFunction, arn.KindEventSourceMapping, arn.KindCodeSigningConfig,
			arn.KindCapacityProvider, arn.KindNetworkConnector, arn.KindMicrovmImage:
			return r.String(), r.Kind, nil
		}
		return "", 0, errorf(CodeInvalidParameter, "Resource", c.Resource, "a %s has no tags of its own", r.Kind)
	case onDurableExecution:
		r, err := b.resourceARN("Resource", c.Resource, arn.KindDurableExecution)
		if err != nil {
			return "", 0, err
		}
		return r.String(), r.Kind, nil
	case onCapacityProvider:
		if c.CapacityProviderName == "" {
			return "", 0, errorf(CodeMissingParameter, "CapacityProviderName", "", "the operation needs a capacity provider name")
		}
		if err := b.needRegionAndAccount(); err != nil {
			return "", 0, err
		}
		a := arn.CapacityProviderARN(b.partition, c.Region, b.account, c.CapacityProviderName)
		if _, err := arn.ResourceOf(a); err != nil {
			return "", 0, &Error{Code: CodeInvalidParameter, Field: "CapacityProviderName", Value: c.CapacityProviderName, Msg: "not a capacity provider name", Err: err}
		}
		return a.String(), arn.KindCapacityProvider, nil
	}
	return "", 0, errorf(CodeUnknownOperation, "Operation", c.Operation, "no resource rule")
}

// function resolves FunctionName and Qualifier (rule F2).
func (b *builder) function() (arn.Function, error) {
	c := b.c
	if c.FunctionName == "" {
		return arn.Function{}, errorf(CodeMissingParameter, "FunctionName", "", "the operation needs a function name")
	}
	f, err := arn.ResolveFunction(c.FunctionName, c.Qualifier, b.partition, c.Region, b.account)
	if err != nil {
		e := &Error{Code: CodeInvalidParameter, Field: "FunctionName", Value: c.FunctionName, Err: err}
		var pe *arn.ParseError
		if errors.As(err, &pe) {
			e.Msg = pe.Error()
			switch {
			case pe.Input == c.FunctionName:
			case c.Qualifier != "" && pe.Input == c.Qualifier:
				e.Field, e.Value = "Qualifier", c.Qualifier
			case c.Region != "" && pe.Input == c.Region:
				e.Field, e.Value = "Region", c.Region
			case pe.Input == b.partition:
				e.Field, e.Value = "Partition", b.partition
			case b.account != "" && pe.Input == b.account:
				e.Field, e.Value = "Account", b.account
			}
			switch pe.Code {
			case arn.CodeMissingRegion:
				e.Code, e.Field, e.Value = CodeMissingParameter, "Region", ""
			case arn.CodeMissingAccount:
				e.Code, e.Field, e.Value = CodeMissingParameter, "Account", ""
			}
		} else {
			e.Msg = err.Error()
		}
		return arn.Function{}, e
	}
	return f, nil
}

// layer resolves LayerName: a layer ARN, or a name in the caller's region
// and account.
func (b *builder) layer() (arn.Resource, error) {
	c := b.c
	if c.LayerName == "" {
		return arn.Resource{}, errorf(CodeMissingParameter, "LayerName", "", "the operation needs a layer name")
	}
	if strings.HasPrefix(c.LayerName, "arn:") {
		return b.resourceARN("LayerName", c.LayerName, arn.KindLayer)
	}
	if err := b.needRegionAndAccount(); err != nil {
		return arn.Resource{}, err
	}
	r, err := arn.ResourceOf(arn.LayerARN(b.partition, c.Region, b.account, c.LayerName))
	if err != nil || r.Kind != arn.KindLayer {
		return arn.Resource{}, &Error{Code: CodeInvalidParameter, Field: "LayerName", Value: c.LayerName, Msg: "not a layer name", Err: err}
	}
	return r, nil
}

// layerVersion checks the i-th layer of Layers: a layer version ARN in the
// function's partition and region (any account).
func (b *builder) layerVersion(i int, s string, fn arn.ARN) error {
	field := fmt.Sprintf("Layers[%d]", i)
	r, err := b.resourceARN(field, s, arn.KindLayerVersion)
	if err != nil {
		return err
	}
	if r.ARN.Partition != fn.Partition || r.ARN.Region != fn.Region {
		return errorf(CodeInvalidParameter, field, s, "a layer must be in the function's partition and region")
	}
	return nil
}

// codeSigningConfig checks CodeSigningConfigArn.
func (b *builder) codeSigningConfig(required bool) (string, error) {
	c := b.c
	if c.CodeSigningConfigArn == "" {
		if required {
			return "", errorf(CodeMissingParameter, "CodeSigningConfigArn", "", "the operation needs a code signing config ARN")
		}
		return "", nil
	}
	r, err := b.resourceARN("CodeSigningConfigArn", c.CodeSigningConfigArn, arn.KindCodeSigningConfig)
	if err != nil {
		return "", err
	}
	return r.String(), nil
}

// resourceARN parses s (the value of field) as a Lambda ARN of kind want.
func (b *builder) resourceARN(field, s string, want arn.Kind) (arn.Resource, error) {
	if s == "" {
		return arn.Resource{}, errorf(CodeMissingParameter, field, "", "the operation needs a %s ARN", want)
	}
	r, err := arn.ParseResource(s)
	if err != nil {
		return r, &Error{Code: CodeInvalidParameter, Field: field, Value: s, Msg: "not a " + want.String() + " ARN", Err: err}
	}
	if r.Kind != want {
		return r, errorf(CodeInvalidParameter, field, s, "a %s ARN, not a %s ARN", r.Kind, want)
	}
	return r, nil
}

// checkEndpoint checks the partition and the region (when given) as parts
// of a Lambda ARN, so that a bad one is reported as itself rather than as
// the parameter whose ARN it spoils.
func (b *builder) checkEndpoint() error {
	region := b.c.Region
	if region == "" {
		region = "us-east-1" // the region is checked where it is needed
	}
	probe := arn.ARN{Partition: b.partition, Service: "lambda", Region: region, AccountID: "000000000000", Resource: "function:f"}
	_, err := arn.ResourceOf(probe)
	var pe *arn.ParseError
	if err == nil || !errors.As(err, &pe) {
		return err
	}
	e := &Error{Code: CodeInvalidParameter, Field: "Region", Value: b.c.Region, Msg: "not a region", Err: err}
	if pe.Code == arn.CodeInvalidPartition {
		e.Field, e.Value, e.Msg = "Partition", b.partition, "not a partition"
	}
	return e
}

func (b *builder) needRegionAndAccount() error {
	if b.c.Region == "" {
		return errorf(CodeMissingParameter, "Region", "", "the call needs a region")
	}
	if b.account == "" {
		return errorf(CodeMissingParameter, "Account", "", "the call needs the caller's account")
	}
	return nil
}

// mainContext builds the context of the operation's own request.
func (b *builder) mainContext(resource string, kind arn.Kind) (*condition.Context, error) {
	c, k := b.c, b.op.keys
	ctx := b.context()
	if k&kLayer != 0 && c.Layers != nil {
		ctx.setMulti(keyLayer, c.Layers)
	}
	if k&(kVPC|kSubnetsAndGroups) != 0 && c.VpcConfig != nil {
		v := c.VpcConfig
		ctx.setMulti(keySubnetIds, v.SubnetIds)
		ctx.setMulti(keySecurityGroupIds, v.SecurityGroupIds)
		if k&kVPC != 0 {
			switch {
			case v.VpcID != "":
				ctx.set(keyVpcIds, v.VpcID)
			case len(v.SubnetIds) > 0:
				return nil, errorf(CodeMissingParameter, "VpcConfig.VpcID", "", "give the VPC of the subnets (lambda:VpcIds)")
			}
		}
	}
	if k&kCSC != 0 {
		csc, err := b.codeSigningConfig(false)
		if err != nil {
			return nil, err
		}
		if csc != "" {
			ctx.set(keyCSC, csc)
		}
	}
	if k&kURLAuthType != 0 && c.FunctionURLAuthType != "" {
		ctx.set(keyURLAuthType, c.FunctionURLAuthType)
	}
	if k&kFunctionArn != 0 {
		switch {
		case b.op.on == onURL:
			ctx.set(keyFunctionArn, resource)
		case c.FunctionName != "":
			f, err := b.function()
			if err != nil {
				return nil, err
			}
			ctx.set(keyFunctionArn, f.String())
		case b.op.flags&fFunctionRequired != 0:
			return nil, errorf(CodeMissingParameter, "FunctionName", "", "the operation needs a function name")
		}
	}
	if k&kPrincipal != 0 && c.PermissionPrincipal != "" {
		ctx.set(keyPrincipal, c.PermissionPrincipal)
	}
	if k&kEventSourceToken != 0 && c.EventSourceToken != "" {
		ctx.set(keyEventSourceToken, c.EventSourceToken)
	}
	if k&kRequestTags != 0 && c.Tags != nil {
		names := make([]string, 0, len(c.Tags))
		for name, v := range c.Tags {
			names = append(names, name)
			ctx.set(keyRequestTagPrefix+name, v)
		}
		sort.Strings(names)
		ctx.setMulti(keyTagKeys, names)
	}
	if k&kTagKeys != 0 && c.TagKeys != nil {
		ctx.setMulti(keyTagKeys, c.TagKeys)
	}
	b.resourceTags(ctx, kind)
	return ctx.done(), nil
}

// resourceTags adds aws:ResourceTag/KEY for resources that have tags.
func (b *builder) resourceTags(ctx *ctxBuilder, kind arn.Kind) {
	switch kind {
	case arn.KindUnknown, arn.KindLayer, arn.KindLayerVersion:
		return
	}
	for name, v := range b.c.ResourceTags {
		ctx.set(keyResourceTagPrefix+name, v)
	}
}

// context starts a request context from the call's context and source
// keys.
func (b *builder) context() *ctxBuilder {
	ctx := &ctxBuilder{base: b.c.Context}
	if b.c.SourceArn != "" {
		ctx.set(keySourceArn, b.c.SourceArn)
	}
	if b.c.SourceAccount != "" {
		ctx.set(keySourceAccount, b.c.SourceAccount)
	}
	return ctx
}

// ctxBuilder copies a base context on its first change, so that requests
// without keys of their own share the caller's context.
type ctxBuilder struct {
	base, c *condition.Context
}

func (b *ctxBuilder) ensure() *condition.Context {
	if b.c == nil {
		b.c = new(condition.Context)
		for _, k := range b.base.Keys() {
			v, _ := b.base.Lookup(k)
			if v.Multi() {
				b.c.SetMulti(k, v.Strings())
			} else if v.Len() == 1 {
				b.c.Set(k, v.At(0))
			}
		}
	}
	return b.c
}

func (b *ctxBuilder) set(key, value string)           { b.ensure().Set(key, value) }
func (b *ctxBuilder) setMulti(key string, v []string) { b.ensure().SetMulti(key, v) }

func (b *ctxBuilder) done() *condition.Context {
	if b.c == nil {
		return b.base
	}
	return b.c
}
