package lint

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdaiam/lambdaiam/condition"
	"github.com/lambdaiam/lambdaiam/policy"
)

// TestFits checks the intersection of a Resource pattern with a resource
// type's ARN pattern, the basis of resource-type-mismatch.
func TestFits(t *testing.T) {
	const (
		function = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}"
		alias    = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}:${Alias}"
		layer    = "arn:${Partition}:lambda:${Region}:${Account}:layer:${LayerName}"
		layerVer = "arn:${Partition}:lambda:${Region}:${Account}:layer:${LayerName}:${LayerVersion}"
		object   = "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
		logGroup = "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}"
	)
	tests := []struct {
		name     string
		pat, typ string
		want     bool
	}{
		{"F1/function ARN is a function", "arn:aws:lambda:us-east-1:111122223333:function:f", function, true},
		{"F1/function ARN is not an alias", "arn:aws:lambda:us-east-1:111122223333:function:f", alias, false},
		{"F1/qualified ARN is an alias", "arn:aws:lambda:us-east-1:111122223333:function:f:PROD", alias, true},
		{"F1/qualified ARN is not a function", "arn:aws:lambda:us-east-1:111122223333:function:f:PROD", function, false},
		{"F1/layer is not a layer version", "arn:aws:lambda:us-east-1:111122223333:layer:l", layerVer, false},
		{"F1/layer version of a layer pattern", "arn:aws:lambda:us-east-1:111122223333:layer:l:*", layerVer, true},
		{"F4/layer is not a function", "arn:aws:lambda:us-east-1:111122223333:layer:l", function, false},
		{"M3/star crosses colons", "arn:aws:lambda:*", alias, true},
		{"M3/star covers the whole resource", "arn:aws:lambda:us-east-1:111122223333:*", layer, true},
		{"M3/question mark is one character", "arn:aws:lambda:?:function:f", function, false},
		{"M3/star alone", "*", function, true},
		{"M3/another service", "arn:aws:s3:::bucket", function, false},
		{"M3.6/short pattern is padded", "arn:aws:lambda", function, true},
		{"F1/S3 object keys hold colons", "arn:aws:s3:::bucket/a:b", object, true},
		{"F1/log group paths", "arn:aws:logs:*:*:log-group:/aws/lambda/*", logGroup, true},
		{"F1/not an ARN", "function:f", function, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			work := 1 << 20
			if got := fits(tt.pat, tt.typ, &work); got != tt.want {
				t.Errorf("fits(%q, %q) = %v, want %v", tt.pat, tt.typ, got, tt.want)
			}
		})
	}
}

// TestCovers checks the conservative coverage of the statement-pair
// checks: true only when every match of e is a match of f.
func TestCovers(t *testing.T) {
	tests := []struct {
		name   string
		action bool
		f, e   string
		want   bool
	}{
		{"M2/star covers all", true, "*", "lambda:GetFunction", true},
		{"M2/service star", true, "lambda:*", "LAMBDA:getfunction", true},
		{"M2/prefix covers prefix", true, "lambda:Get*", "lambda:GetFunction*", true},
		{"M2/other service", true, "lambda:*", "s3:GetObject", false},
		{"M2/narrower pattern does not cover", true, "lambda:GetFunction", "lambda:Get*", false},
		{"M2/inner star pattern cannot tell", true, "lambda:*Function", "lambda:Get*Function", false},
		{"M3/resource star", false, "*", "arn:aws:lambda:us-east-1:111122223333:function:f", true},
		{"M3/function star", false, "arn:aws:lambda:us-east-1:111122223333:function:*", "arn:aws:lambda:us-east-1:111122223333:function:f", true},
		{"M3/prefix covers pattern", false, "arn:aws:lambda:us-east-1:111122223333:function:*", "arn:aws:lambda:us-east-1:111122223333:function:f:*", true},
		{"M3/case-sensitive", false, "arn:aws:lambda:us-east-1:111122223333:function:F*", "arn:aws:lambda:us-east-1:111122223333:function:f", false},
		{"M3/unqualified does not cover qualified", false, "arn:aws:lambda:us-east-1:111122223333:function:f", "arn:aws:lambda:us-east-1:111122223333:function:f:1", false},
		{"M3.6/short pattern cannot tell", false, "arn:aws:lambda", "arn:aws:lambda:us-east-1:111122223333:function:f", false},
		{"D2/variables cover only themselves", false, "arn:aws:lambda:*:*:function:${aws:username}", "arn:aws:lambda:*:*:function:${aws:username}", true},
		{"D2/variable pattern covers nothing else", false, "arn:aws:lambda:*:*:function:${aws:username}*", "arn:aws:lambda:*:*:function:x", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got bool
			if tt.action {
				got = actionCovers(tt.f, tt.e)
			} else {
				got = resourceCovers(tt.f, tt.e, true)
			}
			if got != tt.want {
				t.Errorf("covers(%q, %q) = %v, want %v", tt.f, tt.e, got, tt.want)
			}
		})
	}
}

