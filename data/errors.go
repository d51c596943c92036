package data

import (
	"errors"
	"fmt"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Sentinel errors. Test with errors.Is.
var (
	// ErrNotFound: the thing asked for does not exist. Screens say "未找到".
	ErrNotFound = errors.New("data: not found")
	// ErrConflict: a unique key or a rule about the current state refused
	// the change (a second rating, a duplicate code, an illegal transition).
	ErrConflict = errors.New("data: conflict")
	// ErrBusy: the database stayed locked past the busy timeout. The change
	// was not made and may be retried.
	ErrBusy = errors.New("data: database busy")
	// ErrFull: the disk is full. The change was not made.
	ErrFull = errors.New("data: disk full")
	// ErrInvalid is what every *InvalidError matches with errors.Is.
	ErrInvalid = errors.New("data: invalid")
)

// InvalidError says which field is wrong and what to do about it, in words a
// resident can read (Chinese). Field is a stable key ("applicant.id_number",
// "items[3].materials[0].name") that screens use to put the message next to
// the right input.
type InvalidError struct {
	Field string
	Msg   string
}

// Invalid returns an *InvalidError for field with a Chinese message.
func Invalid(field, msg string) *InvalidError { return &InvalidError{Field: field, Msg: msg} }

func (e *InvalidError) Error() string {
	if e.Field == "" {
		return e.Msg
	}
	return e.Field + ": " + e.Msg
}

// Is makes errors.Is(err, ErrInvalid) true for every *InvalidError.
func (e *InvalidError) Is(target error) bool { return target == ErrInvalid }

// Prefix returns a copy whose Field is path + "." + Field (or path + Field
// when Field starts with "["), for errors found inside a nested value.
func (e *InvalidError) Prefix(path string) *InvalidError {
	switch {
	case e.Field == "":
		return &InvalidError{Field: path, Msg: e.Msg}
	case strings.HasPrefix(e.Field, "["):
		return &InvalidError{Field: path + e.Field, Msg: e.Msg}
	default:
		return &InvalidError{Field: path + "." + e.Field, Msg: e.Msg}
	}
}

// Message returns the text to show a person for err: the Chinese message of
// an *InvalidError, or a polite general sentence for the sentinels.
func Message(err error) string {
	var ie *InvalidError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &ie):
		return ie.Msg
	case errors.Is(err, ErrNotFound):
		return "未找到相关记录，请核对后重试。"
	case errors.Is(err, ErrBusy):
		return "系统正忙，您的信息尚未保存，请稍后点击“重试”。"
	case errors.Is(err, ErrFull):
		return "存储空间已满，您的信息尚未保存。请联系工作人员处理后重试。"
	case errors.Is(err, ErrConflict):
		return "该操作与当前状态不符，请刷新后重试。"
	default:
		return "系统出现问题，您的信息尚未保存，请稍后重试或联系工作人员。"
	}
}

// mapErr turns driver errors into the sentinels above, once, in one place,
// and adds the "data:" prefix. nil stays nil.
func mapErr(op string, err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return fmt.Errorf("data: %s: %w (%v)", op, ErrBusy, err)
		case sqlite3.SQLITE_FULL:
			return fmt.Errorf("data: %s: %w (%v)", op, ErrFull, err)
		case sqlite3.SQLITE_CONSTRAINT:
			return fmt.Errorf("data: %s: %w (%v)", op, ErrConflict, err)
		}
	}
	if strings.HasPrefix(err.Error(), "data:") {
		return err
	}
	return fmt.Errorf("data: %s: %w", op, err)
}
