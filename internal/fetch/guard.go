package fetch

import (
	"context"
	"net"
	"net/netip"
	"strings"
	"syscall"

	"github.com/farsight-osint/farsight"
)

// blockedPrefixes are the address ranges a fetch never connects to unless
// private addresses are allowed: what is not the public internet.
var blockedPrefixes = func() []netip.Prefix {
	var ps []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8",          // "this network"
		"10.0.0.0/8",         // private
		"100.64.0.0/10",      // carrier-grade NAT
		"127.0.0.0/8",        // loopback
		"169.254.0.0/16",     // link-local, cloud metadata services
		"172.16.0.0/12",      // private
		"192.0.0.0/24",       // IETF protocol assignments
		"192.168.0.0/16",     // private
		"198.18.0.0/15",      // benchmarking
		"224.0.0.0/4",        // multicast
		"240.0.0.0/4",        // reserved, broadcast
		"::/128",             // unspecified
		"::1/128",            // loopback
		"64:ff9b:1::/48",     // local-use IPv4/IPv6 translation
		"fc00::/7",           // unique local
		"fe80::/10",          // link-local
		"fec0::/10",          // site-local (deprecated)
		"ff00::/8",           // multicast
		"2001:db8::/32",      // documentation
		"100::/64",           // discard-only
		"2001::/32",          // Teredo, tunnels to any IPv4 address
		"2002::/16",          // 6to4, tunnels to any IPv4 address
		"::ffff:0:0:0/96",    // IPv4-translated
		"198.51.100.0/24",    // documentation
		"203.0.113.0/24",     // documentation
		"192.0.2.0/24",       // documentation
		"255.255.255.255/32", // broadcast
	} {
		ps = append(ps, netip.MustParsePrefix(s))
	}
	return ps
}()

// nat64 is the well-known NAT64 prefix; an address in it reaches the IPv4
// address in its last four bytes.
var nat64 = netip.MustParsePrefix("64:ff9b::/96")

// Blocked reports whether ip is an address a fetch refuses to connect to
// unless private addresses are allowed: loopback, private, link-local,
// unspecified, multicast, carrier-grade NAT and other non-public ranges.
func Blocked(ip netip.Addr) bool {
	if !ip.IsValid() {
		return true
	}
	ip = ip.Unmap().WithZone("")
	if nat64.Contains(ip) {
		b := ip.As16()
		return Blocked(netip.AddrFrom4([4]byte(b[12:])))
	}
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return true
	}
	for _, p := range blockedPrefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// refused is the error for a connection the guard refuses.
func refused(ip netip.Addr) error {
	return farsight.Errorf(farsight.EINVALID, "refusing to connect to %s: not a public address (SSRF guard; allow private addresses explicitly to fetch it)", ip)
}

// control is the dialer's Control function: it runs on the resolved
// address of every connection, after DNS and before the connection is
// made, so neither a redirect nor a name that resolves to a private address
// gets past it.
func control(network, address string, _ syscall.RawConn) error {
	switch network {
	case "tcp", "tcp4", "tcp6":
	default:
		return farsight.Errorf(farsight.EINVALID, "refusing to dial %s network", network)
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return farsight.Errorf(farsight.EINVALID, "refusing to dial %q: %v", address, err)
	}
	if Blocked(ap.Addr()) {
		return refused(ap.Addr().Unmap())
	}
	return nil
}

// dialer dials through the guard unless the requested host is allowed.
type dialer struct {
	guarded, open *net.Dialer
	allowPrivate  bool
	// allowHosts holds lower-case "host" and "host:port" entries.
	allowHosts map[string]bool
}

func newDialer(allowPrivate bool, allowHosts []string) *dialer {
	d := &dialer{
		guarded:      &net.Dialer{Control: control},
		open:         &net.Dialer{},
		allowPrivate: allowPrivate,
		allowHosts:   map[string]bool{},
	}
	for _, h := range allowHosts {
		d.allowHosts[strings.ToLower(strings.TrimSpace(h))] = true
	}
	return d
}

// allowed reports whether addr ("host:port" as requested, before DNS) may
// reach any address.
func (d *dialer) allowed(addr string) bool {
	if d.allowPrivate {
		return true
	}
	addr = strings.ToLower(addr)
	if d.allowHosts[addr] {
		return true
	}
	host, _, err := net.SplitHostPort(addr)
	return err == nil && d.allowHosts[host]
}

// DialContext dials addr, refusing non-public addresses unless allowed.
func (d *dialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	if d.allowed(addr) {
		return d.open.DialContext(ctx, network, addr)
	}
	// Refuse a literal address before a socket is made; names are checked
	// on what they resolve to, in control.
	if host, _, err := net.SplitHostPort(addr); err == nil {
		if ip, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil && Blocked(ip) {
			return nil, &net.OpError{Op: "dial", Net: network, Err: refused(ip.Unmap())}
		}
	}
	return d.guarded.DialContext(ctx, network, addr)
}
