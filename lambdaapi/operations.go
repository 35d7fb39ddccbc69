package lambdaapi

import (
	"slices"
	"strings"

	"github.com/lambdaiam/lambdaiam/arn"
)

// target says which resource an operation is authorized against (rule F3)
// and which Call fields name it.
type target uint8

const (
	// onFunction: FunctionName and Qualifier; the qualified ARN when a
	// qualifier is given either way, else the unqualified ARN.
	onFunction target = iota + 1
	// onWholeFunction: FunctionName; always the unqualified ARN, and a
	// qualifier is an error (the operation takes none).
	onWholeFunction
	// onVersionOrAlias: FunctionName and a qualifier, which is required.
	onVersionOrAlias
	// onURL: FunctionName and an optional alias qualifier (function URLs
	// belong to a function or an alias, never to a version).
	onURL
	// onAll: "*" (actions without a resource type, M3.4).
	onAll
	// onLayer: LayerName, the layer ARN.
	onLayer
	// onLayerVersion: LayerName and VersionNumber, the layer version ARN.
	onLayerVersion
	// onLayerVersionARN: Resource, a layer version ARN.
	onLayerVersionARN
	// onEventSourceMapping: UUID, the event source mapping ARN.
	onEventSourceMapping
	// onCodeSigningConfig: CodeSigningConfigArn.
	onCodeSigningConfig
	// onFunctionAndCSC: FunctionName (unqualified) and CodeSigningConfigArn:
	// the action has two required resource types, so both are authorized.
	onFunctionAndCSC
	// onTaggable: Resource, the ARN of a taggable resource.
	onTaggable
	// onDurableExecution: Resource, a durable execution ARN.
	onDurableExecution
	// onCapacityProvider: CapacityProviderName.
	onCapacityProvider
)

// keys is the set of condition keys an operation's main request carries.
type keys uint16

const (
	kLayer            keys = 1 << iota // lambda:Layer from Layers
	kVPC                               // lambda:SubnetIds, lambda:SecurityGroupIds, lambda:VpcIds
	kSubnetsAndGroups                  // lambda:SubnetIds, lambda:SecurityGroupIds
	kCSC                               // lambda:CodeSigningConfigArn
	kURLAuthType                       // lambda:FunctionUrlAuthType
	kFunctionArn                       // lambda:FunctionArn
	kPrincipal                         // lambda:Principal
	kEventSourceToken                  // lambda:EventSourceToken
	kRequestTags                       // aws:RequestTag/KEY and aws:TagKeys from Tags
	kTagKeys                           // aws:TagKeys from TagKeys
)

// flags are an operation's extra requirements.
type flags uint16

const (
	fPassRole          flags = 1 << iota // iam:PassRole on Role, when given
	fRoleRequired                        // Role is required
	fUseLayers                           // lambda:GetLayerVersion on each of Layers
	fURLAuthRequired                     // FunctionURLAuthType is required
	fPrincipalRequired                   // PermissionPrincipal is required
	fFunctionRequired                    // FunctionName is required (event source mappings)
	fTagsRequired                        // Tags is required
	fTagKeysRequired                     // TagKeys is required
	fViaURL                              // a function URL call: lambda:InvokeFunctionUrl, then lambda:InvokeFunction
)

type operation struct {
	action string // the IAM action, without "lambda:"
	on     target
	keys   keys
	flags  flags
}

// InvokeFunctionURL is the pseudo-operation name of an HTTPS request to a
// function URL, which has no API operation of its own.
const InvokeFunctionURL = "InvokeFunctionUrl"

