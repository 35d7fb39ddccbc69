package lint_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/lambdaiam/lambdaiam/policy"
	"github.com/lambdaiam/lambdaiam/policy/lint"
)

// largeDocs are documents near the parser's size limit shaped to make the
// checks that compare things in pairs work hard.
func largeDocs() map[string]string {
	stmts := func(n int, f func(i int) string) string {
		var b strings.Builder
		b.WriteString(`{"Version": "2012-10-17", "Statement": [`)
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteString(",\n")
			}
			b.WriteString(f(i))
		}
		b.WriteString("]}")
		return b.String()
	}
	long := strings.Repeat("a", 1500)
	return map[string]string{
		"unqualified grants": stmts(5000, func(i int) string {
			return fmt.Sprintf(`{"Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": ["arn:aws:lambda:us-east-1:111122223333:function:f%d", "arn:aws:lambda:*:*:function:g*x%d*:*"]}`, i, i)
		}),
		"identical statements": stmts(4000, func(i int) string {
			return `{"Effect": "Allow", "Action": ["lambda:Get*", "lambda:List*"], "Resource": ["arn:aws:lambda:*:*:function:*", "arn:aws:lambda:*:*:layer:*"]}`
		}),
		"long mismatched resources": stmts(1, func(int) string {
			var b strings.Builder
			b.WriteString(`{"Effect": "Allow", "Action": "lambda:*", "Resource": [`)
			for i := 0; i < 500; i++ {
				if i > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, `"arn:aws:lambda:us-east-1:111122223333:%s%d:x*y*z"`, long, i)
			}
			b.WriteString("]}")
			return b.String()
		}),
		"unknown actions": stmts(5000, func(i int) string {
			return fmt.Sprintf(`{"Effect": "Allow", "Action": "lambda:InvokeFunctionX%d", "Resource": "*"}`, i)
		}),
		"many tag keys": stmts(1, func(int) string {
			var b strings.Builder
			b.WriteString(`{"Effect": "Allow", "Action": ["ec2:*", "lambda:*", "iam:*"], "Resource": "*", "Condition": {"StringEquals": {`)
			for i := 0; i < 5000; i++ {
				if i > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, `"aws:RequestTag/t%d": "v", "ec2:ResourceTag/t%d": "v"`, i, i)
			}
			b.WriteString("}}}")
			return b.String()
		}),
	}
}

// TestLargeInputs lints the large documents: every check's work is
// bounded, so each finishes (in well under a second on a quiet machine;
// the time is logged, not asserted) and returns at most MaxFindings
// findings.
func TestLargeInputs(t *testing.T) {
	for name, src := range largeDocs() {
		t.Run("G10/"+name, func(t *testing.T) {
			doc, err := policy.Parse([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			fs := lint.Check(doc)
			t.Logf("%d bytes, %d statements: %d findings in %v", len(src), len(doc.Statements), len(fs), time.Since(start))
			if len(fs) > lint.MaxFindings {
				t.Errorf("%d findings", len(fs))
			}
		})
	}
}
