package policy

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const fnPolicy = `{"Version":"2012-10-17","Id":"default","Statement":[{"Sid":"s3invoke","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-2:111122223333:function:my-function","Condition":{"StringEquals":{"AWS:SourceAccount":"111122223333"},"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::my-bucket+x"}}}]}`

func getPolicyOutput(doc string) string {
	return "{\n    \"Policy\": " + strconv.Quote(doc) + ",\n    \"RevisionId\": \"4843f2f6-7c59-4fda-b484-afd0bc0e22b8\"\n}\n"
}

// urlEncode percent-encodes a document as IAM's APIs do (RFC 3986).
func urlEncode(doc string) string {
	return strings.ReplaceAll(url.QueryEscape(doc), "+", "%20")
}

func TestEnvelopes(t *testing.T) {
	plain, err := Parse([]byte(fnPolicy), WithKind(KindResource))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		env      Envelope
		input    string
		want     Envelope
		wantErrs []wantErr
		errText  string // text whose position the first error has
		errInner bool   // the error position is in the inner document
		source   string // Source of the first error
	}{
		{name: "G1/envelope-get-policy", env: EnvelopeGetPolicy, input: getPolicyOutput(fnPolicy), want: EnvelopeGetPolicy},
		{name: "G1/envelope-get-policy-auto", env: EnvelopeAuto, input: getPolicyOutput(fnPolicy), want: EnvelopeGetPolicy},
		{name: "G1/envelope-get-policy-only-policy", env: EnvelopeAuto, input: `{"Policy":` + strconv.Quote(fnPolicy) + `}`, want: EnvelopeGetPolicy},
		{name: "G1/envelope-url-encoded", env: EnvelopeURLEncoded, input: urlEncode(fnPolicy), want: EnvelopeURLEncoded},
		{name: "G1/envelope-url-encoded-auto", env: EnvelopeAuto, input: "  " + urlEncode(fnPolicy) + "\n", want: EnvelopeURLEncoded},
		{name: "G1/envelope-url-encoded-lower-hex-auto", env: EnvelopeAuto, input: strings.ToLower(urlEncode(fnPolicy)[:3]) + urlEncode(fnPolicy)[3:], want: EnvelopeURLEncoded},
		{name: "G1/envelope-auto-plain", env: EnvelopeAuto, input: fnPolicy, want: EnvelopeNone},
		{name: "G1/envelope-none-rejects-get-policy", env: EnvelopeNone, input: getPolicyOutput(fnPolicy),
			wantErrs: []wantErr{
				{CodeMissingStatement, "", at{text: "{"}},
				{CodeUnknownElement, "/Policy", at{text: `"Policy"`}},
				{CodeUnknownElement, "/RevisionId", at{text: `"RevisionId"`}},
			}},
		{name: "G1/envelope-get-policy-rejects-plain", env: EnvelopeGetPolicy, input: fnPolicy,
			wantErrs: []wantErr{
				{CodeInvalidEnvelope, "/Version", at{text: `"Version"`}},
				{CodeInvalidEnvelope, "/Id", at{text: `"Id"`}},
				{CodeInvalidEnvelope, "/Statement", at{text: `"Statement"`}},
			}},
		{name: "G1/envelope-get-policy-not-a-string", env: EnvelopeGetPolicy, input: `{"Policy":{"Statement":[]}}`,
			wantErrs: []wantErr{{CodeInvalidEnvelope, "/Policy", at{text: `{"Statement"`}}}},
		{name: "G1/envelope-get-policy-missing-policy", env: EnvelopeGetPolicy, input: `{"RevisionId":"x"}`,
			wantErrs: []wantErr{{CodeInvalidEnvelope, "", at{text: `{`}}}},
		{name: "G9/envelope-get-policy-duplicate-policy", env: EnvelopeAuto, input: `{"Policy":` + strconv.Quote(fnPolicy) + `,"Policy":"{}"}`,
			wantErrs: []wantErr{{CodeDuplicateKey, "/Policy", at{text: `"Policy"`, nth: 2}}}},
		{name: "G1/envelope-get-policy-syntax", env: EnvelopeGetPolicy, input: `{"Policy": "{}",}`,
			wantErrs: []wantErr{{CodeSyntax, "", at{text: `}`, nth: 2}}}},
		{name: "G1/envelope-get-policy-auto-not-string-is-plain", env: EnvelopeAuto, input: `{"Policy":5}`,
			wantErrs: []wantErr{
				{CodeMissingStatement, "", at{text: "{"}},
				{CodeUnknownElement, "/Policy", at{text: `"Policy"`}},
			}},
		{name: "G1/envelope-url-bad-escape", env: EnvelopeURLEncoded, input: "%7B%22Statement%2", wantErrs: []wantErr{{CodeInvalidEnvelope, "", at{text: "%2", nth: 2}}}},
		{name: "G1/envelope-url-not-encoded", env: EnvelopeURLEncoded, input: fnPolicy, wantErrs: []wantErr{{CodeInvalidEnvelope, "", at{text: "{"}}}},
		{name: "G1/envelope-url-invalid-utf8-inside", env: EnvelopeURLEncoded, input: "%7B%FF%7D", wantErrs: nil, errText: "\xff", errInner: true, source: "u.json (URL-decoded)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Parse([]byte(tc.input), WithKind(KindResource), WithEnvelope(tc.env), WithSource("u.json"))
			if tc.errText != "" {
				list, _ := err.(ErrorList)
				if len(list) == 0 {
					t.Fatalf("no error")
				}
				inner := "{\xff}"
				w := posOf(t, inner, at{text: tc.errText})
				if list[0].Pos.Offset != w.Offset || list[0].Pos.Source != tc.source {
					t.Errorf("error %+v, want offset %d source %q", list[0], w.Offset, tc.source)
				}
				return
			}
			var want []gotErr
			for _, w := range tc.wantErrs {
				g := posOf(t, tc.input, w.at)
				g.Code, g.Pointer = w.code, w.ptr
				want = append(want, g)
			}
			if diff := cmp.Diff(want, summarize(t, err)); diff != "" {
				t.Fatalf("errors (-want +got):\n%s\n%v", diff, err)
			}
			if err != nil {
				if s := err.(ErrorList)[0].Pos.Source; s != "u.json" {
					t.Errorf("envelope error Source = %q, want u.json", s)
				}
				return
			}
			if doc.Envelope != tc.want {
				t.Errorf("Envelope = %v, want %v", doc.Envelope, tc.want)
			}
			if diff := cmp.Diff(plain, doc, ignorePositions()...); diff != "" {
				t.Errorf("document differs from the plain one (-want +got):\n%s", diff)
			}
			// Positions are in the inner document.
			if diff := cmp.Diff(plain.Statements[0].Pos.Offset, doc.Statements[0].Pos.Offset); diff != "" {
				t.Errorf("statement offset (-plain +enveloped):\n%s", diff)
			}
		})
	}
}

