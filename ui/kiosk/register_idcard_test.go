package kiosk_test

import (
	"bytes"
	"context"
	"log"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
	"bianmin/ui/idcard"
	"bianmin/ui/idcard/idcardtest"
	"bianmin/ui/internal/uitest"
	"bianmin/ui/kiosk"
)

// cardRig is a kiosk with a simulated card reader on a pseudo-terminal,
// watched as main watches the real one.
type cardRig struct {
	*regRig
	sim *idcardtest.Reader
	w   *idcard.Watcher
	q   idcardtest.Queue
}

// newCardRig builds the kiosk as newRegRig does, with a Watcher on sim
// (nil: no reader configured at all).
func newCardRig(t *testing.T, sim *idcardtest.Reader) *cardRig {
	t.Helper()
	uitest.NewApp(t)
	now := regNow
	r := &regRig{timers: &uitest.Timers{}, printer: &regPrinter{Name: "kiosk"}, now: &now}
	s := datatest.OpenWith(t, func() time.Time { return *r.now }, regCatalog(t))
	r.store = &regStore{Store: s}
	cr := &cardRig{regRig: r, sim: sim, q: idcardtest.NewQueue()}
	r.cfg = kiosk.RegisterConfig{Store: r.store, Printer: r.printer, BaseURL: regBaseURL}
	opts := kiosk.Options{BaseURL: regBaseURL, Printer: r.printer, Now: func() time.Time { return *r.now },
		Run: func(f func()) { f() }, After: r.timers.After}
	if sim != nil {
		ctx, cancel := context.WithCancel(context.Background())
		cr.w = idcard.Watch(ctx, idcard.WatchConfig{Device: sim.Device(), Poll: 10 * time.Millisecond,
			Retry: 20 * time.Millisecond, Timeout: 500 * time.Millisecond, Deliver: cr.q.Post,
			Now: func() time.Time { return regNow }})
		t.Cleanup(func() {
			cancel()
			for { // let the watcher finish what it is delivering
				select {
				case <-cr.w.Done():
					return
				case <-cr.q:
				}
			}
		})
		opts.IDCard, r.cfg.IDCard = cr.w, cr.w
	}
	r.win = test.NewTempWindow(t, nil)
	r.k = kiosk.New(r.store, r.win, opts)
	r.win.SetContent(r.k.Content())
	r.win.Resize(fyne.NewSize(1280, 800))
	return cr
}

func newSim(t *testing.T) *idcardtest.Reader {
	t.Helper()
	sim, err := idcardtest.New()
	require.NoError(t, err)
	t.Cleanup(sim.Close)
	return sim
}

// openDB opens registration of 最低生活保障申请 and returns its consent
// step.
func (r *cardRig) openDB(t *testing.T) *kiosk.RegisterStep {
	t.Helper()
	it, err := r.store.Item(context.Background(), regItemID(t, r.regRig, "最低生活保障申请"))
	require.NoError(t, err)
	r.k.Nav.Push(kiosk.NewRegisterItem(r.cfg)(r.k.Nav, it))
	return r.step(t, kiosk.RegisterConsent)
}

// toName agrees and answers the item's four fields, up to the name step.
func (r *cardRig) toName(t *testing.T) *kiosk.RegisterStep {
	t.Helper()
	test.Tap(r.openDB(t).NextButton) // 同意
	s := r.step(t, kiosk.RegisterField)
	regKeys(t, s.Panel.Keypad, "3")
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterField)
	regKeys(t, s.Panel.Keypad, "1250")
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterField)
	choose(t, s, "因病")
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterField)
	choose(t, s, "本人申请")
	test.Tap(s.NextButton)
	return r.step(t, kiosk.RegisterName)
}

func (r *cardRig) ready(t *testing.T) {
	t.Helper()
	r.q.Until(t, "the reader is ready", func() bool { return r.w.Status().Ready() })
}

// confirmScreen waits for the card's confirmation page.
func (r *cardRig) confirmScreen(t *testing.T) *kiosk.RegisterCardConfirm {
	t.Helper()
	r.q.Until(t, "the card's confirmation", func() bool {
		_, ok := r.k.Nav.Current().(*kiosk.RegisterCardConfirm)
		return ok
	})
	return r.k.Nav.Current().(*kiosk.RegisterCardConfirm)
}

// The card of these tests: its number checks; its address, issuer,
// validity and photo must go nowhere.
var regCard = idcardtest.Card("张小三", regGoodID)

