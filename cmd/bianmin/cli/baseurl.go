package cli

import (
	"net"
	"net/url"
	"strings"
)

// BaseURL is the address QR codes point to ({base}/r/{token}): the
// --base-url flag, else the center profile's public_base_url, else this
// machine's first LAN IPv4 address with the status page's port. The second
// result is false when no address a phone could reach is known (the page is
// off, or the machine has no network): then receipts still show the receipt
// number and query code, and the QR opens nothing useful.
func BaseURL(flag, profile, listen string, addrs []net.Addr) (string, bool) {
	for _, u := range []string{flag, profile} {
		if u = strings.TrimRight(strings.TrimSpace(u), "/"); u != "" {
			if p, err := url.Parse(u); err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != "" {
				return u, true
			}
		}
	}
	if listen == "" {
		return "http://localhost", false
	}
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return "http://localhost", false
	}
	if ip := net.ParseIP(host); host != "" && ip != nil && !ip.IsUnspecified() {
		return "http://" + net.JoinHostPort(host, port), !ip.IsLoopback()
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && !n.IP.IsLoopback() && !n.IP.IsLinkLocalUnicast() {
			return "http://" + net.JoinHostPort(n.IP.String(), port), true
		}
	}
	return "http://" + net.JoinHostPort("localhost", port), false
}
