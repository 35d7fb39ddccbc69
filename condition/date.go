package condition

import "time"

// instant is a point in time: seconds since the Unix epoch and
// nanoseconds within that second (0 ≤ nsec < 1e9).
type instant struct {
	sec  int64
	nsec int32
}

func (a instant) compare(b instant) int {
	switch {
	case a.sec < b.sec:
		return -1
	case a.sec > b.sec:
		return 1
	case a.nsec < b.nsec:
		return -1
	case a.nsec > b.nsec:
		return 1
	}
	return 0
}

// Time returns the instant as a time.Time in UTC.
func (a instant) Time() time.Time { return time.Unix(a.sec, int64(a.nsec)).UTC() }

// maxEpochDigits bounds an all-digit (epoch seconds) date so that it fits
// in an int64.
const maxEpochDigits = 18

// parseDate reads a Date operator value (rule C4.5), without allocation:
//
//   - only ASCII digits (1 to 18): seconds since the Unix epoch;
//   - YYYY-MM: the first day of the month, midnight UTC;
//   - YYYY-MM-DD: midnight UTC;
//   - YYYY-MM-DDThh:mmTZD, YYYY-MM-DDThh:mm:ssTZD and
//     YYYY-MM-DDThh:mm:ss.fTZD (one or more fraction digits; digits past
//     the ninth are ignored), where TZD is Z or ±hh:mm.
//
// T and Z are upper case. Calendar fields are range-checked (no February
// 30, no hour 24, no leap second). Anything else, including fractional
// epochs, is rejected.
func parseDate(s string) (instant, bool) {
	if s == "" {
		return instant{}, false
	}
	if allDigits(s) {
		if len(s) > maxEpochDigits {
			return instant{}, false
		}
		var v int64
		for i := 0; i < len(s); i++ {
			v = v*10 + int64(s[i]-'0')
		}
		return instant{sec: v}, true
	}
	year, ok1 := digitsAt(s, 0, 4)
	month, ok2 := digitsAt(s, 5, 2)
	if !ok1 || !ok2 || s[4] != '-' || month < 1 || month > 12 {
		return instant{}, false
	}
	day := 1
	if len(s) == 7 {
		return fromCivil(year, month, day, 0, 0, 0, 0, 0), true
	}
	var ok bool
	if day, ok = digitsAt(s, 8, 2); !ok || s[7] != '-' || day < 1 || day > daysIn(year, month) {
		return instant{}, false
	}
	if len(s) == 10 {
		return fromCivil(year, month, day, 0, 0, 0, 0, 0), true
	}
	hour, ok1 := digitsAt(s, 11, 2)
	minute, ok2 := digitsAt(s, 14, 2)
	if !ok1 || !ok2 || s[10] != 'T' || s[13] != ':' || hour > 23 || minute > 59 {
		return instant{}, false
	}
	i := 16
	sec, nsec := 0, 0
	if i < len(s) && s[i] == ':' {
		if sec, ok = digitsAt(s, i+1, 2); !ok || sec > 59 {
			return instant{}, false
		}
		i += 3
		if i < len(s) && s[i] == '.' {
			i++
			start := i
			scale := 100_000_000
			for i < len(s) && isDigit(s[i]) {
				nsec += int(s[i]-'0') * scale
				scale /= 10
				i++
			}
			if i == start {
				return instant{}, false
			}
		}
	}
	if i >= len(s) {
		return instant{}, false // a time needs a zone designator
	}
	offset := 0
	switch s[i] {
	case 'Z':
		i++
	case '+', '-':
		oh, ok1 := digitsAt(s, i+1, 2)
		om, ok2 := digitsAt(s, i+4, 2)
		if !ok1 || !ok2 || s[i+3] != ':' || oh > 23 || om > 59 {
			return instant{}, false
		}
		offset = oh*3600 + om*60
		if s[i] == '-' {
			offset = -offset
		}
		i += 6
	default:
		return instant{}, false
	}
	if i != len(s) {
		return instant{}, false
	}
	return fromCivil(year, month, day, hour, minute, sec, nsec, offset), true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// digitsAt reads n ASCII digits at s[i:i+n].
func digitsAt(s string, i, n int) (int, bool) {
	if i < 0 || i+n > len(s) {
		return 0, false
	}
	v := 0
	for _, c := range []byte(s[i : i+n]) {
		if !isDigit(c) {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// fromCivil converts a proleptic Gregorian date and time at the given UTC
// offset (seconds east of UTC) into an instant.
func fromCivil(y, m, d, hh, mm, ss, nsec, offset int) instant {
	// Days since 1970-01-01 (H. Hinnant's days_from_civil).
	yy := int64(y)
	if m <= 2 {
		yy--
	}
	era := yy / 400
	if yy < 0 && yy%400 != 0 {
		era--
	}
	yoe := yy - era*400
	mp := int64(m+9) % 12
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	days := era*146097 + doe - 719468
	sec := days*86400 + int64(hh)*3600 + int64(mm)*60 + int64(ss) - int64(offset)
	return instant{sec: sec, nsec: int32(nsec)}
}

func instantOf(t time.Time) instant {
	return instant{sec: t.Unix(), nsec: int32(t.Nanosecond())}
}