// TestRegisterIDCardFillsNameAndID: on the name step the kiosk asks for
// the card; placing it shows the name and the number masked; 确认 fills
// both and goes on past the ID step; the request stored holds them, and
// nothing else of the card is anywhere in the data file or the log.
func TestRegisterIDCardFillsNameAndID(t *testing.T) {
	var logs lockedBuffer
	log.SetOutput(&logs)
	t.Cleanup(func() { log.SetOutput(os.Stderr) })
	sim := newSim(t)
	r := newCardRig(t, sim)
	r.ready(t)

	r.openDB(t)
	assert.Contains(t, r.text(), "只读取其中的姓名和身份证号码两项", "the consent says what the card is read for")
	r.k.Nav.Back()
	s := r.toName(t)
	require.NotNil(t, s.CardPrompt)
	assert.True(t, s.CardPrompt.Visible())
	assert.Contains(t, r.text(), "请将身份证放在读卡区")

	sim.Place(regCard)
	c := r.confirmScreen(t)
	assert.Equal(t, "张*三", c.Name.Text)
	assert.Equal(t, "**************002X", c.Number.Text)
	shown := r.text()
	for _, secret := range []string{"张小三", regGoodID, "麓山", "岳麓分局", "20400101"} {
		assert.NotContains(t, shown, secret, "the confirmation shows the card masked, and nothing else of it")
	}

	test.Tap(c.ConfirmButton)
	s = r.step(t, kiosk.RegisterPhone)
	regKeys(t, s.Panel.Keypad, regPhone)
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterDescription) // the ID step is passed over: the card gave it
	test.Tap(s.NextButton)                   // 跳过
	s = r.step(t, kiosk.RegisterMaterials)
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterHelp)
	choose(t, s, "需要工作人员协助办理")
	test.Tap(s.NextButton)

	rv := regAt[*kiosk.RegisterReview](t, r.regRig)
	assert.Equal(t, "张小三", regRow(t, rv, "姓名").Value.Text)
	assert.Contains(t, regRow(t, rv, "身份证号码").Value.Text, "**************002X")
	test.Tap(rv.SubmitButton)
	rc := regAt[*kiosk.RegisterReceipt](t, r.regRig)
	st := r.stored(t, rc.Receipt.Token)
	assert.Equal(t, "张小三", st.ApplicantName)
	assert.Equal(t, regGoodID, st.ApplicantID)

	// Nothing but the name and the number reached the store: no value it
	// holds, and on SQLite no byte of the data file and its journal, bears
	// a trace of the rest of the card.
	all := []byte(strings.Join(datatest.StoredStrings(t, r.store.Store), "\n"))
	require.NoError(t, r.store.Store.Close())
	if r.store.Store.Engine() == data.SQLite {
		files, _ := filepath.Glob(r.store.Store.Path() + "*")
		require.NotEmpty(t, files)
		for _, f := range files {
			b, err := os.ReadFile(f)
			require.NoError(t, err)
			all = append(all, b...)
		}
	}
	require.True(t, bytes.Contains(all, []byte(regGoodID)), "the scan reads the store (the number is there)")
	for _, secret := range [][]byte{
		[]byte(regCard.Address), []byte("麓山南路"), []byte(regCard.Issuer), []byte("岳麓分局"),
		[]byte(regCard.ValidTo), idcardtest.Photo[:16], utf16le(regCard.Address[:9]),
	} {
		assert.False(t, bytes.Contains(all, secret), "the store holds %q", secret)
	}
	out := logs.String()
	for _, secret := range []string{"张小三", regGoodID, "麓山", "岳麓分局", "WLTPHOTO"} {
		assert.NotContains(t, out, secret, "the log holds part of the card")
	}
}

// utf16le is s as the card's text encodes it.
func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

// TestRegisterIDCardEdit: 修改 puts the card's name and number into the
// fields, to be corrected by typing; the ID step then asks as usual.
func TestRegisterIDCardEdit(t *testing.T) {
	sim := newSim(t)
	r := newCardRig(t, sim)
	r.ready(t)
	r.toName(t)
	sim.Place(regCard)
	c := r.confirmScreen(t)
	test.Tap(c.EditButton)
	s := r.step(t, kiosk.RegisterName)
	assert.Equal(t, "张小三", s.Entry.Text)
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterPhone)
	regKeys(t, s.Panel.Keypad, regPhone)
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterID)
	assert.Equal(t, regGoodID, s.Entry.Text, "the number waits in its field")
	assert.True(t, s.CardPrompt.Visible())
}

