package difftest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The reference evaluator lives next to the repository, in
// ../shared/oracle/iam-simulate relative to the repository root (the
// directory holding go.mod). It is a Node program under the AGPL: it is
// only ever run as a separate process, and nothing of it is copied into
// this module. The differential test skips when it, node or npm is absent.
const oracleRel = "../shared/oracle/iam-simulate"

// oracleResult is one output line of the reference evaluator.
type oracleResult struct {
	Name     *string         `json:"name"`
	Decision *string         `json:"decision"`
	Error    *string         `json:"error"`
	Explain  json.RawMessage `json:"explain"`
	Warnings []string        `json:"warnings"`
}

// repoRoot walks up from the working directory to the directory that
// holds go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// prepareOracle returns a directory holding an installed copy of the
// reference evaluator, or skips the test when it cannot be had. The install
// (npm ci) is cached under the user cache directory, keyed by a hash of the
// evaluator's files, so that it runs once per version; without a usable
// cache directory it goes into a temporary directory of the test.
func prepareOracle(t testing.TB) string {
	t.Helper()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("differential test skipped: %s is not installed (the reference evaluator needs Node.js >= 20 and npm)", tool)
		}
	}
	root, err := repoRoot()
	if err != nil {
		t.Skipf("differential test skipped: %v", err)
	}
	src := filepath.Join(root, filepath.FromSlash(oracleRel))
	if _, err := os.Stat(filepath.Join(src, "run.mjs")); err != nil {
		t.Skipf("differential test skipped: the reference evaluator is not at %s (%v)", src, err)
	}
	files, key, err := oracleFiles(src)
	if err != nil {
		t.Fatalf("reading the reference evaluator: %v", err)
	}

	cacheRoot := ""
	if dir, err := os.UserCacheDir(); err == nil {
		cacheRoot = filepath.Join(dir, "lambdaiam", "difftest-oracle")
		if err := os.MkdirAll(cacheRoot, 0o755); err != nil {
			cacheRoot = ""
		}
	}
	if cacheRoot == "" {
		dir := filepath.Join(t.TempDir(), "oracle")
		installOracle(t, src, files, dir)
		return dir
	}
	final := filepath.Join(cacheRoot, key)
	if complete(final) {
		return final
	}
	tmp, err := os.MkdirTemp(cacheRoot, "install-")
	if err != nil {
		t.Fatalf("oracle cache: %v", err)
	}
	installOracle(t, src, files, tmp)
	if err := os.Rename(tmp, final); err != nil {
		// Another test process may have finished the same install first.
		os.RemoveAll(tmp)
		if !complete(final) {
			t.Fatalf("oracle cache: %v", err)
		}
	}
	return final
}

const completeMarker = ".lambdaiam-install-complete"

func complete(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, completeMarker))
	return err == nil
}

// oracleFiles lists the regular files at the top of src and hashes their
// names and contents.
func oracleFiles(src string) (names []string, key string, err error) {
	entries, err := os.ReadDir(src)
	if err != nil {
		return nil, "", err
	}
	h := sha256.New()
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			return nil, "", err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", e.Name(), len(b))
		h.Write(b)
		names = append(names, e.Name())
	}
	return names, hex.EncodeToString(h.Sum(nil))[:20], nil
}

// installOracle copies the evaluator's files into dir and runs npm ci
// there. It skips the test when npm cannot reach the registry.
func installOracle(t testing.TB, src string, files []string, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "npm_config_update_notifier=false", "npm_config_loglevel=error")
	out, err := cmd.CombinedOutput()
	if err != nil {
		os.RemoveAll(dir)
		msg := string(out)
		if len(msg) > 2000 {
			msg = msg[len(msg)-2000:]
		}
		if networkFailure(msg) || ctx.Err() != nil {
			t.Skipf("differential test skipped: npm ci could not fetch the reference evaluator's packages (no network?): %v\n%s", err, msg)
		}
		t.Fatalf("npm ci in %s: %v\n%s", dir, err, msg)
	}
	if err := os.WriteFile(filepath.Join(dir, completeMarker), nil, 0o644); err != nil {
		t.Fatal(err)
	}
}

func networkFailure(msg string) bool {
	for _, s := range []string{"ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT",
		"ENETUNREACH", "EHOSTUNREACH", "getaddrinfo", "network", "socket hang up", "request to http"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// runOracle feeds the JSON Lines cases to one node process and returns its
// output lines, one for each case, in order.
func runOracle(ctx context.Context, dir string, cases []byte, verbose bool) ([]oracleResult, error) {
	args := []string{"run.mjs"}
	if verbose {
		args = append(args, "--verbose")
	}
	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(cases)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("node run.mjs: %v\n%s", err, tail(stderr.String(), 2000))
	}
	var out []oracleResult
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		line := sc.Bytes()
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var r oracleResult
		if err := json.Unmarshal(line, &r); err != nil {
			return nil, fmt.Errorf("node run.mjs: output line %d: %v", len(out)+1, err)
		}
		out = append(out, r)
	}
	return out, sc.Err()
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
