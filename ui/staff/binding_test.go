package staff

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
)

// TestBindings: fill shows the record's texts, ticks and numbers; collect
// reads the texts (trimmed or as typed) and the ticks back, and leaves the
// numbers to the editor.
func TestBindings(t *testing.T) {
	test.NewTempApp(t)
	type record struct {
		Name string
		On   bool
		N    int
	}
	name, on, n := widget.NewEntry(), widget.NewCheck("", nil), widget.NewEntry()
	bind := func(r *record) bindings {
		return bindings{texts: []textField{{name, &r.Name}}, checks: []checkField{{on, &r.On}},
			numbers: []numberField{{n, &r.N, "n", ""}}}
	}
	bind(&record{Name: "便民服务室", On: true, N: 12}).fill()
	assert.Equal(t, "便民服务室", name.Text)
	assert.True(t, on.Checked)
	assert.Equal(t, "12", n.Text)

	name.SetText("  新名称 ")
	on.SetChecked(false)
	n.SetText("30")
	r := record{On: true, N: 7}
	bind(&r).collect(false)
	assert.Equal(t, record{Name: "  新名称 ", On: false, N: 7}, r, "as typed; the number is not read")
	bind(&r).collect(true)
	assert.Equal(t, "新名称", r.Name)
}
