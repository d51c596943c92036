package cli

import (
	"net"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBaseURL(t *testing.T) {
	lan := []net.Addr{&net.IPNet{IP: net.ParseIP("127.0.0.1")}, &net.IPNet{IP: net.ParseIP("192.168.1.20").To4()}}
	tests := map[string]struct {
		flag, profile, listen string
		addrs                 []net.Addr
		want                  string
		reachable             bool
	}{
		"Flag":             {"http://kiosk.local:8080/", "http://x", ":8080", lan, "http://kiosk.local:8080", true},
		"Profile":          {"", "https://bm.example.org", ":8080", lan, "https://bm.example.org", true},
		"LANAddress":       {"", "", ":8080", lan, "http://192.168.1.20:8080", true},
		"ListenHost":       {"", "", "10.0.0.5:9000", lan, "http://10.0.0.5:9000", true},
		"NoNetwork":        {"", "", ":8080", lan[:1], "http://localhost:8080", false},
		"PageOff":          {"", "", "", lan, "http://localhost", false},
		"ErrBadFlagIgnore": {"ftp://x", "", ":8080", lan, "http://192.168.1.20:8080", true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, ok := BaseURL(tc.flag, tc.profile, tc.listen, tc.addrs)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.reachable, ok)
		})
	}
}
