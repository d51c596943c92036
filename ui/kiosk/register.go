package kiosk

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"bianmin/data"
	"bianmin/ui/input"
	"bianmin/ui/locale"
	"bianmin/ui/paper"
)

// Self-registration (自助登记, §三: every request is registered): a resident who cannot type
// Chinese registers a request by touch alone, one decision per screen, and
// leaves with a receipt.
//
// The steps are screens pushed on the kiosk's navigation stack, so the
// shell's 返回 goes back one step and keeps what was typed; they share one
// RegisterFlow, which holds the answers. The order: the personal-information
// notice and consent (before anything personal is typed, so a 不同意 costs
// nothing), the item's intake fields one per screen, name, mobile, ID
// number (unless the item says no_id), a short description (may be
// skipped), the materials checklist, whether staff should help or act for
// them, and the review page with 提交登记. The review's 修改 opens a step on
// top of it; that step's button then returns to the review.
//
// Validation uses data's validators on every step for immediate feedback,
// and data.Store.Register (one transaction) on submit; its
// *data.InvalidError sends the resident to the step of its Field. Nothing
// typed is lost on a failed submit: the steps keep their widgets until the
// resident leaves the flow (首页, or the idle reset, which wipes it).

// RegisterStore is what self-registration reads and writes; *data.Store
// satisfies it.
type RegisterStore interface {
	GuideStore // the item picker is the guides'
	Center(ctx context.Context) (data.Center, error)
	Calendar(ctx context.Context) (*data.Calendar, error)
	Register(ctx context.Context, reg data.Registration) (data.Receipt, error)
}

// RegisterPrinter prints a PDF with a CUPS media option and returns the job
// id; paper.Printer satisfies it. Its errors are paper's (*paper.PrintError
// wrapping paper.ErrPrinterStopped …), whose Chinese message the screens
// show through paper.Message.
type RegisterPrinter interface {
	Print(ctx context.Context, pdf []byte, media string) (string, error)
}

var _ RegisterPrinter = paper.Printer{}

// RegisterConfig is what the registration screens are given (kiosk.New
// makes it from Options).
type RegisterConfig struct {
	Store RegisterStore
	// Printer prints receipts and 一次性告知单; nil hides 打印回执 (the
	// resident photographs the QR code) and says so on 打印一次性告知单.
	Printer RegisterPrinter
	// BaseURL is the status page's public address, e.g.
	// "http://192.168.1.20:8080"; the receipt's QR code is {BaseURL}/r/{token}.
	BaseURL string
	// NoticeFormat is the paper of the 一次性告知单; zero is the 80 mm roll.
	NoticeFormat paper.Format
	// NoticePrinter, when set, prints the 一次性告知单 (an A4 queue, with
	// NoticeFormat paper.A4), so that Printer's roll gets receipts only;
	// nil: Printer.
	NoticePrinter RegisterPrinter
	// Scanner, when set, is given to the flow's keyboard panels, so a scan
	// while a field has the focus opens its result instead of typing into
	// the field (the Tracker's Scanner).
	Scanner *input.Scanner
	// IDCard, when set, is the identity-card reader: a card placed on the
	// name or ID step fills both (register_idcard.go).
	IDCard CardReader
	// InViewFirst is Options.InViewFirst.
	InViewFirst bool
}

// noticePrinter is the printer of the 一次性告知单.
func (c RegisterConfig) noticePrinter() RegisterPrinter {
	if c.NoticePrinter != nil {
		return c.NoticePrinter
	}
	return c.Printer
}

// TrackURL is the tracking address of a request's token.
func (c RegisterConfig) TrackURL(token string) string {
	return strings.TrimRight(c.BaseURL, "/") + "/r/" + token
}

// NewRegisterFeature is the 自助登记 tile's screen: choose an item by
// category or search, then register it. Outside office hours it says the
// room is closed and offers the guides.
func NewRegisterFeature(cfg RegisterConfig) Factory {
	return func(nav *Nav) Screen { return NewRegisterPicker(nav, cfg) }
}

// NewRegisterItem is a guide's 我要登记: registration of that item, starting
// with the personal-information notice, or the closed notice outside office
// hours.
func NewRegisterItem(cfg RegisterConfig) func(nav *Nav, item data.Item) Screen {
	return func(nav *Nav, item data.Item) Screen {
		return newRegisterFlow(nav, cfg, item).first(true)
	}
}

