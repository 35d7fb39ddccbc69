package condition

import (
	"math/big"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestC4NumberParse(t *testing.T) {
	rows := []struct {
		name string
		in   string
		ok   bool
	}{
		{"C4.4/integer", "10", true},
		{"C4.4/negative", "-10", true},
		{"C4.4/plus", "+10", true},
		{"C4.4/decimal", "10.25", true},
		{"C4.4/leading-zeros", "007", true},
		{"C4.4/long", "123456789012345678901234567890.123456789", true},
		{"C4.4/trailing-text", "10 minutes", false},
		{"C4.4/leading-space", " 10", false},
		{"C4.4/exponent", "1e3", false},
		{"C4.4/no-int-digits", ".5", false},
		{"C4.4/no-frac-digits", "5.", false},
		{"C4.4/sign-only", "-", false},
		{"C4.4/empty", "", false},
		{"C4.4/inf", "Inf", false},
		{"C4.4/nan", "NaN", false},
		{"C4.4/hex", "0x10", false},
		{"C4.4/underscore", "1_000", false},
		{"C4.4/two-points", "1.2.3", false},
		{"C4.4/comma", "1,5", false},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			_, ok := parseDecimal(r.in)
			if diff := cmp.Diff(r.ok, ok); diff != "" {
				t.Errorf("parseDecimal(%q) (-want +got):\n%s", r.in, diff)
			}
			if diff := cmp.Diff(!r.ok, CheckValue(NumericEquals, r.in, true) != nil); diff != "" {
				t.Errorf("CheckValue(%q) error (-want +got):\n%s", r.in, diff)
			}
		})
	}
}

func TestC4NumberCompare(t *testing.T) {
	vals := []string{"0", "-0", "0.000", "1", "-1", "1.5", "-1.5", "2", "-2", "10", "9.999999999999999999999",
		"0.1", "0.01", "0.010", "100", "1e0x", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
		"-9223372036854775809", "18446744073709551616", "99999999999999999999.5", "-99999999999999999999.5",
		"9223372036854775807.5", "-9223372036854775808.5", "0.30000000000000000001", "3"}
	for _, a := range vals {
		da, okA := parseDecimal(a)
		for _, b := range vals {
			db, okB := parseDecimal(b)
			if !okA || !okB {
				continue
			}
			ra, _ := new(big.Rat).SetString(a)
			rb, _ := new(big.Rat).SetString(b)
			want := ra.Cmp(rb)
			if got := compareDecimal(da, db); got != want {
				t.Errorf("C4.4/compare(%s, %s) = %d, want %d", a, b, got, want)
			}
			// The int64 view agrees when a is a small integer.
			if x, ok := parseSmallInt(a); ok {
				n := newNumber(db)
				if got := n.compareInt(x); got != want {
					t.Errorf("C4.4/compareInt(%s, %s) = %d, want %d", a, b, got, want)
				}
			}
		}
	}
}

func TestC4DateParse(t *testing.T) {
	utc := func(y int, m time.Month, d, hh, mm, ss, ns int) time.Time {
		return time.Date(y, m, d, hh, mm, ss, ns, time.UTC)
	}
	rows := []struct {
		name string
		in   string
		want time.Time
		ok   bool
	}{
		{"C4.5/epoch", "1798761600", utc(2027, 1, 1, 0, 0, 0, 0), true},
		{"C4.5/epoch-zero", "0", utc(1970, 1, 1, 0, 0, 0, 0), true},
		{"C4.5/all-digits-year-is-epoch", "2024", utc(1970, 1, 1, 0, 33, 44, 0), true},
		{"C4.5/year-month", "2026-03", utc(2026, 3, 1, 0, 0, 0, 0), true},
		{"C4.5/date", "2026-03-15", utc(2026, 3, 15, 0, 0, 0, 0), true},
		{"C4.5/minutes-z", "2026-03-15T10:20Z", utc(2026, 3, 15, 10, 20, 0, 0), true},
		{"C4.5/seconds-z", "2026-03-15T10:20:30Z", utc(2026, 3, 15, 10, 20, 30, 0), true},
		{"C4.5/fraction", "2026-03-15T10:20:30.123456789Z", utc(2026, 3, 15, 10, 20, 30, 123456789), true},
		{"C4.5/fraction-long-truncated", "2026-03-15T10:20:30.1234567891Z", utc(2026, 3, 15, 10, 20, 30, 123456789), true},
		{"C4.5/offset-plus", "2026-03-15T10:20:30+01:00", utc(2026, 3, 15, 9, 20, 30, 0), true},
		{"C4.5/offset-minus", "2026-03-15T10:20-05:30", utc(2026, 3, 15, 15, 50, 0, 0), true},
		{"C4.5/leap-day", "2024-02-29", utc(2024, 2, 29, 0, 0, 0, 0), true},
		{"C4.5/year-zero", "0000-01-01", utc(0, 1, 1, 0, 0, 0, 0), true},
		{"C4.5/pre-epoch", "1969-12-31T23:59:59Z", utc(1969, 12, 31, 23, 59, 59, 0), true},
		{"C4.5/no-leap-day", "2023-02-29", time.Time{}, false},
		{"C4.5/century-no-leap-day", "1900-02-29", time.Time{}, false},
		{"C4.5/month-13", "2026-13", time.Time{}, false},
		{"C4.5/day-32", "2026-01-32", time.Time{}, false},
		{"C4.5/hour-24", "2026-01-01T24:00Z", time.Time{}, false},
		{"C4.5/leap-second", "2026-01-01T23:59:60Z", time.Time{}, false},
		{"C4.5/no-zone", "2026-01-01T10:00:00", time.Time{}, false},
		{"C4.5/lower-t", "2026-01-01t10:00:00Z", time.Time{}, false},
		{"C4.5/lower-z", "2026-01-01T10:00:00z", time.Time{}, false},
		{"C4.5/zone-without-colon", "2026-01-01T10:00:00+0100", time.Time{}, false},
		{"C4.5/empty-fraction", "2026-01-01T10:00:00.Z", time.Time{}, false},
		{"C4.5/fractional-epoch", "1798761600.5", time.Time{}, false},
		{"C4.5/negative-epoch", "-1", time.Time{}, false},
		{"C4.5/epoch-too-long", "1234567890123456789", time.Time{}, false},
		{"C4.5/year-only-with-dash", "2026-", time.Time{}, false},
		{"C4.5/short-year", "26-01-01", time.Time{}, false},
		{"C4.5/trailing-text", "2026-01-01 ", time.Time{}, false},
		{"C4.5/space-separator", "2026-01-01 10:00:00Z", time.Time{}, false},
		{"C4.5/empty", "", time.Time{}, false},
		{"C4.5/words", "yesterday", time.Time{}, false},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			in, ok := parseDate(r.in)
			var got time.Time
			if ok {
				got = in.Time()
			}
			if diff := cmp.Diff(r.ok, ok); diff != "" {
				t.Fatalf("parseDate(%q) ok (-want +got):\n%s", r.in, diff)
			}
			if diff := cmp.Diff(r.want, got); diff != "" {
				t.Errorf("parseDate(%q) (-want +got):\n%s", r.in, diff)
			}
			if diff := cmp.Diff(!r.ok, errCode(CheckValue(DateEquals, r.in, true)) == CodeInvalidDate); diff != "" {
				t.Errorf("CheckValue(%q) (-want +got):\n%s", r.in, diff)
			}
		})
	}
}

