package caseload

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/lambdaiam/lambdaiam/policy"
)

// Option configures Load and ParseLine.
type Option func(*config)

// WithDir lets cases reference policy files on the operating system's file
// system: a reference is a slash-separated path relative to dir, usually
// the directory of the case file (filepath.Dir of its name). It may climb
// out of dir with "..", so a team can keep its policies in one directory
// and its cases in another. The file's name in positions and errors is
// filepath.Join(dir, ref).
func WithDir(dir string) Option {
	return func(c *config) { c.src = fileSource{dir: dir} }
}

// WithFS lets cases reference policy files in fsys: a reference is a
// slash-separated path relative to dir, a directory of fsys ("." for its
// root). Unlike WithDir, a reference cannot leave fsys. The file's name
// in positions and errors is path.Join(dir, ref).
func WithFS(fsys fs.FS, dir string) Option {
	return func(c *config) { c.src = fileSource{fsys: fsys, dir: dir, isFS: true} }
}

type config struct {
	src   fileSource
	files map[fileKey]*policyFile // parsed files, per Load or ParseLine call
}

type fileKey struct {
	ref  string
	kind policy.Kind
}

// policyFile is a referenced policy file, read and parsed: doc, or err
// (a policy.ErrorList) when the policy does not parse.
type policyFile struct {
	name string
	doc  *policy.Document
	err  error
}

func newConfig(opts []Option) *config {
	c := &config{}
	for _, o := range opts {
		if o != nil {
			o(c)
		}
	}
	return c
}

// errNoFiles is the error for a file reference when no option allows
// them.
var errNoFiles = errors.New("policy file references are not enabled for this input")

// policyFile reads and parses the policy file ref with the given kind,
// once per config. The error is for a file that cannot be read; a policy
// that does not parse is a policyFile with err set.
func (c *config) policyFile(ref string, kind policy.Kind) (*policyFile, error) {
	k := fileKey{ref, kind}
	if f, ok := c.files[k]; ok {
		return f, nil
	}
	data, name, err := c.src.read(ref)
	if err != nil {
		return nil, err
	}
	f := &policyFile{name: name}
	f.doc, f.err = policy.Parse(data, policy.WithKind(kind), policy.WithSource(name), policy.WithEnvelope(policy.EnvelopeAuto))
	if c.files == nil {
		c.files = map[fileKey]*policyFile{}
	}
	c.files[k] = f
	return f, nil
}

// fileSource is where policy file references are read from: nothing (the
// zero value), a directory of the operating system, or a directory of an
// fs.FS.
type fileSource struct {
	fsys fs.FS
	dir  string
	isFS bool
}

// maxPolicyFile bounds the bytes read from a policy file: one more than
// policy.Parse accepts, so that a larger file is reported by the parser
// ("too-large") without being read whole.
const maxPolicyFile = policy.DefaultMaxBytes + 1

func (s fileSource) read(ref string) (data []byte, name string, err error) {
	var f fs.File
	switch {
	case ref == "":
		return nil, "", errors.New("the file name is empty")
	case path.IsAbs(ref) || filepath.IsAbs(ref) || filepath.VolumeName(ref) != "" || strings.HasPrefix(ref, `\`):
		return nil, "", errors.New("a policy file is named relative to the case file, not by an absolute path")
	case s.isFS:
		name = path.Join(s.dir, ref)
		if !fs.ValidPath(name) {
			return nil, "", errors.New("the file is outside the case files' file system")
		}
		if s.fsys == nil {
			return nil, "", errNoFiles
		}
		f, err = s.fsys.Open(name)
	case s.dir == "":
		return nil, "", errNoFiles
	default:
		name = filepath.Join(s.dir, filepath.FromSlash(ref))
		f, err = os.Open(name)
	}
	if err != nil {
		return nil, name, err
	}
	defer f.Close()
	data, err = io.ReadAll(io.LimitReader(f, maxPolicyFile))
	return data, name, err
}

// MaxFileSize is the largest case file LoadFile reads (8 MiB).
const MaxFileSize = 8 << 20

// LoadFile reads the case file name and loads its cases (see Load), with
// name as their source. Policy file references are read relative to the
// file's directory (WithDir(filepath.Dir(name))) unless opts say
// otherwise. The error is for a file that cannot be read or is larger
// than MaxFileSize, or from Load.
func LoadFile(name string, opts ...Option) ([]Case, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, &Error{Source: name, Msg: "the case file is over the 8 MiB limit"}
	}
	return Load(data, name, append([]Option{WithDir(filepath.Dir(name))}, opts...)...)
}

// IsCaseFileName reports whether a file met while walking a directory is a
// case file: its name ends in ".jsonl", ".cases.json" or ".case.json".
// Other files, policy documents among them, are not read. A file named
// explicitly is a case file whatever its name.
func IsCaseFileName(name string) bool {
	return strings.HasSuffix(name, ".jsonl") || strings.HasSuffix(name, ".cases.json") || strings.HasSuffix(name, ".case.json")
}

// FindFiles returns the case files at name: name itself when it is a file,
// whatever it is called; for a directory, every regular file below it that
// IsCaseFileName accepts, in lexical order, skipping directories whose
// names start with ".". Symbolic links to directories are not followed.
func FindFiles(name string) ([]string, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []string{name}, nil
	}
	var files []string
	err = filepath.WalkDir(name, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != name && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if !IsCaseFileName(d.Name()) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if info, err := os.Stat(p); err != nil || !info.Mode().IsRegular() {
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		files = append(files, p)
		return nil
	})
	sort.Strings(files)
	return files, err
}
