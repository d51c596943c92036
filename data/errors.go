package data

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
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
	// ErrReadOnly: the data file or its disk cannot be written.
	ErrReadOnly = errors.New("data: data file is read-only")
	// ErrCorrupt: the data file is damaged or is not a data file.
	ErrCorrupt = errors.New("data: data file is damaged")
	// ErrIO: reading or writing the data file failed (disk fault, or a
	// disk full where SQLite reports it as an I/O error).
	ErrIO = errors.New("data: disk I/O error")
	// ErrCantOpen: the data file cannot be opened (its folder is missing
	// or not allowed, or the name is a folder).
	ErrCantOpen = errors.New("data: cannot open the data file")
	// ErrInvalid is what every *InvalidError matches with errors.Is.
	ErrInvalid = errors.New("data: invalid")
	// ErrUnreachable: the PostgreSQL server cannot be reached (stopped,
	// restarting, the network gone) or the connection broke in the middle.
	// Nothing was written (the transaction is rolled back with the
	// connection); it may be retried, and it also matches ErrBusy, so
	// what retries a busy store retries it.
	ErrUnreachable error = unreachable{}
	// ErrCommitUnknown: the connection to the PostgreSQL server broke
	// while the change was being committed, and the server could not be
	// asked afterwards (within commitSettleWait) whether it had been
	// saved. It may have been. Unlike ErrUnreachable it is not retried
	// like busy: a registration or complaint carrying its token (see
	// Registration.Token) may be sent again safely (the saved one is
	// returned, never a second); any other change should be looked up
	// before it is made again.
	ErrCommitUnknown = errors.New("data: commit outcome unknown")
)

type unreachable struct{}

func (unreachable) Error() string        { return "data: database server unreachable" }
func (unreachable) Is(target error) bool { return target == ErrBusy }

// InvalidError says which field is wrong and what to do about it, in words a
// resident can read (Chinese). Field is a stable key ("applicant.id_number",
// "items[3].materials[0].name") that screens use to put the message next to
// the right input.
type InvalidError struct {
	Field string
	Msg   string

	key  string         // see Key (message_keys.go)
	args map[string]any // see Args
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
	c := *e // keeps the message's key and arguments
	switch {
	case e.Field == "":
		c.Field = path
	case strings.HasPrefix(e.Field, "["):
		c.Field = path + e.Field
	default:
		c.Field = path + "." + e.Field
	}
	return &c
}

// Message returns the text to show a person for err: the Chinese message of
// an *InvalidError, or a polite general sentence for the sentinels.
func Message(err error) string {
	var ie *InvalidError
	var so *serverOpenError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &ie):
		return ie.Msg
	case errors.As(err, &so):
		return so.msg
	}
	for _, m := range sentinelMessages {
		if errors.Is(err, m.err) {
			return m.msg
		}
	}
	return "系统出现问题，您的信息尚未保存，请稍后重试或联系工作人员。"
}

// sentinelMessages is what Message says for each sentinel, tried in this
// order (ErrUnreachable before ErrBusy, which it also matches).
var sentinelMessages = []struct {
	err error
	msg string
}{
	{ErrNotFound, "未找到相关记录，请核对后重试。"},
	{ErrCommitUnknown, msgCommitUnknown},
	{ErrUnreachable, "暂时连不上数据服务器，信息尚未保存。已填写的内容不会丢失，请稍后点击“重试”；如一直连不上，请联系工作人员检查网络和数据服务器。"},
	{ErrBusy, "系统正忙，您的信息尚未保存，请稍后点击“重试”。"},
	{ErrFull, "存储空间已满，您的信息尚未保存。请联系工作人员处理后重试。"},
	{ErrReadOnly, "数据文件是只读的，信息尚未保存。请工作人员检查数据文件和所在磁盘是否允许写入（U盘、存储卡是否写保护），处理后重新启动本程序。"},
	{ErrCorrupt, "数据文件已损坏，信息尚未保存。请工作人员在“管理 → 数据备份”中恢复最近一份完好的备份（程序无法启动时用 bianmin restore 备份文件 恢复），不要再往损坏的文件里登记。"},
	{ErrIO, "读写数据文件时出错，信息尚未保存；可能是磁盘已满或出现故障。请工作人员检查磁盘空间和磁盘是否完好，处理后重试。"},
	{ErrCantOpen, "无法打开数据文件，信息尚未保存。请工作人员检查数据文件的位置（--data）是否正确、所在文件夹是否存在并允许读写。"},
	{ErrConflict, "该操作与当前状态不符，请刷新后重试。"},
}

// mapErr turns driver errors into the sentinels above, once, in one place,
// and adds the "data:" prefix. nil stays nil.
func mapErr(op string, err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		if e, ok := sqliteSentinels[se.Code()&0xff]; ok {
			return fmt.Errorf("data: %s: %w (%v)", op, e, err)
		}
	}
	if e := pgSentinel(err); e != nil {
		if op == "open" && e == ErrUnreachable {
			// At the start, say what to check, not only "later".
			msg := msgUnreachable
			if pe := (*pgconn.PgError)(nil); errors.As(err, &pe) && pe.Code == "57P03" {
				msg = msgStarting
			}
			e = &serverOpenError{msg: msg, unreachable: true}
		}
		return fmt.Errorf("data: %s: %w (%v)", op, e, err)
	}
	// Errors from the file system around the driver (making the folder,
	// copying a file).
	for _, f := range fileSentinels {
		if errors.Is(err, f.errno) {
			return fmt.Errorf("data: %s: %w (%v)", op, f.err, err)
		}
	}
	if strings.HasPrefix(err.Error(), "data:") {
		return err
	}
	return fmt.Errorf("data: %s: %w", op, err)
}