func TestKeyMatches(t *testing.T) {
	tests := []struct {
		name, tpl, key string
		want           bool
	}{
		{"C6/exact any case", "lambda:FunctionArn", "LAMBDA:functionarn", true},
		{"C6/tag template", "aws:RequestTag/${TagKey}", "aws:requesttag/Team", true},
		{"C6/tag template needs a tag key", "aws:RequestTag/${TagKey}", "aws:RequestTag/", false},
		{"C6/angle placeholder", "s3:ExistingObjectTag/<key>", "s3:ExistingObjectTag/team", true},
		{"C6/other key", "aws:RequestTag/${TagKey}", "aws:ResourceTag/team", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := keyMatches(tt.tpl, tt.key); got != tt.want {
				t.Errorf("keyMatches(%q, %q) = %v, want %v", tt.tpl, tt.key, got, tt.want)
			}
		})
	}
}

func TestVariables(t *testing.T) {
	tests := []struct {
		name, in string
		refs     []varRef
		stripped string
	}{
		{"D1/one variable", "function:${aws:username}-*", []varRef{{key: "aws:username"}}, "function:x-*"},
		{"D4/default", "a${ aws:PrincipalTag/team , 'x'}b", []varRef{{key: "aws:PrincipalTag/team", hasDefault: true}}, "axb"},
		{"D5/special", "${*}${?}", []varRef{{key: "*", special: true}, {key: "?", special: true}}, "xx"},
		{"D1/unterminated is text", "a${b", nil, "a${b"},
		{"D1/no variable", "arn:aws:s3:::b", nil, "arn:aws:s3:::b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.refs, varRefs(tt.in), cmp.AllowUnexported(varRef{})); diff != "" {
				t.Errorf("varRefs(%q) (-want +got):\n%s", tt.in, diff)
			}
			if got := stripVariables(tt.in, "x"); got != tt.stripped {
				t.Errorf("stripVariables(%q) = %q, want %q", tt.in, got, tt.stripped)
			}
		})
	}
}

func TestNotPrincipalProblem(t *testing.T) {
	tests := []struct {
		name string
		aws  []string
		want string // a word the message must hold
	}{
		{"M4/role without its account", []string{"arn:aws:iam::111122223333:role/deployer"}, "not its account"},
		{"M4/session without its role", []string{"111122223333", "arn:aws:sts::111122223333:assumed-role/deployer/ci"}, "not its role"},
		{"M4/complete list still meets boundaries", []string{"arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:role/ops/deployer", "arn:aws:sts::111122223333:assumed-role/deployer/ci"}, "permissions boundary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := notPrincipalProblem(&policy.Principal{AWS: tt.aws}); !strings.Contains(got, tt.want) {
				t.Errorf("message %q does not say %q", got, tt.want)
			}
		})
	}
}

func TestMissingResult(t *testing.T) {
	tests := []struct {
		name string
		op   condition.Operator
		vals []string
		want bool
	}{
		{"C2/positive is false", condition.Operator{Base: condition.StringEquals}, []string{"a"}, false},
		{"C2/negated is true", condition.Operator{Base: condition.StringNotEquals}, []string{"a"}, true},
		{"C2/IfExists is true", condition.Operator{Base: condition.StringEquals, IfExists: true}, []string{"a"}, true},
		{"C2/ForAllValues is true", condition.Operator{Set: condition.ForAllValues, Base: condition.StringEquals}, []string{"a"}, true},
		{"C2/ForAnyValue IfExists is false", condition.Operator{Set: condition.ForAnyValue, Base: condition.StringEquals, IfExists: true}, []string{"a"}, false},
		{"C4/Null true holds", condition.Operator{Base: condition.Null}, []string{"true"}, true},
		{"C4/Null false fails", condition.Operator{Base: condition.Null}, []string{"false"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := missingResult(&policy.Condition{Operator: tt.op, Key: "k", Values: tt.vals}); got != tt.want {
				t.Errorf("missingResult = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"lamda", "lambda", 1}, {"lambda", "lambda", 0}, {"kitten", "sitting", 3}, {"", "abc", 3}, {"abcdef", "a", 3},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b, 3); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
