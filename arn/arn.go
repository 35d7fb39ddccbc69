package arn

import (
	"strings"
	"unicode/utf8"
)

// MaxLength is the longest string Parse accepts, in bytes.
const MaxLength = 2048

// ARN is a parsed Amazon Resource Name:
//
//	arn:Partition:Service:Region:AccountID:Resource
//
// ARN is a comparable value type. The zero ARN is not a valid ARN; its
// String is "".
type ARN struct {
	Partition string // "aws", "aws-cn", ...; never empty in a parsed ARN
	Service   string // the service namespace, such as "lambda"; never empty
	Region    string // may be empty (IAM, S3)
	AccountID string // may be empty (S3) or "aws" (AWS managed policies)
	Resource  string // everything after the fifth colon, colons included; never empty
}

// Parse parses s as an ARN. It accepts exactly the strings that have:
//
//   - at most MaxLength bytes;
//   - the prefix "arn:";
//   - at least six colon-separated parts, the sixth (the resource) being
//     everything after the fifth colon;
//   - a partition of one or more characters a–z and '-' (a partition that is
//     not one of AWS's is accepted; KnownPartition tells them apart);
//   - a service of one or more characters a–z, 0–9 and '-';
//   - a region and an account ID of zero or more characters a–z, 0–9 and '-';
//   - a non-empty resource of valid UTF-8 without control characters
//     (U+0000–U+001F, U+007F).
//
// Parse does not change the text: for every s it accepts,
// Parse(s).String() == s. The error is a *ParseError.
func Parse(s string) (ARN, error) {
	a, code, off := parse(s)
	if code != 0 {
		return ARN{}, &ParseError{Input: s, Offset: off, Code: code}
	}
	return a, nil
}

// MustParse is like Parse but panics if s is not an ARN. It is meant for
// constants and tests.
func MustParse(s string) ARN {
	a, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return a
}

// IsARN reports whether Parse accepts s. It does not allocate.
func IsARN(s string) bool {
	_, code, _ := parse(s)
	return code == 0
}

// parse is Parse without the error allocation: it returns the error code
// (0 on success) and the offset of the offending byte.
func parse(s string) (ARN, ErrorCode, int) {
	if len(s) > MaxLength {
		return ARN{}, CodeTooLong, MaxLength
	}
	const prefix = "arn:"
	if !strings.HasPrefix(s, prefix) {
		i := 0
		for i < len(s) && i < len(prefix) && s[i] == prefix[i] {
			i++
		}
		return ARN{}, CodeMissingPrefix, i
	}
	var parts [5]string // partition, service, region, account, resource
	start := len(prefix)
	for k := 0; k < 4; k++ {
		c := strings.IndexByte(s[start:], ':')
		if c < 0 {
			return ARN{}, CodeTooFewParts, len(s)
		}
		parts[k] = s[start : start+c]
		if code, off := checkPart(k, parts[k]); code != 0 {
			return ARN{}, code, start + off
		}
		start += c + 1
	}
	parts[4] = s[start:]
	if parts[4] == "" {
		return ARN{}, CodeInvalidResource, start
	}
	if off := badResourceChar(parts[4]); off >= 0 {
		return ARN{}, CodeInvalidResource, start + off
	}
	return ARN{Partition: parts[0], Service: parts[1], Region: parts[2], AccountID: parts[3], Resource: parts[4]}, 0, 0
}

// checkPart validates part k (0 partition, 1 service, 2 region, 3 account)
// and returns the error code and the offset in part of the first bad byte.
func checkPart(k int, p string) (ErrorCode, int) {
	codes := [4]ErrorCode{CodeInvalidPartition, CodeInvalidService, CodeInvalidRegion, CodeInvalidAccount}
	if p == "" && k < 2 {
		return codes[k], 0
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '-' || 'a' <= c && c <= 'z' || k > 0 && '0' <= c && c <= '9' {
			continue
		}
		return codes[k], i
	}
	return 0, 0
}

// badResourceChar returns the offset of the first invalid UTF-8 byte or
// control character in r, or -1.
func badResourceChar(r string) int {
	for i := 0; i < len(r); {
		c := r[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return i
			}
			i++
			continue
		}
		ru, n := utf8.DecodeRuneInString(r[i:])
		if ru == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// String returns the ARN in its text form,
// "arn:Partition:Service:Region:AccountID:Resource", or "" for the zero
// ARN.
func (a ARN) String() string {
	if a == (ARN{}) {
		return ""
	}
	return string(a.AppendTo(make([]byte, 0, a.textLen())))
}

func (a ARN) textLen() int {
	return len("arn:::::") + len(a.Partition) + len(a.Service) + len(a.Region) + len(a.AccountID) + len(a.Resource)
}

// AppendTo appends the text form of a (as String) to b and returns the
// extended buffer.
func (a ARN) AppendTo(b []byte) []byte {
	if a == (ARN{}) {
		return b
	}
	b = append(b, "arn:"...)
	b = append(b, a.Partition...)
	b = append(b, ':')
	b = append(b, a.Service...)
	b = append(b, ':')
	b = append(b, a.Region...)
	b = append(b, ':')
	b = append(b, a.AccountID...)
	b = append(b, ':')
	return append(b, a.Resource...)
}

// KnownPartition reports whether p is one of AWS's partitions: aws,
// aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f and
// aws-eusc.
func KnownPartition(p string) bool {
	switch p {
	case "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc":
		return true
	}
	return false
}
