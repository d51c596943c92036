package data

import (
	"context"
	"database/sql"
	"errors"
	"regexp"
	"strings"
)

// Codes name the catalog's records: a window's number (窗口编号), a staff
// member's 工号, an item's code (事项编码), a disclosure's code (公开事项编码).
// Every kind follows one rule of form (codePattern, checkCode), comes once
// in a catalog file (codeTwice) and once in the store (codeFree); each
// refusal is in the words of its kind.

var codePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$`)

// codeKind is the kind of record a code names; calendarDay is a day of the
// calendar, which the calendar's list knows its days by.
type codeKind int

const (
	windowCode codeKind = iota
	staffCode
	itemCode
	disclosureCode
	calendarDay
)

// checkCode refuses a code of kind that does not follow codePattern, in
// the kind's words; a disclosure's code left blank is asked for with an
// example.
func checkCode(kind codeKind, code string) error {
	if codePattern.MatchString(code) {
		return nil
	}
	msg := "事项编码应为1至32位英文字母、数字、下划线或连字符。"
	switch kind {
	case windowCode:
		msg = "窗口编号应为1至32位英文字母或数字。"
	case staffCode:
		msg = "工号应为1至32位英文字母或数字。"
	case disclosureCode:
		msg = codeFormat
		if strings.TrimSpace(code) == "" {
			msg = codeMissing
		}
	}
	return Invalid("code", msg)
}

// The messages of a disclosure's code.
const (
	codeMissing = "请填写公开事项编码（如 FWCN-2027，用英文字母、数字或连字符）。"
	codeFormat  = "公开事项编码应为1至32位英文字母、数字、下划线或连字符。"
)

// codeTwice refuses a code (or a day) of kind given twice in a file.
func codeTwice(field string, kind codeKind, code string) *InvalidError {
	switch kind {
	case windowCode:
		return Invalid(field, "窗口编号重复："+code+"。").keyed("data.catalog.windowTwice", map[string]any{"Code": code})
	case staffCode:
		return Invalid(field, "工号重复："+code+"。").keyed("data.catalog.staffTwice", map[string]any{"Code": code})
	case itemCode:
		return Invalid(field, "事项编码重复："+code+"。").keyed("data.catalog.itemTwice", map[string]any{"Code": code})
	case disclosureCode:
		return Invalid(field, "公开事项编码重复："+code+"。").keyed("data.catalog.disclosureTwice", map[string]any{"Code": code})
	}
	return Invalid(field, "日期重复："+code+"。").keyed("data.catalog.dayTwice", map[string]any{"Day": code})
}

// codeTables are the tables of the kinds codeFree looks in.
var codeTables = map[codeKind]string{windowCode: "windows", staffCode: "staff", itemCode: "items"}

// codeFree refuses the code of a window, a staff member or an item (kind)
// that a record of its kind other than id already has.
func codeFree(ctx context.Context, tx *sql.Tx, kind codeKind, code string, id int64) error {
	var other int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM `+codeTables[kind]+` WHERE code = ? AND id != ?`, code, id).Scan(&other)
	switch {
	case err == nil:
		return codeTaken(kind, code)
	case errors.Is(err, sql.ErrNoRows):
		return nil
	}
	return err
}

// codeTaken is codeFree's refusal.
func codeTaken(kind codeKind, code string) *InvalidError {
	switch kind {
	case windowCode:
		return Invalid("code", "窗口编号 "+code+" 已被其他窗口使用，请换一个编号。").
			keyed("data.window.codeTaken", map[string]any{"Code": code})
	case staffCode:
		return Invalid("code", "工号 "+code+" 已被其他工作人员使用，请换一个工号。").
			keyed("data.staff.codeTaken", map[string]any{"Code": code})
	}
	return codeTwice("code", kind, code)
}