// TestEnvelopeErrorPositions checks that errors inside an enveloped
// document point into the inner document and name it in Source.
func TestEnvelopeErrorPositions(t *testing.T) {
	inner := "{\n \"Statement\": {\"Effect\": \"allow\", \"Principal\": \"*\", \"Action\": \"lambda:*\", \"Resource\": \"*\"}\n}"
	w := posOf(t, inner, at{text: `"allow"`})
	for _, tc := range []struct {
		name   string
		env    Envelope
		input  string
		source string
	}{
		{"G4/get-policy-inner-position", EnvelopeAuto, getPolicyOutput(inner), "fn.json (Policy)"},
		{"G4/url-encoded-inner-position", EnvelopeAuto, urlEncode(inner), "fn.json (URL-decoded)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.input), WithKind(KindResource), WithEnvelope(tc.env), WithSource("fn.json"))
			got := summarize(t, err)
			want := []gotErr{{Code: CodeInvalidEffect, Pointer: "/Statement/Effect", Pos: w.Pos, Offset: w.Offset}}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("(-want +got):\n%s", diff)
			}
			if s := err.(ErrorList)[0].Pos.Source; s != tc.source {
				t.Errorf("Source = %q, want %q", s, tc.source)
			}
			wantText := tc.source + ":" + w.Pos + ": /Statement/Effect: "
			if !strings.HasPrefix(err.Error(), wantText) {
				t.Errorf("Error() = %q, want prefix %q", err.Error(), wantText)
			}
		})
	}
}
