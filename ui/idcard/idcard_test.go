package idcard_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/idcard"
	"bianmin/ui/idcard/idcardtest"
)

// The sample cards: numbers that check (GB 11643).
const (
	zhangNumber = "11010519491231002X"
	ayiNumber   = "650102198507150020"
)

var (
	zhang = idcardtest.Card("张小三", zhangNumber)
	// A minority resident's name: the middle dot of the card (U+00B7),
	// and a rare character from CJK Extension A (䶮, U+4DAE).
	ayi = idcardtest.Card("阿依古丽·买买提䶮", ayiNumber)
)

func sim(t *testing.T) *idcardtest.Reader {
	t.Helper()
	r, err := idcardtest.New()
	require.NoError(t, err)
	t.Cleanup(r.Close)
	return r
}

func open(t *testing.T, s *idcardtest.Reader, timeout time.Duration) *idcard.Reader {
	t.Helper()
	r, err := idcard.Open(s.Device())
	require.NoError(t, err)
	r.Timeout = timeout
	t.Cleanup(func() { r.Close() })
	return r
}

func TestReadCard(t *testing.T) {
	tests := map[string]struct {
		card  idcard.BaseFields
		setup func(s *idcardtest.Reader)
		want  idcard.Card
		err   error
		wait  time.Duration // the answer's timeout, when not 400 ms
	}{
		"OK": {card: zhang, want: idcard.Card{Name: "张小三", Number: zhangNumber}},
		"OKMinorityNameWithRareCharacter": {card: ayi,
			want: idcard.Card{Name: "阿依古丽·买买提䶮", Number: ayiNumber}},
		"OKFramesSplitAcrossReads": {card: zhang, setup: func(s *idcardtest.Reader) { s.Chunk(5) },
			want: idcard.Card{Name: "张小三", Number: zhangNumber}, wait: 5 * time.Second},
		"OKOneGarbledAnswer": {card: zhang, setup: func(s *idcardtest.Reader) { s.Corrupt(1) },
			want: idcard.Card{Name: "张小三", Number: zhangNumber}},
		"ErrChecksum": {card: zhang, setup: func(s *idcardtest.Reader) { s.Corrupt(100) }, err: idcard.ErrChecksum},
		"ErrNoCard":   {err: idcard.ErrNoCard},
		"ErrNoAnswer": {card: zhang, setup: func(s *idcardtest.Reader) { s.Silent(true) }, err: idcard.ErrNoAnswer},
		"ErrSAM":      {card: zhang, setup: func(s *idcardtest.Reader) { s.SAMFault(true) }, err: idcard.ErrSAM},
		"ErrCardRemovedBetweenSelectAndRead": {card: zhang,
			setup: func(s *idcardtest.Reader) { s.RemoveAfter(idcard.CmdSelectCard) }, err: idcard.ErrCardRemoved},
		"ErrCardRemovedAfterFind": {card: zhang,
			setup: func(s *idcardtest.Reader) { s.RemoveAfter(idcard.CmdFindCard) }, err: idcard.ErrCardRemoved},
		"ErrUnreadableNumber": {card: idcardtest.Card("张三", "110105194912310021"), err: idcard.ErrUnreadable},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			s := sim(t)
			if tc.card.Number != "" {
				s.Place(tc.card)
			}
			if tc.setup != nil {
				tc.setup(s)
			}
			wait := 400 * time.Millisecond
			if tc.wait > 0 {
				wait = tc.wait
			}
			r := open(t, s, wait)
			card, err := r.ReadCard(context.Background())
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				assert.NotEmpty(t, idcard.Message(err))
				assert.NotContains(t, err.Error(), "麓山", "an error never quotes the card")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, card)
		})
	}
}

func TestReadCardSendsTheProtocol(t *testing.T) {
	s := sim(t)
	s.Place(zhang)
	r := open(t, s, time.Second)
	require.NoError(t, r.SAMStatus(context.Background()))
	_, err := r.ReadCard(context.Background())
	require.NoError(t, err)
	assert.Equal(t, []idcard.Command{idcard.CmdSAMStatus, idcard.CmdFindCard, idcard.CmdSelectCard, idcard.CmdReadBase},
		s.Commands())
	// The frames on the wire, as the readers' manuals give them.
	assert.Equal(t, []byte{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22},
		idcard.EncodeCommand(idcard.CmdFindCard, nil))
	assert.Equal(t, []byte{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x20, 0x02, 0x21},
		idcard.EncodeCommand(idcard.CmdSelectCard, nil))
	assert.Equal(t, []byte{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x30, 0x01, 0x32},
		idcard.EncodeCommand(idcard.CmdReadBase, nil))
	assert.Equal(t, []byte{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x11, 0xFF, 0xED},
		idcard.EncodeCommand(idcard.CmdSAMStatus, nil))
	assert.Equal(t, []byte{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x08, 0x00, 0x00, 0x9F, 0x00, 0x00, 0x00, 0x00, 0x97},
		idcard.EncodeAnswer(idcard.CodeFound, []byte{0, 0, 0, 0}))
}

