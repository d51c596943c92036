//go:build ignore

// gen.go writes readings.txt, the table package hanzi embeds, from the
// dictionary of github.com/mozillazg/go-pinyin (MIT licence): every
// character it knows, in code point order, with its readings in go-pinyin's
// Normal style (no tones, ü as v), the main reading first, each once.
// TestMatchesGoPinyin checks the table against the library. Run it after
// upgrading go-pinyin:
//
//	go generate ./internal/hanzi
package main

import (
	"bufio"
	"fmt"
	"log"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	gopinyin "github.com/mozillazg/go-pinyin"
)

func main() {
	codes := make([]int, 0, len(gopinyin.PinyinDict))
	for c := range gopinyin.PinyinDict {
		codes = append(codes, c)
	}
	slices.Sort(codes)

	f, err := os.Create("readings.txt")
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "# The pinyin readings of %d characters, from the dictionary of\n", len(codes))
	fmt.Fprintf(w, "# github.com/mozillazg/go-pinyin %s (MIT licence) in its Normal style:\n", version())
	fmt.Fprintln(w, "# a character, a space, its readings without tones (ü as v), main reading")
	fmt.Fprintln(w, "# first. Written by gen.go (go generate); do not edit.")
	args := gopinyin.NewArgs()
	args.Style = gopinyin.Normal
	args.Heteronym = true
	for _, c := range codes {
		r := rune(c)
		readings := gopinyin.SinglePinyin(r, args)
		if len(readings) == 0 {
			continue
		}
		for _, s := range readings {
			if s == "" || strings.ContainsAny(s, ", \n") {
				log.Fatalf("%U: reading %q cannot be written", r, s)
			}
		}
		fmt.Fprintf(w, "%c %s\n", r, strings.Join(readings, ","))
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

// version is the version of go-pinyin this program is built with.
func version() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, m := range info.Deps {
			if m.Path == "github.com/mozillazg/go-pinyin" {
				return m.Version
			}
		}
	}
	return gopinyin.Version
}
