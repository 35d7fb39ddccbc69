package policy

import (
	"encoding/json"
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// FuzzParse checks properties of Parse on any input:
//   - it never panics, and returns exactly one of a Document and an error;
//   - an error is a non-empty ErrorList in document order, each entry with
//     a code, a message and a position inside the input;
//   - a Document's text is valid JSON (gjson and encoding/json agree);
//   - MarshalJSON of a Document parses again (same kind) to an equal
//     Document, and marshals to the same bytes.
func FuzzParse(f *testing.F) {
	for _, c := range loadCorpus(f) {
		for _, p := range c.pols {
			f.Add(p.raw, uint8(p.kind), uint8(EnvelopeNone))
		}
	}
	f.Add([]byte(getPolicyOutput(fnPolicy)), uint8(KindResource), uint8(EnvelopeAuto))
	f.Add([]byte(urlEncode(fnPolicy)), uint8(KindResource), uint8(EnvelopeAuto))
	f.Add([]byte(`{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"a\u00e9/~b":[1,true,"\u0009"]}}}}`), uint8(KindIdentity), uint8(EnvelopeNone))
	f.Fuzz(func(t *testing.T, data []byte, kind, env uint8) {
		k := Kind(kind % uint8(numKinds))
		e := Envelope(env % 4)
		doc, err := Parse(data, WithKind(k), WithEnvelope(e), WithSource("f"))
		if (doc == nil) == (err == nil) {
			t.Fatalf("Parse returned doc=%v and err=%v", doc != nil, err)
		}
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %T %v is not a non-empty ErrorList", err, err)
			}
			prev := -1
			for _, x := range list {
				if x.Code == "" || x.Msg == "" {
					t.Fatalf("error without code or message: %+v", x)
				}
				if x.Code == CodeTooLarge {
					continue
				}
				if x.Pos.Offset < 0 || x.Pos.Offset > len(data) || x.Pos.Line < 1 || x.Pos.Column < 1 {
					t.Fatalf("error position %+v outside the input of %d bytes: %v", x.Pos, len(data), x)
				}
				if x.Pos.Offset < prev {
					t.Fatalf("errors out of order: %v", list)
				}
				prev = x.Pos.Offset
			}
			return
		}
		if !utf8.ValidString(doc.text) || !json.Valid([]byte(doc.text)) {
			t.Fatalf("accepted text that encoding/json rejects: %q", doc.text)
		}
		b1, err := doc.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON: %v", err)
		}
		doc2, err := Parse(b1, WithKind(k))
		if err != nil {
			t.Fatalf("Parse(MarshalJSON()) failed: %v\ninput: %q\nmarshaled: %s", err, data, b1)
		}
		if diff := cmp.Diff(doc, doc2, ignorePositions()...); diff != "" {
			t.Fatalf("round trip changed the document (-before +after):\n%s", diff)
		}
		b2, err := doc2.MarshalJSON()
		if err != nil || string(b1) != string(b2) {
			t.Fatalf("MarshalJSON is not stable:\n%s\n%s", b1, b2)
		}
	})
}