// sqliteSentinels is the sentinel for each primary SQLite result code that
// has one.
var sqliteSentinels = map[int]error{
	sqlite3.SQLITE_BUSY:       ErrBusy,
	sqlite3.SQLITE_LOCKED:     ErrBusy,
	sqlite3.SQLITE_FULL:       ErrFull,
	sqlite3.SQLITE_CONSTRAINT: ErrConflict,
	sqlite3.SQLITE_READONLY:   ErrReadOnly,
	sqlite3.SQLITE_CORRUPT:    ErrCorrupt,
	sqlite3.SQLITE_NOTADB:     ErrCorrupt,
	sqlite3.SQLITE_IOERR:      ErrIO,
	sqlite3.SQLITE_CANTOPEN:   ErrCantOpen,
}

// fileSentinels is the sentinel for each file-system error that has one,
// tried in this order.
var fileSentinels = []struct {
	errno syscall.Errno
	err   error
}{
	{syscall.ENOSPC, ErrFull},
	{syscall.EDQUOT, ErrFull},
	{syscall.EROFS, ErrReadOnly},
	{syscall.EIO, ErrIO},
}

// pgSentinel is the sentinel for a PostgreSQL error, as SQLite's codes map
// above: what a constraint or a trigger refused is a conflict (SQLite
// reports both as SQLITE_CONSTRAINT), what a lock or another transaction
// stopped may be retried (busy), a server that cannot be reached or
// refuses the connection cannot be opened, and a connection lost in the
// middle leaves nothing written (the transaction is rolled back), so it is
// retried like busy. nil when err is none of these.
func pgSentinel(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		if e, ok := pgSentinels[pe.Code]; ok {
			return e
		}
		switch {
		case pe.Code == "3D000":
			return &serverOpenError{msg: msgNoDatabase}
		case strings.HasPrefix(pe.Code, "28"):
			return &serverOpenError{msg: msgLogin}
		case strings.HasPrefix(pe.Code, "08"):
			return ErrUnreachable // the connection failed or broke: come back later
		}
		return nil
	}
	// No answer from the server: it is down, or the network is. The
	// connection (and the transaction on it) is gone, nothing written.
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return ErrUnreachable
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return nil // the caller gave up (a screen left): not the server's doing
	}
	var ne *net.OpError
	if errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, driver.ErrBadConn) || pgconn.SafeToRetry(err) || strings.Contains(err.Error(), "conn closed") {
		return ErrUnreachable
	}
	return nil
}

// pgSentinels is the sentinel for each PostgreSQL error code that has one
// (see pgSentinel; the classes 08 and 28 are matched there by prefix).
var pgSentinels = map[string]error{
	"23505": ErrConflict, "23514": ErrConflict, "23503": ErrConflict, "23502": ErrConflict, "P0001": ErrConflict,
	"40001": ErrBusy, "40P01": ErrBusy, "55P03": ErrBusy, "57014": ErrBusy,
	"53100": ErrFull,
	"25006": ErrReadOnly,
	"XX001": ErrCorrupt, "XX002": ErrCorrupt,
	"58030": ErrIO,
	"57P01": ErrUnreachable, "57P02": ErrUnreachable, "57P03": ErrUnreachable, // shut down, crashed, starting: come back later
}

// serverOpenError is ErrCantOpen on PostgreSQL, with what to check: the
// database server cannot be reached, refuses the login, has no such
// database, or is still starting. (ErrCantOpen's own sentence is about a
// data file.)
type serverOpenError struct {
	msg string
	// unreachable: the server is not there (yet): it also matches
	// ErrUnreachable (and so ErrBusy), and a retry may succeed.
	unreachable bool
}

func (e *serverOpenError) Error() string { return ErrCantOpen.Error() }
func (e *serverOpenError) Is(target error) bool {
	return target == ErrCantOpen || e.unreachable && (target == ErrUnreachable || target == ErrBusy)
}

const (
	msgCommitUnknown = "保存时与数据服务器的连接中断了，暂时无法确认刚才的操作是否已经保存。请等连接恢复后刷新，查看最新状态再决定是否重做，以免重复办理。"
	msgUnreachable   = "无法连接数据库服务器，信息尚未保存。请工作人员检查服务器是否开机、数据库服务是否在运行、本机网络是否连通，以及 --data 中的服务器地址和端口是否正确，处理后重试。"
	msgLogin         = "数据库服务器拒绝登录，信息尚未保存。请工作人员核对 --data 中的用户名和密码；如无误，请信息管理员检查该用户是否存在、是否允许从本机连接。"
	msgNoDatabase    = "数据库服务器上没有 --data 中所写的数据库，信息尚未保存。请工作人员核对数据库名；如是新设的服务大厅，请信息管理员先按说明书创建数据库。"
	msgStarting      = "数据库服务器正在启动，信息尚未保存。请稍等片刻后重试。"
)
