package policy

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tidwall/gjson"
)

// benchPolicy returns the first identity policy of a case file in
// ../testdata/bench.
func benchPolicy(b *testing.B, file string) []byte {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "bench", file))
	if err != nil {
		b.Skipf("bench data: %v", err)
	}
	var raw string
	gjson.ParseBytes(data).ForEach(func(k, v gjson.Result) bool {
		if k.Str == "identityPolicies" {
			v.ForEach(func(_, p gjson.Result) bool {
				raw = p.Raw
				return false
			})
		}
		return true
	})
	if raw == "" {
		b.Fatalf("%s: no identity policy", file)
	}
	return []byte(raw)
}

func benchmarkParse(b *testing.B, file string) {
	data := benchPolicy(b, file)
	if _, err := Parse(data); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseSmall(b *testing.B) { benchmarkParse(b, "small.json") }
func BenchmarkParseLarge(b *testing.B) { benchmarkParse(b, "large.json") }

func BenchmarkMarshalLarge(b *testing.B) {
	data := benchPolicy(b, "large.json")
	doc, err := Parse(data)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out, err := doc.MarshalJSON()
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(out)))
	}
}

// BenchmarkParseErrors measures a policy with an error in every statement.
func BenchmarkParseErrors(b *testing.B) {
	data := []byte(`{"Statement":[` + repeat(`{"Effect":"allow","Action":"*","Resource":"*"},`, 50) + `{"Effect":"Allow","Action":"*","Resource":"*"}]}`)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Parse(data); err == nil {
			b.Fatal("no error")
		}
	}
}

func repeat(s string, n int) string {
	out := make([]byte, 0, len(s)*n)
	for i := 0; i < n; i++ {
		out = append(out, s...)
	}
	return string(out)
}
