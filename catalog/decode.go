package catalog

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/lambdaiam/lambdaiam/catalog/internal/schema"
)

// decode builds a Catalog from gzip-compressed JSON data.
func decode(gz string) (*Catalog, error) {
	zr, err := gzip.NewReader(strings.NewReader(gz))
	if err != nil {
		return nil, err
	}
	js, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	var fd schema.File
	if err := json.Unmarshal(js, &fd); err != nil {
		return nil, err
	}
	return build(&fd)
}

// checkName checks that a name can be looked up: ASCII, shorter than the
// fold buffers.
func checkName(what, s string) error {
	if s == "" || len(s) >= maxFold {
		return fmt.Errorf("%s %q: empty or too long", what, s)
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return fmt.Errorf("%s %q: not ASCII", what, s)
		}
	}
	return nil
}

func lower(s string) string { return strings.ToLower(s) }

func build(fd *schema.File) (*Catalog, error) {
	c := &Catalog{
		version:    fd.Version,
		serviceIdx: map[string][2]int{},
		names:      map[string]string{},
		rcp:        map[string]bool{},
		actionIdx:  map[string]int32{},
		ops:        map[string]int32{},
		resIdx:     map[string]int32{},
		keyIdx:     map[string]int32{},
	}
	for p, n := range fd.ServiceNames {
		if err := checkName("service", p); err != nil {
			return nil, err
		}
		c.names[lower(p)] = n
	}
	for _, p := range fd.RCPServices {
		c.rcp[lower(p)] = true
	}
	addKey := func(k schema.Key) error {
		if err := checkName("key", k.Name); err != nil {
			return err
		}
		lk := lower(k.Name)
		if i, ok := c.keyIdx[lk]; ok {
			if string(c.keys[i].Type) != k.Type {
				return fmt.Errorf("key %s has types %s and %s", k.Name, c.keys[i].Type, k.Type)
			}
			if c.keys[i].Description == "" {
				c.keys[i].Description = k.Description
			}
			return nil
		}
		t := KeyType(k.Type)
		if t == "" {
			return fmt.Errorf("key %s has no type", k.Name)
		}
		c.keyIdx[lk] = int32(len(c.keys))
		c.keys = append(c.keys, KeyInfo{Name: k.Name, Type: t, Multivalued: t.Multivalued(), Description: k.Description})
		return nil
	}
	for _, k := range fd.GlobalKeys {
		if err := addKey(k); err != nil {
			return nil, err
		}
		c.globalKeys = append(c.globalKeys, k.Name)
	}
	slices.SortFunc(c.globalKeys, cmpFold)

	services := slices.Clone(fd.Services)
	slices.SortFunc(services, func(a, b schema.Service) int { return strings.Compare(a.Prefix, b.Prefix) })
	for si := range services {
		s := &services[si]
		if err := checkName("service", s.Prefix); err != nil {
			return nil, err
		}
		if s.Prefix != lower(s.Prefix) || strings.Contains(s.Prefix, ":") {
			return nil, fmt.Errorf("service prefix %q is not lower case", s.Prefix)
		}
		if _, dup := c.serviceIdx[s.Prefix]; dup {
			return nil, fmt.Errorf("service %s listed twice", s.Prefix)
		}
		c.services = append(c.services, s.Prefix)
		if _, ok := c.names[s.Prefix]; !ok {
			c.names[s.Prefix] = s.Name
		}

		rts := slices.Clone(s.ResourceTypes)
		slices.SortFunc(rts, func(a, b schema.Resource) int { return cmpFold(a.Name, b.Name) })
		for _, r := range rts {
			if err := checkName("resource type", s.Prefix+":"+r.Name); err != nil {
				return nil, err
			}
			k := lower(s.Prefix + ":" + r.Name)
			if _, dup := c.resIdx[k]; dup {
				return nil, fmt.Errorf("resource type %s listed twice", k)
			}
			c.resIdx[k] = int32(len(c.resTypes))
			c.resTypes = append(c.resTypes, resType{
				ResourceType: ResourceType{Service: s.Prefix, Name: r.Name, ARNPattern: r.ARN, ConditionKeys: slices.Clip(r.ConditionKeys)},
				pat:          compileARNPattern(s.Prefix, r.Name, r.ARN),
			})
		}

		acts := slices.Clone(s.Actions)
		slices.SortFunc(acts, func(a, b schema.Action) int { return cmpFold(a.Name, b.Name) })
		lo := len(c.actions)
		for _, a := range acts {
			full := s.Prefix + ":" + a.Name
			if err := checkName("action", full); err != nil {
				return nil, err
			}
			lf := lower(full)
			if _, dup := c.actionIdx[lf]; dup {
				return nil, fmt.Errorf("action %s listed twice", full)
			}
			if len(a.AccessLevel) == 0 {
				return nil, fmt.Errorf("action %s has no access level", full)
			}
			info := ActionInfo{
				Service:          s.Prefix,
				Name:             a.Name,
				AccessLevel:      AccessLevel(a.AccessLevel[0]),
				ConditionKeys:    slices.Clip(a.ConditionKeys),
				DependentActions: slices.Clip(a.DependentActions),
				WildcardOnly:     len(a.ResourceTypes) == 0,
				Description:      a.Description,
				APIOperations:    slices.Clip(a.APIOperations),
			}
			for _, l := range a.AccessLevel {
				info.AccessLevels = append(info.AccessLevels, AccessLevel(l))
			}
			info.AccessLevels = slices.Clip(info.AccessLevels)
			for _, r := range a.ResourceTypes {
				if _, ok := c.resIdx[lower(s.Prefix+":"+r.Name)]; !ok {
					return nil, fmt.Errorf("action %s names unknown resource type %q", full, r.Name)
				}
				info.ResourceTypes = append(info.ResourceTypes, ResourceRef{Name: r.Name, Required: r.Required,
					ConditionKeys: slices.Clip(r.ConditionKeys), DependentActions: slices.Clip(r.DependentActions)})
			}
			info.ResourceTypes = slices.Clip(info.ResourceTypes)
			idx := int32(len(c.actions))
			c.actionIdx[lf] = idx
			c.actions = append(c.actions, info)
			c.lowerFull = append(c.lowerFull, lf)
			for _, op := range a.APIOperations {
				if err := checkName("operation", s.Prefix+":"+op); err != nil {
					return nil, err
				}
				k := lower(s.Prefix + ":" + op)
				if _, dup := c.ops[k]; dup {
					return nil, fmt.Errorf("operation %s mapped twice", k)
				}
				c.ops[k] = idx
			}
		}
		c.serviceIdx[s.Prefix] = [2]int{lo, len(c.actions)}

		for _, k := range s.Keys {
			if err := addKey(k); err != nil {
				return nil, err
			}
		}
	}
	for i, k := range c.keys {
		if p, s, ok := parseTemplate(k.Name); ok {
			c.templates = append(c.templates, keyTemplate{prefix: lower(p), suffix: lower(s), key: int32(i)})
		}
	}
	// Most specific (longest fixed text) first, then by name for a
	// stable order.
	slices.SortStableFunc(c.templates, func(a, b keyTemplate) int {
		if d := len(b.prefix) + len(b.suffix) - len(a.prefix) - len(a.suffix); d != 0 {
			return d
		}
		return strings.Compare(a.prefix+a.suffix, b.prefix+b.suffix)
	})
	return c, nil
}
