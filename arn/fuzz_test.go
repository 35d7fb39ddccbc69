package arn

import (
	"errors"
	"strings"
	"testing"

	"github.com/lambdaiam/lambdaiam/internal/glob"
)

// conformanceResources are the request resources of testdata/conformance.
var conformanceResources = []string{
	"*",
	"arn:aws:iam::111122223333:role/cart-app-getItemsRole-1X2Y3Z",
	"arn:aws:iam::111122223333:role/release-manager",
	"arn:aws:iam::111122223333:role/service-role/cart-service-exec",
	"arn:aws:iam::111122223333:role/service-role/ledger-lambda-exec",
	"arn:aws:lambda:ap-south-1:111122223333:function:fraud-scorer",
	"arn:aws:lambda:ap-south-1:111122223333:function:payments-replica",
	"arn:aws:lambda:eu-west-1:111122223333:function:fraud-scorer",
	"arn:aws:lambda:eu-west-1:111122223333:function:invoice-pdf",
	"arn:aws:lambda:us-east-1:111122223333:code-signing-config:csc-0f1e2d3c4b5a69788",
	"arn:aws:lambda:us-east-1:111122223333:event-source-mapping:a1b2c3d4-5678-90ab-cdef-1234567890ab",
	"arn:aws:lambda:us-east-1:111122223333:function:admin-rotate-keys",
	"arn:aws:lambda:us-east-1:111122223333:function:alexa-skill-handler",
	"arn:aws:lambda:us-east-1:111122223333:function:alice-scratchpad",
	"arn:aws:lambda:us-east-1:111122223333:function:bob-scratchpad",
	"arn:aws:lambda:us-east-1:111122223333:function:cart-app-getAllItemsFunction-Z9Y8",
	"arn:aws:lambda:us-east-1:111122223333:function:cart-reco",
	"arn:aws:lambda:us-east-1:111122223333:function:cart-service",
	"arn:aws:lambda:us-east-1:111122223333:function:cart-service:$LATEST",
	"arn:aws:lambda:us-east-1:111122223333:function:cart-service:prod",
	"arn:aws:lambda:us-east-1:111122223333:function:ci-scratchpad",
	"arn:aws:lambda:us-east-1:111122223333:function:csv-importer",
	"arn:aws:lambda:us-east-1:111122223333:function:csv-importer:live",
	"arn:aws:lambda:us-east-1:111122223333:function:fraud-replay",
	"arn:aws:lambda:us-east-1:111122223333:function:fraud-scorer",
	"arn:aws:lambda:us-east-1:111122223333:function:image-resizer",
	"arn:aws:lambda:us-east-1:111122223333:function:invoice-admin",
	"arn:aws:lambda:us-east-1:111122223333:function:invoice-pdf",
	"arn:aws:lambda:us-east-1:111122223333:function:invoice-pdf:$LATEST",
	"arn:aws:lambda:us-east-1:111122223333:function:invoice-pdf:7",
	"arn:aws:lambda:us-east-1:111122223333:function:invoice-pdf:live",
	"arn:aws:lambda:us-east-1:111122223333:function:ledger-sync",
	"arn:aws:lambda:us-east-1:111122223333:function:orders-api",
	"arn:aws:lambda:us-east-1:111122223333:function:payments-processor",
	"arn:aws:lambda:us-east-1:111122223333:function:public-webhook",
	"arn:aws:lambda:us-east-1:111122223333:function:report-v12",
	"arn:aws:lambda:us-east-1:111122223333:function:shared-geoip",
	"arn:aws:lambda:us-east-1:111122223333:function:status-page",
	"arn:aws:lambda:us-east-1:111122223333:function:thumbnail-gen",
	"arn:aws:lambda:us-east-1:111122223333:layer:otel-collector",
	"arn:aws:lambda:us-east-1:111122223333:layer:otel-collector:4",
	"arn:aws:lambda:us-east-1:111122223333:layer:pdf-fonts:3",
	"arn:aws:lambda:us-east-1:444455556666:layer:pii-redactor:12",
	"arn:aws:lambda:us-west-2:111122223333:function:invoice-pdf",
	"arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/billing-api:log-stream:2026/05/01/[$LATEST]aa11bb22",
	"arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/cart-app-getAllItemsFunction-Z9Y8",
	"arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/cart-service",
	"arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/cart-service:log-stream:2026/05/01/[$LATEST]4f9a0c1d2e3b",
	"arn:aws:sqs:us-east-1:111122223333:cart-checkout-events",
}

