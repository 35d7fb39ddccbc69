// Package jsondepth bounds the nesting of JSON text before a recursive
// reader sees it. gjson validates and walks JSON recursively, so text
// nested deeply enough exhausts the goroutine stack, which no recover can
// catch; every caller that hands untrusted text to gjson checks it here
// first.
package jsondepth

// Within reports whether the JSON objects and arrays of s nest at most max
// deep, ignoring brackets inside strings. It reads s once, does not
// recurse and does not allocate. Text that is not JSON is not rejected
// here: only its bracket depth is measured.
func Within(s string, max int) bool { return within(s, max) }

// WithinBytes is Within for a byte slice.
func WithinBytes(b []byte, max int) bool { return within(b, max) }

func within[T string | []byte](s T, max int) bool {
	depth, inString := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inString:
			if c == '\\' {
				i++
			} else if c == '"' {
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			if depth++; depth > max {
				return false
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return true
}
