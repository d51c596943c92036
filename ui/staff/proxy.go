package staff

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Administration section: 代办清单 (issue 5 §4 代为办理): proxy requests going to one upper department in one batch, the batch PDF, results recorded per request.
// STUB: replaced by its owner.

// ProxyStore is what the section needs from the store.
type ProxyStore interface{}

// ProxyBatches is the section's screen.
type ProxyBatches struct {
	content fyne.CanvasObject
}

func (a *Admin) openProxy() fyne.CanvasObject {
	return widget.NewLabel("")
}
