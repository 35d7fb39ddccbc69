package condition

// BinaryEquals values are standard base64 (RFC 4648 section 4, with
// padding, no line breaks) on both sides; the decoded bytes are compared.
// The decoder here allocates nothing when comparing.

func b64val(c byte) (byte, bool) {
	switch {
	case 'A' <= c && c <= 'Z':
		return c - 'A', true
	case 'a' <= c && c <= 'z':
		return c - 'a' + 26, true
	case '0' <= c && c <= '9':
		return c - '0' + 52, true
	case c == '+':
		return 62, true
	case c == '/':
		return 63, true
	}
	return 0, false
}

// b64quantum decodes the 4-character group q (the last group of the
// input when last is set) into out and returns how many bytes it holds.
func b64quantum(q string, last bool, out *[3]byte) (int, bool) {
	var v [4]byte
	n := 4
	if last {
		switch {
		case q[2] == '=' && q[3] == '=':
			n = 2
		case q[3] == '=':
			n = 3
		}
	}
	for i := 0; i < n; i++ {
		b, ok := b64val(q[i])
		if !ok {
			return 0, false
		}
		v[i] = b
	}
	out[0] = v[0]<<2 | v[1]>>4
	out[1] = v[1]<<4 | v[2]>>2
	out[2] = v[2]<<6 | v[3]
	return n - 1, true
}

// decodeBase64 decodes s; it is used at compile time.
func decodeBase64(s string) (string, bool) {
	if len(s)%4 != 0 {
		return "", false
	}
	out := make([]byte, 0, len(s)/4*3)
	var q [3]byte
	for i := 0; i < len(s); i += 4 {
		n, ok := b64quantum(s[i:i+4], i+4 == len(s), &q)
		if !ok {
			return "", false
		}
		out = append(out, q[:n]...)
	}
	return string(out), true
}

// base64Equal reports whether s is valid base64 that decodes to want.
func base64Equal(s, want string) bool {
	if len(s)%4 != 0 || len(s)/4*3 < len(want) || len(s)/4*3-2 > len(want) {
		return false
	}
	var q [3]byte
	off := 0
	for i := 0; i < len(s); i += 4 {
		n, ok := b64quantum(s[i:i+4], i+4 == len(s), &q)
		if !ok || off+n > len(want) {
			return false
		}
		for j := 0; j < n; j++ {
			if want[off+j] != q[j] {
				return false
			}
		}
		off += n
	}
	return off == len(want)
}
