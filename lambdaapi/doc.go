// Package lambdaapi turns AWS Lambda API calls into the IAM authorization
// requests AWS makes for them, and decides a call as a whole.
//
// It follows the AWS Lambda API Reference (the operations and their
// FunctionName, Qualifier, Layers, VpcConfig, Role, ... parameters), the
// Lambda Developer Guide pages on the resources and conditions of Lambda
// actions ("Lambda actions, resources and conditions", also titled
// "Fine-tuning the Resources and Conditions sections of policies") and on
// function URL access control, and the Service Authorization Reference
// page "Actions, resources, and condition keys for AWS Lambda". Rule
// numbers (F2, F3, F5, F7) are those of the project's semantics spec.
//
// # Requests
//
// Requests maps a Call (an operation name, its parameters, the caller, the
// endpoint's region and the caller's account) to the authorizations AWS
// makes, in order:
//
//  1. The operation's own request. Its action is the operation's IAM
//     action (lambda:InvokeFunction for Invoke and InvokeWithResponseStream,
//     lambda:GetLayerVersion for GetLayerVersionByArn, else the operation's
//     name). Its resource is the exact ARN of rule F3: FunctionName is
//     expanded as Lambda expands it (arn.ResolveFunction, rule F2); a
//     call that carries a qualifier, as the Qualifier parameter or as a
//     suffix of FunctionName, is authorized against the qualified ARN
//     ($LATEST included), except that operations on the function as a
//     whole (CreateFunction, UpdateFunctionCode, PublishVersion, the alias
//     and concurrency operations, ...) always use the unqualified ARN and
//     reject a qualifier. Layers, event source mappings, code signing
//     configs, capacity providers and durable executions are authorized
//     against their own ARNs, and the actions without a resource type
//     (ListFunctions, CreateEventSourceMapping, ...) against "*". Its
//     context carries the keys the call supplies values for, among those
//     the action defines (rule F5): lambda:Layer, lambda:SubnetIds,
//     lambda:SecurityGroupIds (multivalued), lambda:VpcIds,
//     lambda:CodeSigningConfigArn, lambda:FunctionUrlAuthType,
//     lambda:FunctionArn, lambda:Principal, lambda:EventSourceToken,
//     aws:RequestTag/KEY, aws:TagKeys and aws:ResourceTag/KEY.
//  2. A function URL call (the pseudo-operation InvokeFunctionURL) also
//     needs lambda:InvokeFunction on the same ARN, with
//     lambda:InvokedViaFunctionUrl "true" (rule F7, since October 2025);
//     with AuthType NONE the caller is anonymous.
//  3. CreateFunction, and UpdateFunctionConfiguration with a Role, need
//     iam:PassRole on the execution role with iam:PassedToService
//     "lambda.amazonaws.com".
//  4. CreateFunction and UpdateFunctionConfiguration need
//     lambda:GetLayerVersion on every layer version they attach, in the
//     layer's own account (rule F3).
//
// Operations lists the operations known; Action gives an operation's IAM
// action.
//
// # Authorizing a call
//
// An Authorizer holds the caller's policies and the resource-based
// policies of Lambda resources, each keyed by the exact ARN it is attached
// to (a function, version, alias or layer version has its own policy). Its
// Authorize evaluates every request of a call with package evaluate, each
// with the resource policy of its own resource ARN, so a layer from
// another account is allowed only when that layer version's policy allows
// the caller. The call is allowed when every step is; otherwise Result
// names the first step that failed, the one AWS reports.
//
// # Not modelled
//
// Checks Lambda makes with other identities than the caller's (that the
// service can assume the execution role, that the role can create network
// interfaces, that a KMS key is usable), lambda:PassCapacityProvider and
// lambda:PassNetworkConnector, the network connector and microVM
// operations, and the resource policy operations PutResourcePolicy,
// GetResourcePolicy and DeleteResourcePolicy.
package lambdaapi