// NewPrintNotice is a guide's 打印一次性告知单: it prints the item's notice
// and shows how that went, with 重试 after a failure.
func NewPrintNotice(cfg RegisterConfig) func(nav *Nav, item data.Item) {
	return func(nav *Nav, item data.Item) { PrintItemNotice(nav, cfg, item) }
}

// regHelp is the answer of the 协助/代办 step.
type regHelp int

const (
	regHelpUnset regHelp = iota
	regHelpNone
	regHelpAssist
	regHelpProxy
)

// RegisterFlow is one resident's registration in progress: the item, the
// step screens and the answers each step has accepted.
type RegisterFlow struct {
	Item  data.Item
	Steps []*RegisterStep

	nav    *Nav
	cfg    RegisterConfig
	review *RegisterReview

	consent     bool
	values      map[string]string // intake field key → value in data's stored form
	name        string
	phone       string
	idNumber    string
	description string
	brought     map[int64]bool
	help        regHelp
	card        regCard // what a confirmed identity card gave (register_idcard.go)
	// keys is the keypad and keyboard the steps share, in keysAt's
	// layout (RegisterStep.ensurePanel); nil until a step types.
	keys   *input.Panel
	keysAt *RegisterStep
	// token is the request's tracking token from the first submit on,
	// sent again with every retry so that the request is never registered
	// twice (data.Registration.Token); "" again once a refusal says
	// nothing was saved.
	token string
}

func newRegisterFlow(nav *Nav, cfg RegisterConfig, item data.Item) *RegisterFlow {
	f := &RegisterFlow{Item: item, nav: nav, cfg: cfg, values: map[string]string{}, brought: map[int64]bool{}}
	// A field the ID number answers (the applicant's 出生日期, 性别) comes
	// after the ID step, to be shown filled from the number
	// (register_idfacts.go); the others come first, as the item lists them.
	type stepOf struct {
		kind  RegisterStepKind
		field *data.IntakeField
	}
	steps := []stepOf{{kind: RegisterConsent}}
	var derived []stepOf
	for i := range item.Fields {
		fd := &item.Fields[i]
		if !item.NoID && fd.AsksIDFact() {
			derived = append(derived, stepOf{RegisterField, fd})
			continue
		}
		steps = append(steps, stepOf{RegisterField, fd})
	}
	steps = append(steps, stepOf{kind: RegisterName}, stepOf{kind: RegisterPhone})
	if !item.NoID {
		steps = append(steps, stepOf{kind: RegisterID})
	}
	steps = append(steps, derived...)
	steps = append(steps, stepOf{kind: RegisterDescription}, stepOf{kind: RegisterMaterials}, stepOf{kind: RegisterHelp})
	total := len(steps) + 1 // and the review
	for i, st := range steps {
		f.Steps = append(f.Steps, newRegisterStep(f, st.kind, st.field, i+1, total))
	}
	f.review = newRegisterReview(f, total)
	return f
}

// first is the first step; gated, it first checks the office hours.
func (f *RegisterFlow) first(gated bool) *RegisterStep {
	s := f.Steps[0]
	if gated {
		s.gate()
	}
	return s
}

// Review is the review page.
func (f *RegisterFlow) Review() *RegisterReview { return f.review }

// Registration is what would be submitted now: the answers the steps have
// accepted.
func (f *RegisterFlow) Registration() data.Registration {
	r := data.Registration{
		ItemID:      f.Item.ID,
		Channel:     data.ChannelKiosk,
		Name:        f.name,
		Phone:       f.phone,
		Description: f.description,
		Fields:      map[string]string{},
		NeedsHelp:   f.help == regHelpAssist,
		Proxy:       f.help == regHelpProxy,
		Consent:     f.consent,
		Token:       f.token,
	}
	if !f.Item.NoID {
		r.IDNumber = f.idNumber
	}
	for k, v := range f.values {
		if v != "" {
			r.Fields[k] = v
		}
	}
	for _, m := range f.Item.Materials {
		if f.brought[m.ID] {
			r.Brought = append(r.Brought, m.ID)
		}
	}
	return r
}

