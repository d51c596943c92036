// Package acceptance holds the end-to-end acceptance tests of staff intake
// and handling in the six modes and of staff administration: each test
// drives the real widgets of both faces — the resident kiosk (ui/kiosk)
// and staff mode (ui/staff) — against one real SQLite store in a temporary
// directory, with a fixed clock, recording printers whose PDFs are read
// back with pdftotext, and the phone status page (ui/web) served in
// memory. The package has no code of its own: only its _test.go files.
package acceptance
