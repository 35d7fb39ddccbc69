package resourcepolicies_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/evaluate"
	"github.com/lambdaiam/lambdaiam/policy"
)

// load parses one of the example's policy files. EnvelopeAuto accepts a
// policy saved as the output of Lambda's GetPolicy or
// GetLayerVersionPolicy as well as a plain document.
func load(kind policy.Kind, file string) *evaluate.Named {
	data, err := os.ReadFile(filepath.Join("policies", file))
	if err != nil {
		panic(err)
	}
	doc, err := policy.Parse(data, policy.WithKind(kind), policy.WithSource(file), policy.WithEnvelope(policy.EnvelopeAuto))
	if err != nil {
		panic(err)
	}
	return &evaluate.Named{Name: file, Doc: doc}
}

// keys builds a request context.
func keys(kv map[string][]string) *condition.Context { return condition.NewContext(kv) }

// Across accounts both sides must allow: the partner's identity policy and
// the function policy naming the partner's account. A service principal
// needs only the function policy, with its source conditions met.
func Example_crossAccountAndServices() {
	orders := load(policy.KindResource, "orders-api-function-policy.json")
	partner := load(policy.KindIdentity, "partner-invoker.json")
	fn := "arn:aws:lambda:us-east-1:111122223333:function:orders-api"

	invoke := evaluate.Request{
		Principal: "arn:aws:sts::444455556666:assumed-role/partner-invoker/job-42",
		Action:    "lambda:InvokeFunction",
		Resource:  fn,
	}
	both, _ := evaluate.Evaluate(invoke, evaluate.Policies{Identity: []evaluate.Named{*partner}, Resource: orders})
	fmt.Println("partner with its identity policy:", both.Decision)
	alone, _ := evaluate.Evaluate(invoke, evaluate.Policies{Resource: orders})
	fmt.Println("partner without it:", alone.Decision)

	set, err := evaluate.Compile(evaluate.Policies{Resource: orders})
	if err != nil {
		panic(err)
	}
	for _, bucket := range []string{"arn:aws:s3:::orders-uploads", "arn:aws:s3:::someone-elses-bucket"} {
		d := set.Decide(evaluate.Request{
			Principal: "s3.amazonaws.com",
			Action:    "lambda:InvokeFunction",
			Resource:  fn,
			Context:   keys(map[string][]string{"aws:SourceArn": {bucket}, "aws:SourceAccount": {"111122223333"}}),
		})
		fmt.Printf("S3 for %s: %s\n", bucket, d)
	}
	// Output:
	// partner with its identity policy: Allow
	// partner without it: ImplicitDeny
	// S3 for arn:aws:s3:::orders-uploads: Allow
	// S3 for arn:aws:s3:::someone-elses-bucket: ImplicitDeny
}

// A function URL with AuthType NONE still goes through the function
// policy: anonymous callers are allowed only by statements for Principal
// "*". The layer-version policy, saved as GetLayerVersionPolicy printed it,
// shares one version of a layer with the organization.
func Example_urlsAndLayers() {
	status := load(policy.KindResource, "status-page-function-policy.json")
	set, err := evaluate.Compile(evaluate.Policies{Resource: status})
	if err != nil {
		panic(err)
	}
	fn := "arn:aws:lambda:us-east-1:111122223333:function:status-page"
	url := set.Decide(evaluate.Request{Principal: "anonymous", Action: "lambda:InvokeFunctionUrl", Resource: fn,
		Context: keys(map[string][]string{"lambda:FunctionUrlAuthType": {"NONE"}})})
	direct := set.Decide(evaluate.Request{Principal: "anonymous", Action: "lambda:InvokeFunction", Resource: fn})
	fmt.Println("anonymous through the URL:", url)
	fmt.Println("anonymous invoking directly:", direct)

	layer := load(policy.KindResource, "otel-collector-4-layer-policy.json")
	fmt.Println("layer policy read from:", layer.Doc.Envelope)
	identity := load(policy.KindIdentity, "partner-invoker.json")
	for _, org := range []string{"o-a1b2c3d4e5", "o-zz9yy8xx7w"} {
		res, _ := evaluate.Evaluate(evaluate.Request{
			Principal: "arn:aws:sts::777788889999:assumed-role/analytics/nightly",
			Action:    "lambda:GetLayerVersion",
			Resource:  "arn:aws:lambda:us-east-1:111122223333:layer:otel-collector:4",
			Context:   keys(map[string][]string{"aws:PrincipalOrgID": {org}}),
		}, evaluate.Policies{Identity: []evaluate.Named{*identity}, Resource: layer})
		fmt.Printf("caller in %s: %s\n", org, res.Decision)
	}
	// Output:
	// anonymous through the URL: Allow
	// anonymous invoking directly: ImplicitDeny
	// layer policy read from: get-policy
	// caller in o-a1b2c3d4e5: Allow
	// caller in o-zz9yy8xx7w: ImplicitDeny
}
