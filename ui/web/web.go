// Package web serves the small status page a resident's phone opens from
// the QR code on a receipt or a notice: GET /r/{token} shows the request's
// status, the materials still missing and the public timeline, with the
// applicant's name masked and no other personal data; once the request is
// finished and not yet rated, the page offers the five-level rating, sent
// by POST to the same address (once per request, by data's rules, as at
// the kiosk). GET /c/{token} shows a complaint's status and published
// reply, without the complainant's identity. Nothing else is writable,
// nothing is listed, unknown tokens get a bare 404, and each client is
// rate-limited so tokens cannot be enumerated.
package web

import (
	"bytes"
	"container/list"
	"context"
	"embed"
	"errors"
	"html/template"
	"log"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"bianmin/data"
)

// Tracker is what the page needs from the store.
type Tracker interface {
	TrackByToken(ctx context.Context, token string) (data.Tracking, error)
	ComplaintByToken(ctx context.Context, token string) (data.ComplaintStatus, error)
	Rate(ctx context.Context, requestID int64, level int, reason string) error
}

var _ Tracker = (*data.Store)(nil)

// statusView is the status page: the request, and the rating form's state.
type statusView struct {
	*data.Tracking
	Levels []rateLevel
	Level  int    // the level chosen on a form sent back with an error
	Reason string // the reason typed, likewise
	Error  string // what to fix, in words
	Thanks bool   // the rating was just recorded
}

// rateLevel is one choice of the rating form.
type rateLevel struct {
	Level int
	Label string
}

// rateLevels are the five levels, best first, as the kiosk shows them.
var rateLevels = func() []rateLevel {
	var out []rateLevel
	for l := data.RatingVeryGood; l >= data.RatingVeryBad; l-- {
		out = append(out, rateLevel{l, data.RatingLabel(l)})
	}
	return out
}()

// maxFormBytes bounds a rating form: a level and a reason of
// data.MaxRatingReasonRunes characters fit many times over.
const maxFormBytes = 8 << 10

// Limits are the per-client request limits.
type Limits struct {
	Rate  rate.Limit // sustained requests per second per client
	Burst int        // requests allowed at once
}

// DefaultLimits allow a person reloading the page but not a scanner of
// tokens: 1 request a second sustained, 10 at once.
var DefaultLimits = Limits{Rate: 1, Burst: 10}

// Server is the status page's handler.
type Server struct {
	store   Tracker
	limits  Limits
	now     func() time.Time
	mu      sync.Mutex
	clients map[string]*list.Element // of *client, by clientKey
	order   *list.List               // most recently seen first
	tmpl    *template.Template

	down  func() bool // the kiosk is in maintenance (SetMaintenance)
	phone string      // the service room's phone on the maintenance page
	proxy Proxy       // a reverse proxy in front (SetProxy, proxy.go)
}

// MaxClients bounds the rate-limit table: when it is full, the client seen
// longest ago is forgotten (it starts again with a full burst, which is
// what forgetting a client always meant). Each request does constant work.
const MaxClients = 4096

type client struct {
	key string
	lim *rate.Limiter
}

//go:embed templates/*.html
var templates embed.FS

// New returns the handler for the status page. With a nil store (the data
// file could not be opened) every lookup is answered with 系统维护中.
func New(store Tracker, limits Limits) *Server {
	funcs := template.FuncMap{
		"time": func(t time.Time) string { return t.In(data.China).Format("2006年1月2日 15:04") },
		"day": func(d string) string {
			t, err := data.ParseDay(d)
			if err != nil {
				return d
			}
			return t.Format("2006年1月2日")
		},
		"event": data.EventLabel,
	}
	return &Server{
		store:   store,
		limits:  limits,
		now:     time.Now,
		clients: map[string]*list.Element{},
		order:   list.New(),
		tmpl:    template.Must(template.New("").Funcs(funcs).ParseFS(templates, "templates/*.html")),
	}
}