// TestDecoderSplitsAnywhere: a base-information answer fed in two pieces,
// split at every byte, after noise, gives the same frame; a garbled byte
// anywhere after the length gives ErrChecksum.
func TestDecoderSplitsAnywhere(t *testing.T) {
	frame := idcard.EncodeAnswer(idcard.CodeOK, idcard.EncodeBase(ayi, idcardtest.Photo))
	require.Len(t, frame, 5+2+1288)
	wire := append([]byte{0x00, 0xAA, 0x13, 0xAA, 0xAA}, frame...)
	for cut := 0; cut <= len(wire); cut++ {
		var d idcard.Decoder
		d.Feed(wire[:cut])
		f, ok, err := d.Next()
		if ok {
			require.Equal(t, len(wire), cut, "a frame before its last byte")
		}
		if !ok {
			d.Feed(wire[cut:])
			f, ok, err = d.Next()
		}
		require.True(t, ok, "cut %d", cut)
		require.NoError(t, err, "cut %d", cut)
		require.Equal(t, idcard.CodeOK, f.Code())
		require.Len(t, f.Data(), 1284)
	}
	for _, at := range []int{7, 9, 300, len(frame) - 1} {
		bad := bytes.Clone(frame)
		bad[at] ^= 0x01
		var d idcard.Decoder
		d.Feed(bad)
		d.Feed(frame) // a good frame after it still comes through
		_, ok, err := d.Next()
		require.True(t, ok, "at %d", at)
		require.ErrorIs(t, err, idcard.ErrChecksum, "at %d", at)
		f, ok, err := d.Next()
		require.True(t, ok)
		require.NoError(t, err)
		assert.Equal(t, idcard.CodeOK, f.Code())
	}
	// A length past any answer's is noise: the frame after it is found.
	bad := bytes.Clone(frame)
	bad[5] ^= 0x80
	var d idcard.Decoder
	d.Feed(bad)
	d.Feed(frame)
	f, ok, err := d.Next()
	require.True(t, ok)
	require.NoError(t, err)
	assert.Equal(t, idcard.CodeOK, f.Code())
}

// TestCardHoldsOnlyNameAndNumber: the one type that leaves the driver has
// no room for the address, the photo or anything else of the card.
func TestCardHoldsOnlyNameAndNumber(t *testing.T) {
	typ := reflect.TypeOf(idcard.Card{})
	var fields []string
	for f := range typ.Fields() {
		fields = append(fields, f.Name)
	}
	assert.Equal(t, []string{"Name", "Number"}, fields)

	c := idcard.Card{Name: "张小三", Number: zhangNumber}
	assert.Equal(t, "张*三", c.MaskedName())
	assert.Equal(t, "**************002X", c.MaskedNumber())
	assert.Equal(t, "张*三 **************002X", c.String(), "a Card in a log line is masked")
	birth, ok := c.Birth()
	require.True(t, ok)
	assert.Equal(t, "1949-12-31", birth.Format(time.DateOnly))
	assert.False(t, c.Male(), "digit 17 is even")
	assert.Equal(t, "阿***·***䶮", idcard.Card{Name: "阿依古丽·买买提䶮"}.MaskedName())
}

// events collects a Watcher's events.
type events struct {
	ch chan idcard.Event
}

func (e *events) next(t *testing.T, what string, ok func(idcard.Event) bool) idcard.Event {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case ev := <-e.ch:
			if ok(ev) {
				return ev
			}
		case <-deadline:
			t.Fatalf("no event: %s", what)
		}
	}
}

func isState(s idcard.State) func(idcard.Event) bool {
	return func(ev idcard.Event) bool { return ev.Card == nil && ev.Err == nil && ev.Status.State == s }
}

func isCard(ev idcard.Event) bool { return ev.Card != nil }

