// Package goldenfile compares a test's output with a golden file, the
// expected output kept under testdata/, which the package's -update flag
// rewrites instead.
package goldenfile

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Compare fails t when got differs from the file at path, showing the
// difference, or when the file cannot be read. With update, it writes got
// to path instead and compares nothing.
func Compare(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the package's tests with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}
