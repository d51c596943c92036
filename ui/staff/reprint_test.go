package staff_test

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/paper/papertest"
	"bianmin/ui/staff"
)

func TestReprintReceipt(t *testing.T) {
	for name, tc := range map[string]struct {
		refuse bool
		status string
	}{
		"new request":    {},
		"closed request": {refuse: true, status: "不予受理"},
	} {
		t.Run(name, func(t *testing.T) {
			r := newRig(t, true)
			rc := r.registerYL(t)
			r.login(t, "王丽娟", clerkPIN)
			req := r.openNew(t, rc)
			if tc.refuse {
				test.Tap(req.Actions[data.ActRefuse])
				req.Form.Step.(*staff.RefuseForm).Reason.SetText("申请人已参加职工基本养老保险，不属于城乡居民养老保险参保范围")
				test.Tap(req.Form.Submit)
				require.Nil(t, req.Form)
				require.True(t, req.Detail.Status.Closed())
				test.Tap(req.PrintButton) // the refusal notice
				r.printer.Jobs, r.printer.Media = nil, nil
			}
			require.True(t, req.ReprintButton.Visible())
			assert.Equal(t, "补打回执", req.ReprintButton.Text)

			test.Tap(req.ReprintButton)
			require.Len(t, r.printer.Jobs, 1)
			assert.True(t, strings.HasPrefix(r.printer.Media[0], "Custom.80x"), r.printer.Media[0])
			assert.True(t, strings.HasSuffix(r.printer.Media[0], "mm"), r.printer.Media[0])
			assert.Equal(t, "已送往打印机，请取纸。", req.ReprintStatus.Text)
			assert.False(t, req.ReprintButton.Disabled())

			page, err := r.s.Audit(context.Background(), data.AuditFilter{Action: data.AuditReprint})
			require.NoError(t, err)
			require.Len(t, page.Entries, 1)
			assert.Equal(t, "办件 "+rc.ReceiptNo, page.Entries[0].Target)

			flat := papertest.Words(t, r.printer.Jobs[0], "-layout")
			assert.Contains(t, flat, rc.ReceiptNo)
			assert.Contains(t, flat, rc.QueryCode)
			assert.Contains(t, flat, "赵*兰")
			assert.NotContains(t, flat, "赵桂兰")
			assert.NotContains(t, flat, validID("19650712", 42))
			for _, m := range rc.Missing {
				assert.Contains(t, flat, strings.Join(strings.Fields(m), ""))
			}
			if tc.status != "" {
				assert.Contains(t, flat, tc.status)
			}
		})
	}
}