// logCapture collects what the package logs.
type logCapture struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logCapture) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logCapture) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func captureLog(t *testing.T) *logCapture {
	l := &logCapture{}
	log.SetOutput(l)
	t.Cleanup(func() { log.SetOutput(os.Stderr) })
	return l
}

// TestWatcherHotPlug: the reader is plugged in after the watcher starts,
// a card is reported once however long it lies there, again when placed
// again, the reader is pulled out and plugged in again; the log names the
// device and the states, never the card.
func TestWatcherHotPlug(t *testing.T) {
	logs := captureLog(t)
	s := idcardtest.NewLinked(idcardtest.LinkIn(t.TempDir()))
	t.Cleanup(s.Unplug)
	ctx, cancel := context.WithCancel(context.Background())
	e := &events{ch: make(chan idcard.Event, 64)}
	w := idcard.Watch(ctx, idcard.WatchConfig{Device: s.Device(), Poll: 10 * time.Millisecond,
		Retry: 20 * time.Millisecond, Timeout: 500 * time.Millisecond})
	defer func() { cancel(); <-w.Done() }()
	w.Subscribe(func(ev idcard.Event) { e.ch <- ev })
	assert.False(t, w.Status().Ready())

	require.NoError(t, s.Plug())
	e.next(t, "plugged in", isState(idcard.StateReady))
	assert.True(t, w.Status().Ready())
	assert.Equal(t, s.Device(), w.Status().Device)

	s.Place(zhang)
	ev := e.next(t, "a card", isCard)
	assert.Equal(t, idcard.Card{Name: "张小三", Number: zhangNumber}, *ev.Card)

	// The card stays: more finds, no second read.
	finds := func() int {
		n := 0
		for _, c := range s.Commands() {
			if c == idcard.CmdFindCard {
				n++
			}
		}
		return n
	}
	reads := func() int {
		n := 0
		for _, c := range s.Commands() {
			if c == idcard.CmdReadBase {
				n++
			}
		}
		return n
	}
	for before := finds(); finds() < before+5; {
		time.Sleep(5 * time.Millisecond)
	}
	assert.Equal(t, 1, reads(), "a card lying on the reader is read once")

	// The next card: the resident takes the first away, then places it.
	s.Remove()
	for before := finds(); finds() < before+2; {
		time.Sleep(5 * time.Millisecond)
	}
	s.Place(ayi)
	ev = e.next(t, "the second card", isCard)
	assert.Equal(t, "阿依古丽·买买提䶮", ev.Card.Name)

	s.Unplug()
	e.next(t, "pulled out", isState(idcard.StateAbsent))
	assert.False(t, w.Status().Ready())

	require.NoError(t, s.Plug())
	e.next(t, "plugged in again", isState(idcard.StateReady))
	s.Place(zhang)
	e.next(t, "a card after the reader came back", isCard)

	out := logs.String()
	assert.Contains(t, out, s.Device())
	for _, secret := range []string{"张小三", "张", zhangNumber, "阿依", ayiNumber, "麓山", "岳麓分局", "WLTPHOTO"} {
		assert.NotContains(t, out, secret)
	}
}

// TestWatcherCardTakenAwayEarly: a card taken away between select and
// read is reported as such, and read when it is placed again.
func TestWatcherCardTakenAwayEarly(t *testing.T) {
	s := sim(t)
	s.RemoveAfter(idcard.CmdSelectCard)
	ctx, cancel := context.WithCancel(context.Background())
	e := &events{ch: make(chan idcard.Event, 64)}
	w := idcard.Watch(ctx, idcard.WatchConfig{Device: s.Device(), Poll: 10 * time.Millisecond,
		Retry: 20 * time.Millisecond, Timeout: 500 * time.Millisecond})
	defer func() { cancel(); <-w.Done() }()
	w.Subscribe(func(ev idcard.Event) { e.ch <- ev })
	s.Place(zhang)
	ev := e.next(t, "the card taken away", func(ev idcard.Event) bool { return ev.Err != nil })
	assert.ErrorIs(t, ev.Err, idcard.ErrCardRemoved)
	assert.Contains(t, idcard.Message(ev.Err), "重新放好")
	s.Place(zhang)
	ev = e.next(t, "the card placed again", isCard)
	assert.Equal(t, zhangNumber, ev.Card.Number)
}

