package condition

import "math"

// decimal is an exact decimal number read from text without allocation.
// Its significant digits are hi followed by lo, with no leading or trailing
// zeros; point is the number of digits before the decimal point, so the
// value is ±0.d₁d₂d₃… × 10^point. Zero has zero set and no digits.
type decimal struct {
	hi, lo string
	point  int
	neg    bool
	zero   bool
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// parseDecimal reads [+-]digits[.digits]: an optional sign, at least one
// digit, and an optional fraction of at least one digit. Exponents,
// whitespace, "Inf" and "NaN" are rejected.
func parseDecimal(s string) (decimal, bool) {
	var d decimal
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		d.neg = s[i] == '-'
		i++
	}
	start := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	ip := s[start:i]
	if ip == "" {
		return decimal{}, false
	}
	var fp string
	if i < len(s) && s[i] == '.' {
		i++
		fs := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		fp = s[fs:i]
		if fp == "" {
			return decimal{}, false
		}
	}
	if i != len(s) {
		return decimal{}, false
	}
	for ip != "" && ip[0] == '0' {
		ip = ip[1:]
	}
	d.point = len(ip)
	if ip == "" {
		for fp != "" && fp[0] == '0' {
			fp = fp[1:]
			d.point--
		}
	}
	for fp != "" && fp[len(fp)-1] == '0' {
		fp = fp[:len(fp)-1]
	}
	if fp == "" {
		for ip != "" && ip[len(ip)-1] == '0' {
			ip = ip[:len(ip)-1]
		}
	}
	if ip == "" && fp == "" {
		return decimal{zero: true}, true
	}
	d.hi, d.lo = ip, fp
	return d, true
}

func (d decimal) ndigits() int { return len(d.hi) + len(d.lo) }

func (d decimal) digit(i int) byte {
	if i < len(d.hi) {
		return d.hi[i]
	}
	return d.lo[i-len(d.hi)]
}

func (d decimal) sign() int {
	switch {
	case d.zero:
		return 0
	case d.neg:
		return -1
	}
	return 1
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// compareDecimal returns -1, 0 or +1 as a is less than, equal to or
// greater than b, exactly.
func compareDecimal(a, b decimal) int {
	sa, sb := a.sign(), b.sign()
	if sa != sb || sa == 0 {
		return cmpInt(sa, sb)
	}
	m := cmpInt(a.point, b.point)
	if m == 0 {
		na, nb := a.ndigits(), b.ndigits()
		n := min(na, nb)
		for i := 0; i < n && m == 0; i++ {
			m = cmpInt(int(a.digit(i)), int(b.digit(i)))
		}
		if m == 0 {
			m = cmpInt(na, nb)
		}
	}
	if a.neg {
		return -m
	}
	return m
}

// How a policy number relates to the int64 i stored beside it.
const (
	numExact uint8 = iota // the number equals i
	numFrac               // i < number < i+1
	numAbove              // number > math.MaxInt64
	numBelow              // number < math.MinInt64
)

// number is a policy value of a Numeric operator: the exact decimal and
// an int64 view that lets integer request values skip decimal comparison.
type number struct {
	d    decimal
	i    int64
	kind uint8
}

func newNumber(d decimal) number {
	n := number{d: d}
	if d.zero {
		return n
	}
	// Magnitude of the integer part, and whether a fraction remains.
	var mag uint64
	over := false
	frac := d.point < d.ndigits()
	if d.point > 0 {
		if d.point > 19 {
			over = true
		} else {
			for i := 0; i < d.point; i++ {
				var c uint64
				if i < d.ndigits() {
					c = uint64(d.digit(i) - '0')
				}
				mag = mag*10 + c // at most 19 digits: fits in uint64
			}
		}
	}
	switch {
	case !d.neg && (over || mag > math.MaxInt64):
		n.kind = numAbove
	case !d.neg:
		n.i = int64(mag)
		if frac {
			n.kind = numFrac
		}
	default:
		if frac {
			mag++ // floor of a negative fraction
			n.kind = numFrac
		}
		if over || mag > 1<<63 {
			n.kind = numBelow
		} else {
			n.i = int64(-mag) // two's complement: -(1<<63) wraps to MinInt64
		}
	}
	return n
}

// compareInt returns the sign of x - n.
func (n *number) compareInt(x int64) int {
	switch n.kind {
	case numExact:
		switch {
		case x < n.i:
			return -1
		case x > n.i:
			return 1
		}
		return 0
	case numFrac:
		if x <= n.i {
			return -1
		}
		return 1
	case numAbove:
		return -1
	}
	return 1
}

// parseSmallInt reads [+-]digits with at most 18 digits, the form of
// almost every numeric request value, into an int64.
func parseSmallInt(s string) (int64, bool) {
	i := 0
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	if n := len(s) - i; n == 0 || n > 18 {
		return 0, false
	}
	var v int64
	for ; i < len(s); i++ {
		c := s[i]
		if !isDigit(c) {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return v, true
}