// advance goes on from a step whose answer was accepted: to the next step,
// to the review after the last, or back to the review when the step was
// opened from it to be changed.
func (f *RegisterFlow) advance(s *RegisterStep) {
	if s.editing {
		s.editing = false
		f.nav.Back() // the review is under it
		return
	}
	if next := f.nextStep(s); next != nil {
		f.nav.Push(next)
		return
	}
	f.nav.Push(f.review)
	f.review.inView.hold(f.nav)
}

// edit opens a step on top of the review to change its answer, with msg
// (data's message from a refused submit) under the field if not "".
func (f *RegisterFlow) edit(s *RegisterStep, msg string) {
	s.editing = true
	s.load()
	s.setError(msg)
	f.nav.Push(s)
}

// stepFor is the step that asks what a data.InvalidError's Field names;
// nil for a problem no step can fix (the item, the channel).
func (f *RegisterFlow) stepFor(field string) *RegisterStep {
	for _, s := range f.Steps {
		switch {
		case s.Kind == RegisterField && field == "fields."+s.Field.Key,
			s.Kind == RegisterConsent && field == "consent",
			s.Kind == RegisterName && field == "name",
			s.Kind == RegisterPhone && field == "phone",
			s.Kind == RegisterID && field == "id_number",
			s.Kind == RegisterDescription && field == "description",
			s.Kind == RegisterMaterials && field == "brought":
			return s
		}
	}
	return nil
}

// submit stores the registration off the UI goroutine. On success the flow
// is over: the stack is cleared to the home screen and the receipt shown,
// so that 返回 cannot reach the filled-in steps (and submit twice).
func (f *RegisterFlow) submit() {
	if f.token == "" {
		f.token = data.NewToken()
	}
	reg := f.Registration()
	f.review.setBusy(true)
	f.nav.Async(func() func() {
		rc, err := f.cfg.Store.Register(f.nav.Context(), reg)
		var qr receiptQR
		if err == nil {
			qr = newReceiptQR(f.cfg, rc) // the receipt's QR code made here, not on the UI goroutine
		}
		return func() { f.submitted(rc, qr, err) }
	})
}

func (f *RegisterFlow) submitted(rc data.Receipt, qr receiptQR, err error) {
	if err == nil {
		// The review is left for good: its button is not set back (a
		// refresh of a button no one sees again, on the tap's path).
		f.review.busy = false
		receipt := newRegisterReceipt(f.nav, f.cfg, rc, qr)
		f.nav.Finish(receipt)
		receipt.inView.hold(f.nav)
		return
	}
	f.review.setBusy(false)
	if f.nav.Current() != f.review {
		// The resident has left the review meanwhile: nothing to show it on.
		fyne.LogError("kiosk: register (review left)", err)
		return
	}
	if errors.Is(err, data.ErrCommitUnknown) {
		// It may have been saved: the retry sends the same token, and gets
		// this registration's receipt if it was.
		fyne.LogError("kiosk: register", err)
		f.nav.message(err)
		f.review.setError(lang.L("kiosk.error.commitUnknown"), true)
		return
	}
	f.token = "" // nothing saved: what is sent next is a new registration
	var inv *data.InvalidError
	if errors.As(err, &inv) {
		if s := f.stepFor(inv.Field); s != nil {
			f.review.setError("", false)
			f.edit(s, locale.Message(inv))
			return
		}
	} else {
		fyne.LogError("kiosk: register", err)
	}
	f.review.setError(f.nav.message(err), true)
}

// title is every step's title: 自助登记 · the item.
func (f *RegisterFlow) title() string {
	return lang.L("register.titleItem", map[string]any{"Item": f.Item.Name})
}

// regHelpWords are the translation keys of each 协助/代办 answer: its name
// and the line under it on the choice.
var regHelpWords = map[regHelp]struct{ name, sub string }{
	regHelpNone:   {"register.help.none", "register.help.noneSub"},
	regHelpAssist: {"register.help.assist", "register.help.assistSub"},
	regHelpProxy:  {"register.help.proxy", "register.help.proxySub"},
}

// regHelpText names the 协助/代办 answer ("" while unanswered).
func regHelpText(h regHelp) string {
	w, ok := regHelpWords[h]
	if !ok {
		return ""
	}
	return lang.L(w.name)
}