// lookup returns the operation called name (the exact API operation name).
func lookup(name string) (operation, bool) {
	var o operation
	switch name {
	// Invocation.
	case "Invoke", "InvokeWithResponseStream":
		o = operation{"InvokeFunction", onFunction, kEventSourceToken, 0}
	case "InvokeAsync":
		o = operation{"InvokeAsync", onFunction, 0, 0}
	case InvokeFunctionURL:
		o = operation{"InvokeFunctionUrl", onURL, kURLAuthType | kFunctionArn | kEventSourceToken, fURLAuthRequired | fViaURL}

	// Functions.
	case "CreateFunction":
		o = operation{"CreateFunction", onWholeFunction, kLayer | kVPC | kCSC | kRequestTags, fPassRole | fRoleRequired | fUseLayers}
	case "UpdateFunctionConfiguration":
		o = operation{"UpdateFunctionConfiguration", onWholeFunction, kLayer | kVPC, fPassRole | fUseLayers}
	case "UpdateFunctionCode", "PublishVersion", "ListVersionsByFunction",
		"CreateAlias", "GetAlias", "UpdateAlias", "DeleteAlias", "ListAliases",
		"GetFunctionConcurrency", "PutFunctionConcurrency", "DeleteFunctionConcurrency",
		"GetFunctionCodeSigningConfig", "DeleteFunctionCodeSigningConfig",
		"GetFunctionRecursionConfig", "PutFunctionRecursionConfig",
		"ListFunctionEventInvokeConfigs", "ListProvisionedConcurrencyConfigs":
		o = operation{name, onWholeFunction, 0, 0}
	case "GetFunction", "GetFunctionConfiguration", "DeleteFunction", "GetPolicy",
		"GetFunctionEventInvokeConfig", "PutFunctionEventInvokeConfig",
		"UpdateFunctionEventInvokeConfig", "DeleteFunctionEventInvokeConfig",
		"GetRuntimeManagementConfig", "PutRuntimeManagementConfig",
		"GetFunctionScalingConfig", "PutFunctionScalingConfig",
		"ListDurableExecutionsByFunction":
		o = operation{name, onFunction, 0, 0}
	case "AddPermission":
		o = operation{name, onFunction, kPrincipal | kURLAuthType, fPrincipalRequired}
	case "RemovePermission":
		o = operation{name, onFunction, kPrincipal | kURLAuthType, 0}
	case "GetProvisionedConcurrencyConfig", "PutProvisionedConcurrencyConfig", "DeleteProvisionedConcurrencyConfig":
		o = operation{name, onVersionOrAlias, 0, 0}
	case "ListFunctions", "GetAccountSettings":
		o = operation{name, onAll, 0, 0}

	// Function URLs.
	case "CreateFunctionUrlConfig":
		o = operation{name, onURL, kFunctionArn | kURLAuthType, fURLAuthRequired}
	case "GetFunctionUrlConfig", "UpdateFunctionUrlConfig", "DeleteFunctionUrlConfig":
		o = operation{name, onURL, kFunctionArn | kURLAuthType, 0}
	case "ListFunctionUrlConfigs":
		o = operation{name, onWholeFunction, kURLAuthType, 0}

	// Layers.
	case "GetLayerVersion", "GetLayerVersionPolicy", "DeleteLayerVersion",
		"AddLayerVersionPermission", "RemoveLayerVersionPermission":
		o = operation{name, onLayerVersion, 0, 0}
	case "GetLayerVersionByArn":
		o = operation{"GetLayerVersion", onLayerVersionARN, 0, 0}
	case "PublishLayerVersion":
		o = operation{name, onLayer, 0, 0}
	case "ListLayers", "ListLayerVersions":
		o = operation{name, onAll, 0, 0}

	// Event source mappings.
	case "CreateEventSourceMapping":
		o = operation{name, onAll, kFunctionArn | kRequestTags, fFunctionRequired}
	case "GetEventSourceMapping", "UpdateEventSourceMapping", "DeleteEventSourceMapping":
		o = operation{name, onEventSourceMapping, kFunctionArn, 0}
	case "ListEventSourceMappings":
		o = operation{name, onAll, 0, 0}

	// Code signing.
	case "CreateCodeSigningConfig":
		o = operation{name, onAll, kRequestTags, 0}
	case "GetCodeSigningConfig", "UpdateCodeSigningConfig", "DeleteCodeSigningConfig", "ListFunctionsByCodeSigningConfig":
		o = operation{name, onCodeSigningConfig, 0, 0}
	case "ListCodeSigningConfigs":
		o = operation{name, onAll, 0, 0}
	case "PutFunctionCodeSigningConfig":
		o = operation{name, onFunctionAndCSC, kCSC, 0}

	// Tags.
	case "TagResource":
		o = operation{name, onTaggable, kRequestTags, fTagsRequired}
	case "UntagResource":
		o = operation{name, onTaggable, kTagKeys, fTagKeysRequired}
	case "ListTags":
		o = operation{name, onTaggable, 0, 0}

	// Durable executions.
	case "GetDurableExecution", "GetDurableExecutionHistory", "GetDurableExecutionState",
		"CheckpointDurableExecution", "StopDurableExecution",
		"SendDurableExecutionCallbackSuccess", "SendDurableExecutionCallbackFailure",
		"SendDurableExecutionCallbackHeartbeat":
		o = operation{name, onDurableExecution, 0, 0}

	// Capacity providers.
	case "CreateCapacityProvider":
		o = operation{name, onCapacityProvider, kSubnetsAndGroups | kRequestTags, 0}
	case "GetCapacityProvider", "UpdateCapacityProvider", "DeleteCapacityProvider",
		"ListFunctionVersionsByCapacityProvider":
		o = operation{name, onCapacityProvider, 0, 0}
	case "ListCapacityProviders":
		o = operation{name, onAll, 0, 0}
	default:
		return operation{}, false
	}
	return o, true
}