// conformancePatterns are the Resource and NotResource entries of testdata/conformance.
var conformancePatterns = []string{
	"*",
	"arn:aws:dynamodb:us-east-1:111122223333:table/cart-app-SampleTable-*",
	"arn:aws:iam::111122223333:role/cart-app-*",
	"arn:aws:iam::111122223333:role/release-manager",
	"arn:aws:iam::111122223333:role/service-role/${aws:PrincipalTag/project}-lambda-*",
	"arn:aws:iam::111122223333:role/service-role/cart-service-exec",
	"arn:aws:lambda:*:*:*",
	"arn:aws:lambda:*:111122223333:function:*",
	"arn:aws:lambda:*:111122223333:function:invoice-pdf",
	"arn:aws:lambda:*:function:invoice-pdf",
	"arn:aws:lambda:?:function:invoice-pdf",
	"arn:aws:lambda:eu-west-1:111122223333:*",
	"arn:aws:lambda:us-east-1:111122223333:code-signing-config:*",
	"arn:aws:lambda:us-east-1:111122223333:event-source-mapping:*",
	"arn:aws:lambda:us-east-1:111122223333:function:${AWS:UserName}-*",
	"arn:aws:lambda:us-east-1:111122223333:function:${aws:PrincipalTag/team, 'shared'}-*",
	"arn:aws:lambda:us-east-1:111122223333:function:${aws:username}-*",
	"arn:aws:lambda:us-east-1:111122223333:function:*",
	"arn:aws:lambda:us-east-1:111122223333:function:Invoice-PDF",
	"arn:aws:lambda:us-east-1:111122223333:function:admin-*",
	"arn:aws:lambda:us-east-1:111122223333:function:alexa-skill-handler",
	"arn:aws:lambda:us-east-1:111122223333:function:break-glass",
	"arn:aws:lambda:us-east-1:111122223333:function:cart-app-getAllItemsFunction-*",
	"arn:aws:lambda:us-east-1:111122223333:function:cart-service",
	"arn:aws:lambda:us-east-1:111122223333:function:cart-service:$LATEST",
	"arn:aws:lambda:us-east-1:111122223333:function:cart-service:*",
	"arn:aws:lambda:us-east-1:111122223333:function:cart-service:3",
	"arn:aws:lambda:us-east-1:111122223333:function:cart-service:prod",
	"arn:aws:lambda:us-east-1:111122223333:function:csv-importer",
	"arn:aws:lambda:us-east-1:111122223333:function:csv-importer:live",
	"arn:aws:lambda:us-east-1:111122223333:function:fraud-scorer",
	"arn:aws:lambda:us-east-1:111122223333:function:image-resizer",
	"arn:aws:lambda:us-east-1:111122223333:function:invoice*",
	"arn:aws:lambda:us-east-1:111122223333:function:invoice-pdf",
	"arn:aws:lambda:us-east-1:111122223333:function:invoice-pdf:*",
	"arn:aws:lambda:us-east-1:111122223333:function:ledger-sync",
	"arn:aws:lambda:us-east-1:111122223333:function:orders-api",
	"arn:aws:lambda:us-east-1:111122223333:function:payments-*",
	"arn:aws:lambda:us-east-1:111122223333:function:payments-processor",
	"arn:aws:lambda:us-east-1:111122223333:function:public-webhook",
	"arn:aws:lambda:us-east-1:111122223333:function:report-v?",
	"arn:aws:lambda:us-east-1:111122223333:function:sandbox-*",
	"arn:aws:lambda:us-east-1:111122223333:function:status-page",
	"arn:aws:lambda:us-east-1:111122223333:function:thumbnail-gen",
	"arn:aws:lambda:us-east-1:111122223333:layer:otel-collector",
	"arn:aws:lambda:us-east-1:111122223333:layer:otel-collector:*",
	"arn:aws:lambda:us-east-1:444455556666:layer:*:*",
	"arn:aws:lambda:us-east-1:444455556666:layer:pii-redactor:12",
	"arn:aws:logs:us-east-1:111122223333:*",
	"arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/cart-service:*",
}

