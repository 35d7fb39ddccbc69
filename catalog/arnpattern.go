package catalog

import (
	"strings"
)

// arnPattern is a compiled resource-type ARN pattern such as
// "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}".
type arnPattern struct {
	service string // the pattern's service part when literal, else ""
	toks    []arnTok
}

// arnTok is a literal (class litClass) or a placeholder.
type arnTok struct {
	class class
	lit   string
}

// class is what a placeholder accepts. Every placeholder matches at least
// one character.
type class uint8

const (
	litClass     class = iota
	segmentClass       // no ':' and no '/'
	pathClass          // no ':' ('/' allowed): names with paths
	stampClass         // no '/' (':' allowed): time stamps
	restClass          // anything: S3 object keys
	// Lambda's names (package arn checks the same rules).
	lambdaNameClass      // function name: 1–64 of a–z A–Z 0–9 - _
	lambdaLayerClass     // layer name: 1–140 of the same
	lambdaVersionClass   // a function version (digits) or $LATEST
	lambdaAliasClass     // an alias: name characters, not all digits, ≤128
	lambdaQualifierClass // a version, $LATEST or an alias
	lambdaLayerVerClass  // a layer version: digits without a leading zero
	lambdaIdentClass     // 1–256 of a–z A–Z 0–9 - _ .
	lambdaUUIDClass      // an event source mapping UUID, 8-4-4-4-12 hex
	lambdaCSCClass       // "csc-" and 17 of a–z 0–9
	lambdaAccountClass   // 12 digits
)

// placeholderClass decides what the placeholder name of a resource type
// of service accepts.
func placeholderClass(service, typeName, name string) class {
	if service == "lambda" {
		switch name {
		case "Account":
			return lambdaAccountClass
		case "FunctionName":
			return lambdaNameClass
		case "LayerName":
			return lambdaLayerClass
		case "Version":
			if typeName == "durable execution" {
				return lambdaQualifierClass
			}
			return lambdaVersionClass
		case "Alias":
			return lambdaAliasClass
		case "LayerVersion":
			return lambdaLayerVerClass
		case "UUID":
			return lambdaUUIDClass
		case "CodeSigningConfigId":
			return lambdaCSCClass
		case "ExecutionName", "ExecutionId", "CapacityProviderName", "NetworkConnectorId", "MicrovmImageName":
			return lambdaIdentClass
		}
	}
	switch {
	case name == "ObjectName":
		return restClass
	case name == "StreamLabel":
		return stampClass
	case strings.HasSuffix(name, "Path"), name == "LogGroupName", name == "LogStreamName":
		return pathClass
	}
	return segmentClass
}

// compileARNPattern compiles the ARN pattern of a resource type.
func compileARNPattern(service, typeName, pattern string) arnPattern {
	var p arnPattern
	s := pattern
	for s != "" {
		i := strings.Index(s, "${")
		if i < 0 {
			p.toks = append(p.toks, arnTok{lit: s})
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			p.toks = append(p.toks, arnTok{lit: s})
			break
		}
		if i > 0 {
			p.toks = append(p.toks, arnTok{lit: s[:i]})
		}
		p.toks = append(p.toks, arnTok{class: placeholderClass(service, typeName, s[i+2:i+j])})
		s = s[i+j+1:]
	}
	if parts := strings.SplitN(pattern, ":", 4); len(parts) == 4 && !strings.Contains(parts[2], "${") {
		p.service = parts[2]
	}
	return p
}

// arnService returns the service part of an ARN.
func arnService(arn string) (string, bool) {
	rest, ok := strings.CutPrefix(arn, "arn:")
	if !ok {
		return "", false
	}
	_, rest, ok = strings.Cut(rest, ":")
	if !ok {
		return "", false
	}
	svc, _, ok := strings.Cut(rest, ":")
	return svc, ok
}

// match reports whether arn fits the pattern: literals compare exactly
// and each placeholder takes a non-empty run of characters its class
// accepts. A placeholder's run cannot cross ':' (except restClass), so
// trying each end within the run is linear in practice.
func (p *arnPattern) match(arn string) bool { return matchToks(p.toks, arn) }

func matchToks(toks []arnTok, s string) bool {
	if len(toks) == 0 {
		return s == ""
	}
	t := toks[0]
	if t.class == litClass {
		rest, ok := strings.CutPrefix(s, t.lit)
		return ok && matchToks(toks[1:], rest)
	}
	// The longest run the class's character set allows.
	n := 0
	for n < len(s) && t.class.allows(s[n]) {
		n++
	}
	if len(toks) == 1 {
		return n == len(s) && n > 0 && t.class.valid(s)
	}
	next := toks[1]
	for end := n; end >= 1; end-- {
		if next.class == litClass && !strings.HasPrefix(s[end:], next.lit) {
			continue
		}
		if t.class.valid(s[:end]) && matchToks(toks[1:], s[end:]) {
			return true
		}
	}
	return false
}

// allows reports whether c may occur in a run of the class.
func (k class) allows(c byte) bool {
	switch k {
	case segmentClass:
		return c != ':' && c != '/'
	case pathClass:
		return c != ':'
	case stampClass:
		return c != '/'
	case restClass:
		return true
	case lambdaNameClass, lambdaLayerClass, lambdaAliasClass:
		return isNameChar(c)
	case lambdaVersionClass, lambdaQualifierClass:
		return isNameChar(c) || c == '$'
	case lambdaLayerVerClass, lambdaAccountClass:
		return '0' <= c && c <= '9'
	case lambdaIdentClass:
		return isNameChar(c) || c == '.'
	case lambdaUUIDClass:
		return isHex(c) || c == '-'
	case lambdaCSCClass:
		return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-'
	}
	return false
}

// valid checks a whole run (non-empty, made of allowed characters).
func (k class) valid(s string) bool {
	switch k {
	case lambdaNameClass:
		return len(s) <= 64
	case lambdaLayerClass:
		return len(s) <= 140
	case lambdaVersionClass:
		return s == "$LATEST" || allDigits(s)
	case lambdaAliasClass:
		return len(s) <= 128 && !allDigits(s)
	case lambdaQualifierClass:
		return s == "$LATEST" || len(s) <= 128 && !strings.Contains(s, "$")
	case lambdaLayerVerClass:
		return s[0] != '0'
	case lambdaIdentClass:
		return len(s) <= 256
	case lambdaUUIDClass:
		return isUUID(s)
	case lambdaCSCClass:
		return len(s) == 21 && strings.HasPrefix(s, "csc-") && !strings.Contains(s[4:], "-")
	case lambdaAccountClass:
		return len(s) == 12
	}
	return true
}

func isNameChar(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// isUUID reports whether s has the form 8-4-4-4-12 hexadecimal digits.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if s[i] != '-' {
				return false
			}
		} else if !isHex(s[i]) {
			return false
		}
	}
	return true
}