// operationNames lists every name lookup knows, in sorted order.
const operationNames = `AddLayerVersionPermission AddPermission CheckpointDurableExecution
CreateAlias CreateCapacityProvider CreateCodeSigningConfig CreateEventSourceMapping
CreateFunction CreateFunctionUrlConfig DeleteAlias DeleteCapacityProvider
DeleteCodeSigningConfig DeleteEventSourceMapping DeleteFunction
DeleteFunctionCodeSigningConfig DeleteFunctionConcurrency DeleteFunctionEventInvokeConfig
DeleteFunctionUrlConfig DeleteLayerVersion DeleteProvisionedConcurrencyConfig
GetAccountSettings GetAlias GetCapacityProvider GetCodeSigningConfig GetDurableExecution
GetDurableExecutionHistory GetDurableExecutionState GetEventSourceMapping GetFunction
GetFunctionCodeSigningConfig GetFunctionConcurrency GetFunctionConfiguration
GetFunctionEventInvokeConfig GetFunctionRecursionConfig GetFunctionScalingConfig
GetFunctionUrlConfig GetLayerVersion GetLayerVersionByArn GetLayerVersionPolicy GetPolicy
GetProvisionedConcurrencyConfig GetRuntimeManagementConfig Invoke InvokeAsync
InvokeFunctionUrl InvokeWithResponseStream ListAliases ListCapacityProviders
ListCodeSigningConfigs ListDurableExecutionsByFunction ListEventSourceMappings
ListFunctionEventInvokeConfigs ListFunctionUrlConfigs ListFunctionVersionsByCapacityProvider
ListFunctions ListFunctionsByCodeSigningConfig ListLayerVersions ListLayers
ListProvisionedConcurrencyConfigs ListTags ListVersionsByFunction PublishLayerVersion
PublishVersion PutFunctionCodeSigningConfig PutFunctionConcurrency
PutFunctionEventInvokeConfig PutFunctionRecursionConfig PutFunctionScalingConfig
PutProvisionedConcurrencyConfig PutRuntimeManagementConfig RemoveLayerVersionPermission
RemovePermission SendDurableExecutionCallbackFailure SendDurableExecutionCallbackHeartbeat
SendDurableExecutionCallbackSuccess StopDurableExecution TagResource UntagResource
UpdateAlias UpdateCapacityProvider UpdateCodeSigningConfig UpdateEventSourceMapping
UpdateFunctionCode UpdateFunctionConfiguration UpdateFunctionEventInvokeConfig
UpdateFunctionUrlConfig`

// Operations returns the names of the operations Requests knows, sorted:
// the Lambda API operations and InvokeFunctionUrl, the pseudo-operation of
// a function URL request. The slice is new on every call.
func Operations() []string { return strings.Fields(operationNames) }

// Action returns the IAM action that authorizes operation, such as
// "lambda:InvokeFunction" for "Invoke", and false for an operation
// Requests does not know. It is the action of the operation's main
// request; see Requests for the others a call may need.
func Action(operation string) (string, bool) {
	o, ok := lookup(operation)
	if !ok {
		return "", false
	}
	return "lambda:" + o.action, true
}

// ActionsOn returns the IAM actions (such as "lambda:GetFunction") that
// the operations Requests knows authorize against a resource of kind k, as
// their own request: for a qualified function ARN (KindFunctionVersion,
// KindFunctionAlias, KindFunctionLatest), the actions of the operations
// that take a qualifier (rule F3), the provisioned concurrency actions,
// and for an alias the function URL actions; for KindFunction every
// function action; for the other kinds the actions on that resource.
// Actions authorized against "*" are not listed for any kind. The result
// is sorted, without duplicates, and new on every call.
func ActionsOn(k arn.Kind) []string {
	var out []string
	for _, name := range Operations() {
		o, _ := lookup(name)
		if o.appliesTo(k) {
			out = append(out, "lambda:"+o.action)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// appliesTo reports whether the operation's own request can be on a
// resource of kind k.
func (o operation) appliesTo(k arn.Kind) bool {
	switch o.on {
	case onFunction:
		return k == arn.KindFunction || k == arn.KindFunctionVersion || k == arn.KindFunctionAlias || k == arn.KindFunctionLatest
	case onWholeFunction:
		return k == arn.KindFunction
	case onVersionOrAlias:
		return k == arn.KindFunctionVersion || k == arn.KindFunctionAlias || k == arn.KindFunctionLatest
	case onURL:
		return k == arn.KindFunction || k == arn.KindFunctionAlias
	case onFunctionAndCSC:
		return k == arn.KindFunction || k == arn.KindCodeSigningConfig
	case onLayer:
		return k == arn.KindLayer
	case onLayerVersion, onLayerVersionARN:
		return k == arn.KindLayerVersion
	case onEventSourceMapping:
		return k == arn.KindEventSourceMapping
	case onCodeSigningConfig:
		return k == arn.KindCodeSigningConfig
	case onTaggable:
		switch k {
		case arn.KindFunction, arn.KindEventSourceMapping, arn.KindCodeSigningConfig,
			arn.KindCapacityProvider, arn.KindNetworkConnector, arn.KindMicrovmImage:
			return true
		}
	case onDurableExecution:
		return k == arn.KindDurableExecution
	case onCapacityProvider:
		return k == arn.KindCapacityProvider
	}
	return false
}