func TestC4IPParse(t *testing.T) {
	rows := []struct {
		name string
		in   string
		want string
	}{
		{"C4.8/ipv4-cidr", "203.0.113.0/24", "203.0.113.0/24"},
		{"C4.8/ipv4-bare", "203.0.113.9", "203.0.113.9/32"},
		{"C4.8/ipv6-cidr-upper", "2001:DB8:1234:5678::/64", "2001:db8:1234:5678::/64"},
		{"C4.8/ipv6-bare", "2001:db8::1", "2001:db8::1/128"},
		{"C4.8/host-bits", "203.0.113.77/24", "203.0.113.0/24"},
		{"C4.8/slash-zero", "0.0.0.0/0", "0.0.0.0/0"},
		{"C4.8/mapped", "::ffff:10.0.0.1", "::ffff:10.0.0.1/128"},
		{"C4.8/bad-length", "10.0.0.0/33", ""},
		{"C4.8/bad-octet", "10.0.0.256", ""},
		{"C4.8/leading-zero-octet", "010.0.0.1", ""},
		{"C4.8/zone", "fe80::1%eth0", ""},
		{"C4.8/zone-cidr", "fe80::1%eth0/64", ""},
		{"C4.8/hostname", "example.com", ""},
		{"C4.8/empty", "", ""},
		{"C4.8/mask-form", "10.0.0.0/255.0.0.0", ""},
		{"C4.8/space", "10.0.0.1 ", ""},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			p, ok := parseIPValue(r.in, false)
			got := ""
			if ok {
				got = p.String()
			}
			if diff := cmp.Diff(r.want, got); diff != "" {
				t.Errorf("parseIPValue(%q) (-want +got):\n%s", r.in, diff)
			}
			if diff := cmp.Diff(r.want == "", CheckValue(IPAddress, r.in, true) != nil); diff != "" {
				t.Errorf("CheckValue(%q) error (-want +got):\n%s", r.in, diff)
			}
		})
	}
}

func TestC4Base64Parse(t *testing.T) {
	rows := []struct {
		name string
		in   string
		want string
		ok   bool
	}{
		{"C4.7/plain", "cmlzay10ZWFt", "risk-team", true},
		{"C4.7/one-pad", "YWI=", "ab", true},
		{"C4.7/two-pad", "YQ==", "a", true},
		{"C4.7/empty", "", "", true},
		{"C4.7/plus-slash", "+/+/", "\xfb\xff\xbf", true},
		{"C4.7/unpadded", "YQ", "", false},
		{"C4.7/url-alphabet", "-_-_", "", false},
		{"C4.7/pad-inside", "YQ==YQ==", "", false},
		{"C4.7/three-pads", "Y===", "", false},
		{"C4.7/newline", "YWJj\nYWJj", "", false},
		{"C4.7/space", "YWJj ", "", false},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			got, ok := decodeBase64(r.in)
			if diff := cmp.Diff(r.ok, ok); diff != "" {
				t.Fatalf("decodeBase64(%q) ok (-want +got):\n%s", r.in, diff)
			}
			if diff := cmp.Diff(r.want, got); diff != "" {
				t.Errorf("decodeBase64(%q) (-want +got):\n%s", r.in, diff)
			}
			if ok && !base64Equal(r.in, r.want) {
				t.Errorf("base64Equal(%q, %q) = false", r.in, r.want)
			}
		})
	}
}

func TestC4BoolNullParse(t *testing.T) {
	for _, b := range []Base{Bool, Null} {
		for _, r := range []struct {
			in string
			ok bool
		}{{"true", true}, {"false", true}, {"TRUE", true}, {"False", true}, {"yes", false}, {"1", false},
			{"", false}, {" true", false}, {"truee", false}, {"fal\u017fe", false}} {
			got := CheckValue(b, r.in, true) == nil
			if diff := cmp.Diff(r.ok, got); diff != "" {
				t.Errorf("C4.6,C4.9/%s %q valid (-want +got):\n%s", b, r.in, diff)
			}
		}
	}
}
