// Package data is Bianmin's domain and its SQLite store: the service room,
// its windows and staff, the service guides (办事指南), public disclosure
// (政务公开), requests and their timelines, complaints, ratings, the working-day
// calendar and the audit log, with the rules of the regulation
// (assets/regulation/rules.zh.txt, mapped clause by clause to the product in
// assets/regulation/map.md) as plain functions.
//
// It never imports Fyne. Screens depend on narrow interfaces that *Store
// satisfies. Every exported Store method takes a context first, runs in one
// transaction and returns errors that are ErrNotFound, ErrConflict, ErrBusy,
// ErrFull or an *InvalidError carrying a field and a Chinese message.
package data