func FuzzParse(f *testing.F) {
	for _, s := range conformanceResources {
		f.Add(s)
	}
	f.Add("arn:aws:lambda:us-east-1:111122223333:function:f:1/durable-execution/e/id")
	f.Add("arn:aws:lambda:us-east-1:111122223333:event-source-mapping:a1b2c3d4-5678-90ab-cdef-1234567890ab")
	f.Add("arn:aws:s3:::b\xff")
	f.Add("arn::::::")
	// Cover the length limit from the start, so that the fuzzer does not
	// spend its time minimizing a long input that merely reaches it.
	f.Add("arn:aws:s3:::" + strings.Repeat("b", MaxLength))
	f.Fuzz(func(t *testing.T, s string) {
		a, err := Parse(s)
		if IsARN(s) != (err == nil) {
			t.Fatalf("IsARN(%q) = %v but Parse error = %v", s, IsARN(s), err)
		}
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) error %T", s, err)
			}
			if pe.Input != s || pe.Offset < 0 || pe.Offset > len(s) || strings.HasPrefix(pe.Code.String(), "ErrorCode(") {
				t.Fatalf("Parse(%q) bad error %+v", s, pe)
			}
			return
		}
		if a.String() != s || string(a.AppendTo(nil)) != s {
			t.Fatalf("Parse(%q).String() = %q", s, a.String())
		}
		b, err := Parse(a.String())
		if err != nil || b != a {
			t.Fatalf("Parse(String()) = %+v, %v; want %+v", b, err, a)
		}
		r, ok := resourceOfChecked(t, a)
		if !ok {
			return
		}
		if r.ARN != a {
			t.Fatalf("ResourceOf(%q).ARN = %+v", s, r.ARN)
		}
		switch r.Kind {
		case KindFunction, KindFunctionVersion, KindFunctionAlias, KindFunctionLatest:
			fn, err := ParseFunction(s)
			if err != nil || fn.String() != s || fn.Kind() != r.Kind {
				t.Fatalf("ParseFunction(%q) = %+v, %v", s, fn, err)
			}
			if len(s) <= MaxFunctionRefLength {
				got, err := ResolveFunction(s, "", a.Partition, a.Region, "")
				if err != nil || got != fn {
					t.Fatalf("ResolveFunction(%q) = %+v, %v; want %+v", s, got, err, fn)
				}
			}
		case KindUnknown:
			t.Fatalf("ResourceOf(%q) succeeded with KindUnknown", s)
		}
	})
}

// resourceOfChecked calls ResourceOf and checks what holds either way: KindOf
// agrees with it, and an error is a *ParseError with an offset inside its
// input. It reports whether a is a Lambda resource.
func resourceOfChecked(t *testing.T, a ARN) (Resource, bool) {
	t.Helper()
	r, err := ResourceOf(a)
	if KindOf(a) != r.Kind {
		t.Fatalf("KindOf = %v, ResourceOf = %v", KindOf(a), r.Kind)
	}
	if err != nil {
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Offset < 0 || pe.Offset > len(pe.Input) {
			t.Fatalf("ResourceOf(%+v) bad error %v", a, err)
		}
		return r, false
	}
	return r, true
}

func FuzzResolveFunction(f *testing.F) {
	f.Add("my-function", "")
	f.Add("my-function:PROD", "PROD")
	f.Add("123456789012:function:f:1", "")
	f.Add("arn:aws:lambda:us-east-1:111122223333:function:f", "$LATEST")
	f.Fuzz(func(t *testing.T, ref, q string) {
		fn, err := ResolveFunction(ref, q, "aws", "us-east-1", "111122223333")
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Offset < 0 || pe.Offset > len(pe.Input) || (pe.Input != ref && pe.Input != q) {
				t.Fatalf("ResolveFunction(%q, %q) bad error %+v", ref, q, err)
			}
			return
		}
		back, err := ParseFunction(fn.String())
		if err != nil || back != fn {
			t.Fatalf("ResolveFunction(%q, %q) = %+v; ParseFunction of it = %+v, %v", ref, q, fn, back, err)
		}
		if q != "" && fn.Qualifier != q {
			t.Fatalf("ResolveFunction(%q, %q) lost the qualifier: %+v", ref, q, fn)
		}
	})
}

