// Package staff is the staff mode of the service room's touchscreen:
// sign-in by name and PIN (and the first administrator's PIN on first
// start), the queue of requests by tab with filters and paging, one
// request with its full record and the handling steps the regulation
// allows, walk-in intake at the window, daily sign-in and whereabouts, and
// the written notices printed through ui/paper.
//
// Every rule lives in package data: this package shows what the store
// says, passes what staff type to it and shows its Chinese messages.
// Store work runs off the UI goroutine and comes back through fyne.Do.
//
// main builds a Desk once, swaps the window's content to Desk.Content when
// the kiosk asks for staff mode (Desk.Open) and back when Desk.OnExit runs.
package staff