// ServeHTTP answers GET and HEAD for /r/{token} and /c/{token}, and POST
// of the rating form for /r/{token}; everything else is refused.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")

	if r.Method != http.MethodGet && r.Method != http.MethodHead && r.Method != http.MethodPost {
		h.Set("Allow", "GET, HEAD, POST")
		s.page(w, http.StatusMethodNotAllowed, "error", "不支持该操作。")
		return
	}
	if !s.allow(s.client(r)) {
		h.Set("Retry-After", "10")
		s.page(w, http.StatusTooManyRequests, "error", "查询过于频繁，请稍后再试。")
		return
	}
	kind, token, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	if !ok || token == "" || strings.Contains(token, "/") || (kind != "r" && kind != "c") {
		s.page(w, http.StatusNotFound, "error", "未找到该页面。")
		return
	}
	if s.store == nil || (s.down != nil && s.down()) {
		s.maintenance(w)
		return
	}
	if r.Method == http.MethodPost && kind != "r" {
		h.Set("Allow", "GET, HEAD")
		s.page(w, http.StatusMethodNotAllowed, "error", "不支持该操作。")
		return
	}
	var v any
	var err error
	if kind == "r" {
		var t data.Tracking
		t, err = s.store.TrackByToken(r.Context(), token)
		v = &t
	} else {
		var c data.ComplaintStatus
		c, err = s.store.ComplaintByToken(r.Context(), token)
		v = &c
	}
	switch {
	case errors.Is(err, data.ErrNotFound):
		s.page(w, http.StatusNotFound, "error", "未找到相关记录，请核对二维码。")
		return
	case unusable(err):
		log.Printf("web: lookup: the data file cannot be used: %v", err)
		s.maintenance(w)
		return
	case err != nil:
		log.Printf("web: lookup: %v", err)
		s.page(w, http.StatusServiceUnavailable, "error", "系统暂时无法查询，请稍后再试。")
		return
	}
	if kind == "r" {
		s.status(w, r, v.(*data.Tracking))
	} else {
		s.page(w, http.StatusOK, "complaint", v)
	}
}

// status shows a request's page, or records the rating its form sent.
//
// The form needs no CSRF token of its own: it is posted to the page's own
// address, whose 130-bit token another site cannot know, and a request
// from another origin (an Origin header naming a different host) is
// refused all the same. data.Rate applies the kiosk's rules: finished,
// once, a reason for a bad rating.
func (s *Server) status(w http.ResponseWriter, r *http.Request, t *data.Tracking) {
	v := &statusView{Tracking: t, Levels: rateLevels, Thanks: r.URL.Query().Get("rated") == "1" && t.Rated}
	if r.Method != http.MethodPost {
		s.page(w, http.StatusOK, "status", v)
		return
	}
	if !s.ownForm(r) {
		s.page(w, http.StatusForbidden, "error", "请在本页面上提交评价。")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		s.page(w, http.StatusBadRequest, "error", "提交的内容过长，请缩短评价理由后再试。")
		return
	}
	v.Level, _ = strconv.Atoi(r.PostForm.Get("level"))
	v.Reason = r.PostForm.Get("reason")
	err := s.store.Rate(r.Context(), t.RequestID, v.Level, v.Reason)
	var ie *data.InvalidError
	switch {
	case err == nil:
		http.Redirect(w, r, r.URL.Path+"?rated=1", http.StatusSeeOther)
	case errors.As(err, &ie):
		if fresh, ferr := s.store.TrackByToken(r.Context(), t.Token); ferr == nil {
			v.Tracking = &fresh // rated meanwhile (at the kiosk): the form goes
		}
		v.Error = data.Message(err)
		s.page(w, http.StatusUnprocessableEntity, "status", v)
	case unusable(err):
		log.Printf("web: rate: the data file cannot be used: %v", err)
		s.maintenance(w)
	default:
		log.Printf("web: rate: %v", err)
		s.page(w, http.StatusServiceUnavailable, "error", "系统暂时无法保存评价，请稍后再试。")
	}
}