// TestWatcherFindsTheReader: without a device, the first candidate that
// answers the protocol is the reader; a missing device and a silent one
// are passed over.
func TestWatcherFindsTheReader(t *testing.T) {
	silent := sim(t)
	silent.Silent(true)
	good := sim(t)
	candidates := func() []string { return []string{"/dev/ttyUSB-none", silent.Device(), good.Device()} }
	ctx, cancel := context.WithCancel(context.Background())
	e := &events{ch: make(chan idcard.Event, 64)}
	w := idcard.Watch(ctx, idcard.WatchConfig{Candidates: candidates, Poll: 10 * time.Millisecond,
		Retry: 20 * time.Millisecond, Timeout: 300 * time.Millisecond})
	defer func() { cancel(); <-w.Done() }()
	w.Subscribe(func(ev idcard.Event) { e.ch <- ev })
	ev := e.next(t, "found", isState(idcard.StateReady))
	assert.Equal(t, good.Device(), ev.Status.Device)
}

// TestProbe: the reader's state as `bianmin idcard` and `bianmin doctor`
// report it.
func TestProbe(t *testing.T) {
	ctx := context.Background()
	s := sim(t)
	st := idcard.Probe(ctx, s.Device(), 300*time.Millisecond)
	assert.Equal(t, idcard.StateReady, st.State)
	assert.Contains(t, st.String(), "正常")

	s.SAMFault(true)
	assert.Equal(t, idcard.StateFault, idcard.Probe(ctx, s.Device(), 300*time.Millisecond).State)

	s.Silent(true)
	st = idcard.Probe(ctx, s.Device(), 300*time.Millisecond)
	assert.Equal(t, idcard.StateNoAnswer, st.State)
	assert.ErrorIs(t, st.Err, idcard.ErrNoAnswer)

	st = idcard.Probe(ctx, "/dev/ttyUSB-none", 300*time.Millisecond)
	assert.Equal(t, idcard.StateAbsent, st.State)
	assert.ErrorIs(t, st.Err, idcard.ErrNoReader)
	assert.True(t, strings.HasPrefix(st.String(), "没有找到身份证阅读器"))
}

func TestReadOnce(t *testing.T) {
	s := sim(t)
	s.Place(ayi)
	card, st, err := idcard.ReadOnce(context.Background(), s.Device(), 5*time.Second, time.Second, nil)
	require.NoError(t, err)
	assert.True(t, st.Ready())
	assert.Equal(t, ayiNumber, card.Number)

	s.Remove()
	_, _, err = idcard.ReadOnce(context.Background(), s.Device(), 200*time.Millisecond, time.Second, nil)
	assert.ErrorIs(t, err, idcard.ErrNoCard)
}

// TestTranslationsComplete: every idcard key the package names is in both
// languages, and the Chinese is the package's own fallback.
func TestTranslationsComplete(t *testing.T) {
	read := func(name string) map[string]string {
		b, err := os.ReadFile(filepath.Join("..", "..", "assets", "translations", name))
		require.NoError(t, err)
		var m map[string]string
		require.NoError(t, json.Unmarshal(b, &m))
		return m
	}
	zh, en := read("idcard.zh_Hans.json"), read("idcard.en.json")
	assert.Len(t, en, len(zh))
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	pair := regexp.MustCompile(`"(idcard\.[a-zA-Z.]+)", "([^"]+)"`)
	n := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range pair.FindAllStringSubmatch(string(src), -1) {
			n++
			assert.Equal(t, m[2], zh[m[1]], "%s: %s", f, m[1])
			assert.NotEmpty(t, en[m[1]], "%s: %s", f, m[1])
		}
	}
	assert.Equal(t, len(zh), n, "every key is used")
}

// TestStatusWords: each state has its own words, naming the device.
func TestStatusWords(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range []idcard.State{idcard.StateAbsent, idcard.StateBusy, idcard.StateDenied, idcard.StateNoAnswer,
		idcard.StateFault, idcard.StateReady} {
		words := idcard.Status{State: s, Device: "/dev/ttyUSB0"}.String()
		assert.Contains(t, words, "(/dev/ttyUSB0)")
		assert.False(t, seen[words], words)
		seen[words] = true
	}
	for _, err := range []error{idcard.ErrNoReader, idcard.ErrBusy, idcard.ErrDenied, idcard.ErrNoAnswer, idcard.ErrSAM,
		idcard.ErrNoCard, idcard.ErrCardRemoved, idcard.ErrUnreadable, idcard.ErrChecksum, idcard.ErrProtocol} {
		assert.NotEmpty(t, idcard.Message(fmt.Errorf("wrapped: %w", err)))
	}
}
