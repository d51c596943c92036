//go:build shots

package staff_test

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"bianmin/internal/shots"
	"bianmin/ui/staff"
)

// TestItemsScreenshots writes the section's screens as PNGs into
// $BIANMIN_SHOTS/items (for looking at them).
func TestItemsScreenshots(t *testing.T) {
	dir := shots.Need(t, "items")
	r, s := itemsRig(t)
	shot := func(name string) {
		shots.Save(t, dir, name, r.w.Canvas())
	}
	shot("items-list")
	e := editItem(t, s, "城乡居民基本养老保险参保登记")
	shot("items-basic")
	e.Tabs.SelectIndex(staff.ItemTabHandling)
	shot("items-handling")
	e.Materials[0].SamplePath.SetText(itemSamplePNG(t))
	test.Tap(e.Materials[0].LoadPath)
	e.Tabs.SelectIndex(staff.ItemTabMaterials)
	shot("items-materials")
	e.Tabs.SelectIndex(staff.ItemTabFields)
	shot("items-fields")
	e.Materials[1].Name.SetText("")
	test.Tap(e.Save)
	shot("items-error")
	e.Materials[1].Name.SetText("户口簿")
	test.Tap(e.Save)
	shot("items-saved")
}