// FuzzResolveFunctionCaller varies the caller's partition and region. A
// function that resolves has an ARN that ParseFunction reads back as the
// same function, however long or odd those parts were (regression: a long
// region once gave an ARN that Parse refused).
func FuzzResolveFunctionCaller(f *testing.F) {
	f.Add("f", "aws", "us-east-1")
	f.Add("f:1", "aws-cn", "cn-north-1")
	f.Add("f", "aws", strings.Repeat("9", MaxLength))
	f.Fuzz(func(t *testing.T, ref, partition, region string) {
		fn, err := ResolveFunction(ref, "", partition, region, "111122223333")
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Offset < 0 || pe.Offset > len(pe.Input) ||
				(pe.Input != ref && pe.Input != partition && pe.Input != region) {
				t.Fatalf("ResolveFunction(%q, %q, %q) bad error %+v", ref, partition, region, err)
			}
			return
		}
		back, err := ParseFunction(fn.String())
		if err != nil || back != fn {
			t.Fatalf("ResolveFunction(%q, %q, %q) = %+v; ParseFunction of it = %+v, %v", ref, partition, region, fn, back, err)
		}
	})
}

// FuzzResourceOf assembles an ARN from parts. Whatever ResourceOf accepts,
// ParseResource accepts as text, with the same result.
func FuzzResourceOf(f *testing.F) {
	f.Add("aws", "us-east-1", "111122223333", "function:f:1")
	f.Add("aws", "us-east-1", "111122223333", "event-source-mapping:14e0db71-5d35-4eb5-b481-8945cf9d10c2")
	f.Add("aws", strings.Repeat("9", MaxLength), "111122223333", "layer:l:3")
	f.Fuzz(func(t *testing.T, partition, region, account, resource string) {
		a := ARN{Partition: partition, Service: "lambda", Region: region, AccountID: account, Resource: resource}
		r, ok := resourceOfChecked(t, a)
		if !ok {
			return
		}
		back, err := ParseResource(a.String())
		if err != nil || back != r {
			t.Fatalf("ResourceOf(%+v) = %+v; ParseResource of its text = %+v, %v", a, r, back, err)
		}
	})
}

func FuzzPattern(f *testing.F) {
	for _, p := range conformancePatterns {
		f.Add(p, "arn:aws:lambda:us-east-1:111122223333:function:invoice-pdf")
	}
	for _, s := range conformanceResources {
		f.Add("arn:aws:lambda:*:function:*", s)
	}
	f.Add("a*:?b*c:*", "ab:xb:c:d:e:f")
	f.Add("arn:aws:*:us-*-1:*:function:f*", "arn:aws:lambda:us-east-1:111122223333:function:f:1")
	f.Add("arn:*:x*y:*:*", "arn:a:b:xqy:c:d:e")
	f.Fuzz(func(t *testing.T, pattern, s string) {
		if len(pattern) > 40 || len(s) > 80 {
			return
		}
		p, err := ParsePattern(pattern)
		if err != nil {
			t.Fatalf("ParsePattern(%q): %v", pattern, err)
		}
		want := refPatternMatch(pattern, s)
		if got := p.Match(s); got != want {
			t.Fatalf("ParsePattern(%q).Match(%q) = %v, reference %v", pattern, s, got, want)
		}
		toks := glob.Parse(pattern)
		if got := MatchPatternTokens(toks, s, ShortPad); got != want {
			t.Fatalf("MatchPatternTokens(%q, %q) = %v, reference %v", pattern, s, got, want)
		}
		if got := PatternFromTokens(toks).Match(s); got != want {
			t.Fatalf("PatternFromTokens(%q).Match(%q) = %v, reference %v", pattern, s, got, want)
		}
		wantLike := refMatchLike(pattern, s)
		if got := MatchLike(pattern, s); got != wantLike {
			t.Fatalf("MatchLike(%q, %q) = %v, reference %v", pattern, s, got, wantLike)
		}
		if got := MatchLikeTokens(toks, s); got != wantLike {
			t.Fatalf("MatchLikeTokens(%q, %q) = %v, reference %v", pattern, s, got, wantLike)
		}
		lp := CompileLike(pattern)
		if got := lp.Match(s); got != wantLike {
			t.Fatalf("CompileLike(%q).Match(%q) = %v, reference %v", pattern, s, got, wantLike)
		}
	})
}
