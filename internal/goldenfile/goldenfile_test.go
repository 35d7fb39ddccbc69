package goldenfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that records failures instead of reporting them.
type recorder struct {
	testing.TB
	failed, fatal bool
	msg           string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.failed, r.msg = true, format
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed, r.fatal, r.msg = true, true, format
	panic(r)
}
func (r *recorder) Fatal(args ...any) { r.Fatalf("%v", args...) }

func compare(t *testing.T, path, got string, update bool) (r *recorder) {
	r = &recorder{TB: t}
	defer func() {
		if p := recover(); p != nil && p != r {
			panic(p)
		}
	}()
	Compare(r, path, []byte(got), update)
	return r
}

func TestCompare(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.golden")
	if r := compare(t, path, "a\n", false); !r.fatal || !strings.Contains(r.msg, "-update") {
		t.Errorf("missing file: failed %v fatal %v msg %q, want a fatal error that names -update", r.failed, r.fatal, r.msg)
	}
	if r := compare(t, path, "a\n", true); r.failed {
		t.Errorf("update failed: %s", r.msg)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "a\n" {
		t.Errorf("update wrote %q, %v", b, err)
	}
	if r := compare(t, path, "a\n", false); r.failed {
		t.Errorf("same output failed: %s", r.msg)
	}
	if r := compare(t, path, "b\n", false); !r.failed || r.fatal {
		t.Errorf("different output: failed %v fatal %v, want a non-fatal failure", r.failed, r.fatal)
	}
}
