package web

import (
	"net"
	"net/http"
	"net/url"
	"strings"
)

// Proxy says how the page is reached through a reverse proxy (bianmin
// serve behind the township's web server). The zero value is the kiosk's
// case: phones reach the page directly and no header is trusted.
type Proxy struct {
	// Trusted are the proxy's own addresses. A request from one of them
	// is counted, for the rate limit, as the client its X-Forwarded-For
	// header names (the last address in it that is not itself trusted):
	// otherwise every phone would be one client, the proxy, and a busy
	// morning would be refused as a scan of codes. From any other address
	// the header is ignored, so that it cannot be forged to escape the
	// limit.
	Trusted []*net.IPNet
	// PublicHost is the host phones see ("bm.example.org"; from --base-url):
	// a rating form whose Origin names it is this page's own, whatever
	// Host header the proxy passes on.
	PublicHost string
}

// SetProxy makes the page trust p. Call it before serving.
func (s *Server) SetProxy(p Proxy) { s.proxy = p }

// client is the address the rate limit counts r under: the peer, or,
// from a trusted proxy, the client it forwarded for.
func (s *Server) client(r *http.Request) string {
	peer := clientIP(r)
	if !s.trusted(peer) {
		return peer
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		ip := net.ParseIP(strings.TrimSpace(hops[i]))
		if ip == nil {
			break // a malformed entry: what lies before it is not known
		}
		if !s.trusted(ip.String()) {
			return ip.String()
		}
	}
	return peer
}

// trusted reports whether ip is one of the proxy's addresses.
func (s *Server) trusted(ip string) bool {
	a := net.ParseIP(ip)
	if a == nil {
		return false
	}
	for _, n := range s.proxy.Trusted {
		if n.Contains(a) {
			return true
		}
	}
	return false
}

// ownForm reports whether a rating form came from this page: sameOrigin,
// or an Origin naming the public host behind the proxy.
func (s *Server) ownForm(r *http.Request) bool {
	if sameOrigin(r) {
		return true
	}
	if s.proxy.PublicHost == "" {
		return false
	}
	u, err := url.Parse(r.Header.Get("Origin"))
	return err == nil && strings.EqualFold(u.Host, s.proxy.PublicHost)
}

// ParseProxies reads a comma-separated list of addresses and CIDR ranges
// ("127.0.0.1,10.0.0.0/8"), as --trust-proxy gives them.
func ParseProxies(list string) ([]*net.IPNet, error) {
	var out []*net.IPNet
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !strings.Contains(f, "/") {
			ip := net.ParseIP(f)
			if ip == nil {
				return nil, &net.ParseError{Type: "IP address", Text: f}
			}
			bits := 128
			if ip.To4() != nil {
				ip, bits = ip.To4(), 32
			}
			out = append(out, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
			continue
		}
		_, n, err := net.ParseCIDR(f)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}