// SetMaintenance makes the page answer 系统维护中 (503, in Chinese with
// the English under it) while down reports true: the kiosk is in
// maintenance because its data file cannot be used. phone, if not "",
// is the service room's phone to call. Call it before serving.
func (s *Server) SetMaintenance(down func() bool, phone string) {
	s.down, s.phone = down, phone
}

// maintenance answers that the service is under maintenance: 503 with a
// Retry-After, the requests safe, what to do instead.
func (s *Server) maintenance(w http.ResponseWriter) {
	w.Header().Set("Retry-After", "600")
	s.page(w, http.StatusServiceUnavailable, "maintenance", s.phone)
}

// unusable reports whether err says the data file itself cannot be used
// (damaged, or a disk error), as the kiosk's maintenance does.
func unusable(err error) bool {
	return errors.Is(err, data.ErrCorrupt) || errors.Is(err, data.ErrIO)
}

// sameOrigin reports whether a form came from this server's own page: a
// browser names the page's origin in Origin. None (an older browser) and
// "null" (what a browser sends for a form POST from a page served with
// Referrer-Policy: no-referrer, as this one is) are let through, the
// unguessable token being the guard.
func sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" || o == "null" {
		return true
	}
	u, err := url.Parse(o)
	return err == nil && u.Host == r.Host
}

// page renders a template into memory first, so a failure never sends half
// a page with a success code.
func (s *Server) page(w http.ResponseWriter, code int, name string, v any) {
	var buf bytes.Buffer
	if err := s.tmpl.ExecuteTemplate(&buf, name+".html", v); err != nil {
		log.Printf("web: render %s: %v", name, err)
		http.Error(w, "系统暂时无法查询，请稍后再试。", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	_, _ = w.Write(buf.Bytes())
}

// allow applies the per-client limiter. The table holds at most
// MaxClients clients, least recently seen forgotten first; an IPv6 client
// is its /64 (one household or phone gets a whole /64, so a flood of
// addresses from one is one client).
func (s *Server) allow(ip string) bool {
	key := clientKey(ip)
	s.mu.Lock()
	defer s.mu.Unlock()
	var c *client
	if e, ok := s.clients[key]; ok {
		s.order.MoveToFront(e)
		c = e.Value.(*client)
	} else {
		if s.order.Len() >= MaxClients {
			oldest := s.order.Back()
			s.order.Remove(oldest)
			delete(s.clients, oldest.Value.(*client).key)
		}
		c = &client{key: key, lim: rate.NewLimiter(s.limits.Rate, s.limits.Burst)}
		s.clients[key] = s.order.PushFront(c)
	}
	return c.lim.AllowN(s.now(), 1)
}

// clientCount is the number of clients in the rate-limit table.
func (s *Server) clientCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.clients)
}

// clientKey is the rate-limit key of an address: an IPv4 address itself,
// an IPv6 address its /64 prefix.
func clientKey(ip string) string {
	a := net.ParseIP(ip)
	if a == nil || a.To4() != nil {
		return ip
	}
	return a.Mask(net.CIDRMask(64, 128)).String() + "/64"
}

// clientIP is the peer's address. Headers such as X-Forwarded-For are not
// trusted: the kiosk serves the page directly on the service room's LAN
// (bianmin serve behind a proxy names the proxy: SetProxy).
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// Serve listens on addr and serves the page until ctx ends.
func Serve(ctx context.Context, addr string, h http.Handler) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return ServeOn(ctx, ln, h)
}

// ServeOn is Serve on a listener already open (bianmin serve opens it
// first, to say at once when the port is taken and which port it got);
// when ctx ends, requests under way get two seconds to finish.
func ServeOn(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    8 << 10,
	}
	stopped := make(chan struct{}) // the shutdown is over (or not needed)
	failed := make(chan struct{})  // Serve returned by itself
	go func() {
		defer close(stopped)
		select {
		case <-ctx.Done():
		case <-failed:
			return
		}
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	err := srv.Serve(ln)
	if errors.Is(err, http.ErrServerClosed) {
		<-stopped // Serve returns at once; the requests under way finish first
		return nil
	}
	close(failed)
	return err
}
