package params

import (
	"strconv"
	"strings"
	"time"
)

// parseDateTime reads a time.Time the way pydantic reads a datetime from
// a string (pydantic-core on top of the speedate library):
//
//   - RFC 3339, with T, t, _ or a space between date and time, seconds
//     optional, up to six digits of fraction kept (more are truncated),
//     and Z, z, +HH:MM or +HHMM as the offset;
//   - a date alone, which gives midnight;
//   - a Unix timestamp in seconds, or in milliseconds above 2e10.
//
// A value without an offset is taken as UTC: pydantic would give a naive
// datetime, which Go does not have.
//
// When the text is neither a datetime nor a date, the error is the one
// pydantic gives, datetime_from_date_parsing with the reason the text is
// not a date, such as "invalid character in year".
func parseDateTime(s string) (time.Time, *FieldError) {
	if t, ok := parseRFC3339(s); ok {
		return t, nil
	}
	if t, ok := parseTimestamp(s); ok {
		return t, nil
	}
	y, m, d, reason := parseDate(s)
	if reason == "" {
		return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), nil
	}
	return time.Time{}, newError("datetime_from_date_parsing",
		"Input should be a valid datetime or date, "+reason, s,
		map[string]any{"error": reason})
}

// parseDate reads YYYY-MM-DD and nothing more. It returns speedate's
// reason when the text is not a date.
func parseDate(s string) (y, m, d int, reason string) {
	y, m, d, reason = parseDatePrefix(s)
	if reason == "" && len(s) > 10 {
		reason = "unexpected extra characters at the end of the input"
	}
	return y, m, d, reason
}

// parseDatePrefix reads the YYYY-MM-DD that starts s, checking the errors
// in speedate's order.
func parseDatePrefix(s string) (y, m, d int, reason string) {
	if len(s) < 10 {
		return 0, 0, 0, "input is too short"
	}
	y, ok := digits(s[0:4])
	if !ok {
		return 0, 0, 0, "invalid character in year"
	}
	if s[4] != '-' {
		return 0, 0, 0, "invalid date separator, expected `-`"
	}
	if m, ok = digits(s[5:7]); !ok {
		return 0, 0, 0, "invalid character in month"
	}
	if s[7] != '-' {
		return 0, 0, 0, "invalid date separator, expected `-`"
	}
	if d, ok = digits(s[8:10]); !ok {
		return 0, 0, 0, "invalid character in day"
	}
	if m < 1 || m > 12 {
		return 0, 0, 0, "month value is outside expected range of 1-12"
	}
	if d < 1 || d > daysIn(y, m) {
		return 0, 0, 0, "day value is outside expected range"
	}
	return y, m, d, ""
}

func daysIn(y, m int) int {
	switch m {
	case 4, 6, 9, 11:
		return 30
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

// digits parses a run of ASCII digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, len(s) > 0
}

// parseRFC3339 reads a date, a separator, a time and an optional offset.
func parseRFC3339(s string) (time.Time, bool) {
	y, mo, d, reason := parseDatePrefix(s)
	if reason != "" || len(s) < 16 {
		return time.Time{}, false
	}
	switch s[10] {
	case 'T', 't', '_', ' ':
	default:
		return time.Time{}, false
	}

	rest := s[11:]
	h, ok1 := digits(rest[0:2])
	mi, ok2 := digits(rest[3:5])
	if !ok1 || !ok2 || rest[2] != ':' || h > 23 || mi > 59 {
		return time.Time{}, false
	}
	rest = rest[5:]
	sec, micro := 0, 0
	if len(rest) >= 3 && rest[0] == ':' {
		var ok bool
		if sec, ok = digits(rest[1:3]); !ok || sec > 59 {
			return time.Time{}, false
		}
		rest = rest[3:]
		if len(rest) > 0 && (rest[0] == '.' || rest[0] == ',') {
			n := 1
			for n < len(rest) && isDigit(rest[n]) {
				n++
			}
			if n == 1 {
				return time.Time{}, false
			}
			frac := rest[1:n] + "000000"
			micro, _ = digits(frac[:6]) // pydantic truncates past microseconds
			rest = rest[n:]
		}
	}

	loc, ok := parseOffset(rest)
	if !ok {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(mo), d, h, mi, sec, micro*1000, loc), true
}

// parseOffset reads what follows the time: nothing, Z, or ±HH[:]MM.
func parseOffset(s string) (*time.Location, bool) {
	switch {
	case s == "" || s == "Z" || s == "z":
		return time.UTC, true
	case len(s) != 5 && len(s) != 6:
		return nil, false
	case s[0] != '+' && s[0] != '-':
		return nil, false
	}
	hh, ok1 := digits(s[1:3])
	mm, ok2 := digits(s[len(s)-2:])
	if !ok1 || !ok2 || len(s) == 6 && s[3] != ':' || mm > 59 || hh > 23 {
		return nil, false
	}
	off := hh*3600 + mm*60
	if s[0] == '-' {
		off = -off
	}
	if off == 0 {
		return time.UTC, true
	}
	return time.FixedZone("", off), true
}

// parseTimestamp reads a Unix timestamp, in seconds or, when its absolute
// value is above 2e10, in milliseconds, as speedate does. Years outside
// 1600 to 9999 are refused.
func parseTimestamp(s string) (time.Time, bool) {
	if s == "" || strings.TrimLeft(s, "-0123456789.") != "" {
		return time.Time{}, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return time.Time{}, false
	}
	if f > 2e10 || f < -2e10 {
		f /= 1000
	}
	const lo, hi = -11_676_096_000, 253_402_300_799
	if f < lo || f > hi {
		return time.Time{}, false
	}
	sec := int64(f)
	if f < 0 && float64(sec) != f {
		sec--
	}
	micro := int64((f - float64(sec)) * 1e6)
	return time.Unix(sec, micro*1000).UTC(), true
}
