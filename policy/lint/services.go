package lint

// typedServices are services the catalog does not describe whose ARNs
// start the resource part with a resource-type token ("stack/...",
// "stateMachine:...", "secret:..."), sorted. For a catalogued service the
// catalog's ARN patterns decide. Services that put a name there (S3
// buckets, SQS queues, SNS topics) are never typed, since a wildcard
// there is an ordinary name pattern.
var typedServices = []string{
	"cloudformation", "ecr", "ecs", "events", "rds", "secretsmanager", "ssm", "states",
}