// TestRegisterIDCardOnIDStep: a card placed on the ID step fills both
// (the name typed before is replaced by the card's) and goes on.
func TestRegisterIDCardOnIDStep(t *testing.T) {
	sim := newSim(t)
	r := newCardRig(t, sim)
	r.ready(t)
	s := r.toName(t)
	regPinyin(t, s.Panel.Keyboard, "zhang", "张")
	regPinyin(t, s.Panel.Keyboard, "san", "三")
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterPhone)
	regKeys(t, s.Panel.Keypad, regPhone)
	test.Tap(s.NextButton)
	r.step(t, kiosk.RegisterID)
	sim.Place(regCard)
	test.Tap(r.confirmScreen(t).ConfirmButton)
	r.step(t, kiosk.RegisterDescription)
	assert.Equal(t, "张小三", r.k.Nav.Current().(*kiosk.RegisterStep).Flow().Registration().Name)
	assert.Equal(t, regGoodID, r.k.Nav.Current().(*kiosk.RegisterStep).Flow().Registration().IDNumber)
}

// TestRegisterIDCardTakenAwayEarly: a card taken away before it was read
// is said under the prompt, and read when placed again.
func TestRegisterIDCardTakenAwayEarly(t *testing.T) {
	sim := newSim(t)
	r := newCardRig(t, sim)
	r.ready(t)
	r.toName(t)
	sim.RemoveAfter(idcard.CmdSelectCard)
	sim.Place(regCard)
	r.q.Until(t, "the message", func() bool {
		return bytes.Contains([]byte(r.text()), []byte("身份证移开得太快"))
	})
	sim.Place(regCard)
	r.confirmScreen(t)
}

// TestRegisterIDCardNoReader: without a reader the steps are as before:
// no prompt, no word of a card on the consent; a reader plugged in later
// brings the prompt, and pulling it out takes it away.
func TestRegisterIDCardNoReader(t *testing.T) {
	t.Run("NotConfigured", func(t *testing.T) {
		r := newCardRig(t, nil)
		s := r.toName(t)
		assert.Nil(t, s.CardPrompt)
		assert.NotContains(t, r.text(), "读卡区")
	})
	t.Run("HotPlug", func(t *testing.T) {
		sim := idcardtest.NewLinked(idcardtest.LinkIn(t.TempDir()))
		t.Cleanup(sim.Unplug)
		r := newCardRig(t, sim)
		r.openDB(t)
		assert.NotContains(t, r.text(), "只读取其中的姓名和身份证号码两项")
		r.k.Nav.Back()
		s := r.toName(t)
		require.NotNil(t, s.CardPrompt)
		assert.False(t, s.CardPrompt.Visible(), "no reader, no prompt")
		assert.NotContains(t, r.text(), "读卡区")

		require.NoError(t, sim.Plug())
		r.q.Until(t, "the prompt", func() bool { return s.CardPrompt.Visible() })
		assert.Contains(t, r.text(), "请将身份证放在读卡区")
		sim.Unplug()
		r.q.Until(t, "the prompt gone", func() bool { return !s.CardPrompt.Visible() })
		regPinyin(t, s.Panel.Keyboard, "zhang", "张") // typing works as ever
		assert.Equal(t, "张", s.Entry.Text)
	})
}

// lockedBuffer is a log output several goroutines write.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestRegisterIDCardRareName: a name whose character the card holds in the
// private-use area (no font draws it) is not shown or taken: the number
// is, and the name step asks the resident to type the name.
func TestRegisterIDCardRareName(t *testing.T) {
	sim := newSim(t)
	r := newCardRig(t, sim)
	r.ready(t)
	r.toName(t)
	sim.Place(idcardtest.Card("李\ue000英", regGoodID))
	c := r.confirmScreen(t)
	assert.Equal(t, "请手动输入", c.Name.Text)
	assert.Equal(t, "**************002X", c.Number.Text)
	test.Tap(c.ConfirmButton)
	s := r.step(t, kiosk.RegisterName)
	assert.Empty(t, s.Entry.Text)
	assert.Contains(t, s.Error.Text, "请用键盘输入姓名")
	assert.Equal(t, regGoodID, s.Flow().Registration().IDNumber)
}
