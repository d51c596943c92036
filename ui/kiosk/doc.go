// Package kiosk is the resident side of Bianmin: the touchscreen a resident
// uses in the service room's lobby. It holds the shell (a header with the
// center's name, the date and time and today's office hours; a navigation
// stack; a footer with 返回 and 首页) and the screens that read the catalog:
// the home tiles, the service guides (办事指南) and public disclosure
// (政务公开).
//
// # Wiring
//
//	k := kiosk.New(store, win, kiosk.Options{BaseURL: ..., Printer: ..., OnStaffRequest: ...})
//	win.SetContent(k.Content())
//	k.Start() // the ticking clock
//
// store is a *data.Store; each screen declares the narrow interface it reads
// (HeaderStore, GuideStore, RegisterStore, TrackerStore …) and Store is
// their union. New builds every screen behind the home tiles itself
// (自助登记, 进度查询, 投诉建议, 服务评价 among them) and its Tracker, whose
// ScanRouter is the key handler, so a scan on any screen opens its result.
//
// # Threads
//
// Store calls never run on the UI goroutine: a screen calls Nav.Async with
// the work, which runs through Options.Run (a new goroutine by default) and
// hands its result back through fyne.Do. Timers (the search debounce, the
// long press on the center's name, the clock) go through Options.After.
// Tests pass a synchronous Run and a manual After, and Fyne's test driver
// runs fyne.Do synchronously, so every test is deterministic.
//
// # Hooks for the wiring
//
// Kiosk.Reset (idle reset: home, no dialogs, normal mode), Kiosk.OnActivity
// and Kiosk.LastActivity (the idle timer), Kiosk.SetElder (长辈模式, through
// bianmin/ui/theme), Kiosk.SetKeyHandler (a keyboard-wedge scanner),
// Leaver.Leave on every screen a resident leaves (stops read-aloud), and
// Options.OnStaffRequest (a 3-second press on the center's name).
package kiosk
