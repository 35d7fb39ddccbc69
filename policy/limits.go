package policy

import (
	"strings"
	"unicode/utf8"
)

// Limit is the AWS size quota of one kind of policy (rule G10).
type Limit struct {
	// Max is the largest allowed size.
	Max int
	// Bytes reports that Max counts bytes of UTF-8; otherwise it counts
	// characters.
	Bytes bool
	// WhitespaceCounts reports whether space, tab, LF and CR count toward
	// Max. When false they are not counted anywhere in the text, inside
	// strings or not.
	WhitespaceCounts bool
	// Quota names the AWS quota, for messages.
	Quota string
}

// SizeLimit returns the size quota AWS applies to a policy of kind k:
//
//   - identity and boundary: 6,144 characters, whitespace not counted (IAM
//     customer managed policy). Inline policies share a per-entity quota
//     instead (user 2,048, group 5,120, role 10,240), which a single
//     document cannot check.
//   - trust: 2,048 characters, whitespace not counted (the default quota;
//     it can be raised to 4,096).
//   - session: 2,048 characters of plain text, whitespace counted (STS).
//   - scp and rcp: 5,120 characters, whitespace counted: Organizations keeps
//     a document saved through the API exactly as sent.
//   - resource: 20 KB = 20,480 bytes (Lambda function policy), whitespace
//     counted.
func SizeLimit(k Kind) Limit {
	switch k {
	case KindIdentity:
		return Limit{Max: 6144, Quota: "IAM managed policy"}
	case KindBoundary:
		return Limit{Max: 6144, Quota: "IAM managed policy used as a permissions boundary"}
	case KindTrust:
		return Limit{Max: 2048, Quota: "IAM role trust policy (default quota)"}
	case KindSession:
		return Limit{Max: 2048, WhitespaceCounts: true, Quota: "STS session policy"}
	case KindSCP:
		return Limit{Max: 5120, WhitespaceCounts: true, Quota: "Organizations service control policy"}
	case KindRCP:
		return Limit{Max: 5120, WhitespaceCounts: true, Quota: "Organizations resource control policy"}
	case KindResource:
		return Limit{Max: 20480, Bytes: true, WhitespaceCounts: true, Quota: "Lambda function resource-based policy"}
	}
	return Limit{}
}

// Measure returns the size of a policy text as l counts it.
func (l Limit) Measure(text []byte) int {
	n, _ := l.measure(string(text))
	return n
}

// Unit returns "bytes" or "characters".
func (l Limit) Unit() string {
	if l.Bytes {
		return "bytes"
	}
	return "characters"
}

// measure returns the size of text and the offset of the first byte or
// character beyond l.Max (-1 when the text fits or l.Max is 0).
func (l Limit) measure(text string) (n, over int) {
	over = -1
	if l.Bytes && l.WhitespaceCounts {
		if l.Max > 0 && len(text) > l.Max {
			over = l.Max
		}
		return len(text), over
	}
	// Fast path: count, and walk the text only when it is over the quota.
	n = len(text)
	if !l.Bytes {
		n = utf8.RuneCountInString(text)
	}
	if !l.WhitespaceCounts {
		n -= strings.Count(text, " ") + strings.Count(text, "\t") + strings.Count(text, "\n") + strings.Count(text, "\r")
	}
	if l.Max <= 0 || n <= l.Max {
		return n, -1
	}
	n = 0
	for i := 0; i < len(text); {
		c := text[i]
		size := 1
		if c >= utf8.RuneSelf {
			_, size = utf8.DecodeRuneInString(text[i:])
		} else if !l.WhitespaceCounts && (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			i++
			continue
		}
		if l.Bytes {
			n += size
		} else {
			n++
		}
		if over < 0 && l.Max > 0 && n > l.Max {
			over = i
		}
		i += size
	}
	return n, over
}
