package paper

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/user"
	"strconv"
	"strings"
	"time"
)

// A minimal IPP client for one question lpstat cannot answer: did a job
// that left the queue complete, or was it aborted or cancelled? (`lpstat -W
// completed` lists all three alike.) It speaks to the same scheduler the
// CUPS commands use: $CUPS_SERVER, else the local socket, else
// localhost:631.

// IPP job states (RFC 8011 §5.3.7).
const (
	ippJobPending    = 3
	ippJobHeld       = 4
	ippJobProcessing = 5
	ippJobStopped    = 6
	ippJobCanceled   = 7
	ippJobAborted    = 8
	ippJobCompleted  = 9
)

func ippJobStateName(s int) string {
	switch s {
	case ippJobPending:
		return "pending"
	case ippJobHeld:
		return "held"
	case ippJobProcessing:
		return "processing"
	case ippJobStopped:
		return "stopped"
	case ippJobCanceled:
		return "canceled"
	case ippJobAborted:
		return "aborted"
	case ippJobCompleted:
		return "completed"
	}
	return "state " + strconv.Itoa(s)
}

// cupsServer returns how to reach the scheduler: a socket path or a host:port.
func cupsServer() (network, addr string) {
	if s := os.Getenv("CUPS_SERVER"); s != "" {
		if strings.HasPrefix(s, "/") {
			return "unix", s
		}
		if _, _, err := net.SplitHostPort(s); err != nil {
			s = net.JoinHostPort(s, "631")
		}
		return "tcp", s
	}
	for _, sock := range []string{"/run/cups/cups.sock", "/var/run/cups/cups.sock"} {
		if _, err := os.Stat(sock); err == nil {
			return "unix", sock
		}
	}
	return "tcp", "localhost:631"
}

// jobState asks CUPS for the state of job ("queue-123").
func jobState(ctx context.Context, job string) (int, error) {
	i := strings.LastIndexByte(job, '-')
	id, err := strconv.Atoi(job[i+1:])
	if i < 0 || err != nil {
		return 0, fmt.Errorf("paper: ipp: bad job id %q", job)
	}
	name := "root"
	if u, err := user.Current(); err == nil {
		name = u.Username
	}
	var req bytes.Buffer
	req.Write([]byte{2, 0, 0, 9, 0, 0, 0, 1}) // IPP 2.0, Get-Job-Attributes, request 1
	req.WriteByte(0x01)                       // operation-attributes-tag
	ippAttr(&req, 0x47, "attributes-charset", "utf-8")
	ippAttr(&req, 0x48, "attributes-natural-language", "en")
	ippAttr(&req, 0x45, "job-uri", "ipp://localhost/jobs/"+strconv.Itoa(id))
	ippAttr(&req, 0x42, "requesting-user-name", name)
	ippAttr(&req, 0x44, "requested-attributes", "job-state")
	req.WriteByte(0x03) // end-of-attributes-tag

	network, addr := cupsServer()
	client := &http.Client{
		Timeout: 5 * time.Second,
		Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, addr)
		}},
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://localhost/jobs/", &req)
	if err != nil {
		return 0, fmt.Errorf("paper: ipp: %w", err)
	}
	hreq.Header.Set("Content-Type", "application/ipp")
	resp, err := client.Do(hreq)
	if err != nil {
		return 0, fmt.Errorf("paper: ipp: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return 0, fmt.Errorf("paper: ipp: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("paper: ipp: HTTP %s", resp.Status)
	}
	return ippFindEnum(body, "job-state")
}

func ippAttr(b *bytes.Buffer, tag byte, name, value string) {
	b.WriteByte(tag)
	_ = binary.Write(b, binary.BigEndian, uint16(len(name)))
	b.WriteString(name)
	_ = binary.Write(b, binary.BigEndian, uint16(len(value)))
	b.WriteString(value)
}

// ippFindEnum finds the first integer/enum attribute called name in an IPP
// response, after checking the response status.
func ippFindEnum(b []byte, name string) (int, error) {
	if len(b) < 9 {
		return 0, errors.New("paper: ipp: short response")
	}
	if status := binary.BigEndian.Uint16(b[2:]); status >= 0x0100 {
		return 0, fmt.Errorf("paper: ipp: status 0x%04x", status)
	}
	at := 8
	last := ""
	for at < len(b) {
		tag := b[at]
		at++
		if tag == 0x03 {
			break
		}
		if tag < 0x10 { // a group delimiter
			continue
		}
		if at+2 > len(b) {
			break
		}
		nl := int(binary.BigEndian.Uint16(b[at:]))
		at += 2
		if at+nl+2 > len(b) {
			break
		}
		if nl > 0 {
			last = string(b[at : at+nl])
		}
		at += nl
		vl := int(binary.BigEndian.Uint16(b[at:]))
		at += 2
		if at+vl > len(b) {
			break
		}
		if last == name && (tag == 0x23 || tag == 0x21) && vl == 4 {
			return int(int32(binary.BigEndian.Uint32(b[at:]))), nil
		}
		at += vl
	}
	return 0, fmt.Errorf("paper: ipp: no %s in response", name)
}
