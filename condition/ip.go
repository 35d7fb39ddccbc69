package condition

import (
	"net/netip"
	"strings"
)

// parseIPValue reads an IpAddress/NotIpAddress policy value (rule C4.8): a
// CIDR ("203.0.113.0/24", "2001:db8::/32") or a bare address. A bare IPv4
// address is a /32; a bare IPv6 address is a /128, or a /32 when v6Slash32
// is set. Host bits below the prefix length are cleared. Zones
// ("fe80::1%eth0") are rejected.
func parseIPValue(s string, v6Slash32 bool) (netip.Prefix, bool) {
	if strings.IndexByte(s, '/') >= 0 {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, false
		}
		return p.Masked(), true
	}
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return netip.Prefix{}, false
	}
	bits := 32
	if a.Is6() && !v6Slash32 {
		bits = 128
	}
	p, err := a.Prefix(bits)
	return p, err == nil
}

// parseRequestIP reads a request address. A zoned address is not an
// address a policy can name, so it is rejected. An IPv4-mapped IPv6
// address ("::ffff:192.0.2.1") stays IPv6 unless unmap is set.
func parseRequestIP(s string, unmap bool) (netip.Addr, bool) {
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return netip.Addr{}, false
	}
	if unmap {
		a = a.Unmap()
	}
	return a, true
}
