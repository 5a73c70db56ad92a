package fetch

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/farsight-osint/farsight"
)

func TestBlocked(t *testing.T) {
	for _, tc := range []struct {
		ip      string
		blocked bool
	}{
		{"127.0.0.1", true},
		{"127.8.9.10", true},
		{"10.0.0.1", true},
		{"10.255.255.255", true},
		{"172.16.0.1", true},
		{"172.31.255.1", true},
		{"172.32.0.1", false},
		{"192.168.1.1", true},
		{"169.254.169.254", true}, // cloud metadata
		{"100.64.0.1", true},      // carrier-grade NAT
		{"100.127.255.254", true},
		{"100.128.0.1", false},
		{"0.0.0.0", true},
		{"224.0.0.251", true},
		{"239.255.255.250", true},
		{"255.255.255.255", true},
		{"198.18.0.1", true},
		{"8.8.8.8", false},
		{"93.184.216.34", false},
		{"::", true},
		{"::1", true},
		{"::ffff:127.0.0.1", true},
		{"::ffff:10.0.0.1", true},
		{"::ffff:8.8.8.8", false},
		{"fe80::1", true},
		{"fe80::1%eth0", true},
		{"fc00::1", true},
		{"fd12:3456::1", true},
		{"ff02::1", true},
		{"64:ff9b::a00:1", true},    // NAT64 of 10.0.0.1
		{"64:ff9b::808:808", false}, // NAT64 of 8.8.8.8
		{"2002:a00:1::1", true},     // 6to4
		{"2001:4860:4860::8888", false},
		{"2a00:1450:4001:80b::200e", false},
	} {
		t.Run(tc.ip, func(t *testing.T) {
			if got := Blocked(netip.MustParseAddr(tc.ip)); got != tc.blocked {
				t.Fatalf("got blocked %v, want %v", got, tc.blocked)
			}
		})
	}
	if !Blocked(netip.Addr{}) {
		t.Fatal("the zero address is not blocked")
	}
}

func TestControl(t *testing.T) {
	for _, tc := range []struct {
		network, address string
		ok               bool
	}{
		{"tcp4", "93.184.216.34:443", true},
		{"tcp6", "[2001:4860:4860::8888]:80", true},
		{"tcp4", "127.0.0.1:80", false},
		{"tcp4", "10.1.2.3:8080", false},
		{"tcp4", "169.254.169.254:80", false},
		{"tcp6", "[::1]:80", false},
		{"tcp6", "[::ffff:192.168.0.1]:80", false},
		{"tcp6", "[fe80::1%eth0]:80", false},
		{"udp4", "8.8.8.8:53", false},
		{"tcp4", "not-an-address", false},
	} {
		err := control(tc.network, tc.address, nil)
		if tc.ok && err != nil {
			t.Errorf("%s %s: got %v, want nil", tc.network, tc.address, err)
		}
		if !tc.ok && farsight.ErrorCode(err) != farsight.EINVALID {
			t.Errorf("%s %s: got %v, want EINVALID", tc.network, tc.address, err)
		}
	}
	err := control("tcp4", "169.254.169.254:80", nil)
	if msg := farsight.ErrorMessage(err); !strings.Contains(msg, "169.254.169.254") || !strings.Contains(msg, "not a public address") {
		t.Fatalf("got message %q", msg)
	}
}

func TestAllowed(t *testing.T) {
	d := newDialer(false, []string{"127.0.0.1:8080", "Intranet.Example"})
	for addr, want := range map[string]bool{
		"127.0.0.1:8080":         true,
		"127.0.0.1:8081":         false,
		"intranet.example:443":   true,
		"INTRANET.example:80":    true,
		"other.example:80":       false,
		"localhost:8080":         false,
		"intranet.example.com:1": false,
	} {
		if got := d.allowed(addr); got != want {
			t.Errorf("%s: got allowed %v, want %v", addr, got, want)
		}
	}
	if !newDialer(true, nil).allowed("10.0.0.1:80") {
		t.Error("AllowPrivate does not allow a private address")
	}
}
