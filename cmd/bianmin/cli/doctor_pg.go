package cli

// The doctor's checks of a hall's PostgreSQL store (a postgres:// --data):
// the server reachable and its version, the schema migrated and writable
// by the program's user, pg_trgm there, the backup tools (pg_dump,
// pg_restore) installed and of the server's major version, and the
// backups (made only by the terminals given --backup-dir).

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os/exec"
	"regexp"
	"strconv"
	"strings"

	"bianmin/data"
)

// pgServer is what checkDataPostgres learnt of the server, for the checks
// after it.
type pgServer struct {
	version string // server_version, "15.18 (Debian 15.18-0+deb12u1)"
	major   string // "15"
}

// pgWhere is where a DSN points, for messages: host:port/database, no
// user or password.
func pgWhere(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "?"
	}
	host, port := u.Hostname(), u.Port()
	if h := u.Query().Get("host"); h != "" {
		host = h
	}
	if p := u.Query().Get("port"); p != "" {
		port = p
	}
	if host == "" {
		host = "localhost"
	}
	if port == "" {
		port = "5432"
	}
	return host + ":" + port + "/" + strings.TrimPrefix(u.Path, "/")
}

// checkDataPostgres is checkData on a PostgreSQL store.
func checkDataPostgres(ctx context.Context, d *Doctor) []Finding {
	dsn := d.Opts.DataFile
	where := pgWhere(dsn)
	s, err := data.Open(ctx, dsn, data.WithClock(d.Env.Now))
	if err != nil {
		var ie *data.InvalidError
		switch {
		case errors.As(err, &ie):
			return []Finding{fail(fmt.Sprintf("数据库 %s：%s", where, ie.Msg), fmt.Sprintf("Database %s: %v", where, err))}
		case strings.Contains(err.Error(), "password authentication failed") || strings.Contains(err.Error(), "SQLSTATE 28"):
			return []Finding{fail(fmt.Sprintf("数据库服务器 %s 拒绝了登录：请核对 --data 中的用户名和密码，以及服务器 pg_hba.conf 是否允许本机连接。", where),
				fmt.Sprintf("The database server %s refused the login: check the user and password in --data, and that the server's pg_hba.conf lets this machine in.", where))}
		case strings.Contains(err.Error(), "SQLSTATE 3D000"):
			return []Finding{fail(fmt.Sprintf("数据库服务器 %s 上没有这个数据库：请按说明书用 createdb 建立，或核对 --data 中的数据库名。", where),
				fmt.Sprintf("The database server has no such database (%s): create it with createdb as the README says, or check the name in --data.", where))}
		case errors.Is(err, data.ErrCantOpen) || errors.Is(err, data.ErrBusy):
			return []Finding{fail(fmt.Sprintf("连不上数据库服务器 %s（%v）：请检查服务器是否开机、PostgreSQL 是否在运行、网络是否通，以及服务器的 listen_addresses 和 pg_hba.conf 是否允许本机连接。连不上时自助终端无法登记。", where, err),
				fmt.Sprintf("Cannot reach the database server %s (%v): check that the server is on, PostgreSQL running, the network up, and that its listen_addresses and pg_hba.conf let this machine in. Until then residents cannot register.", where, err))}
		}
		return []Finding{fail(fmt.Sprintf("数据库 %s 无法打开：%s", where, data.Message(err)),
			fmt.Sprintf("The database %s cannot be opened: %v", where, err))}
	}
	d.store = s
	var out []Finding
	in, err := s.ServerInfo(ctx)
	if err != nil {
		return []Finding{fail(fmt.Sprintf("数据库 %s 可以连接，但读不出服务器的情况：%s", where, data.Message(err)),
			fmt.Sprintf("The database %s answers, but its state cannot be read: %v", where, err))}
	}
	d.pg.version = in.Version
	schema, recovery, create, pgtrgm := in.Schema, in.Standby, in.CanCreate, in.Trigram
	d.pg.major = regexp.MustCompile(`^\d+`).FindString(d.pg.version)
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		return []Finding{fail(fmt.Sprintf("数据库 %s 读不出数据格式版本：%s", where, data.Message(err)),
			fmt.Sprintf("The database %s: cannot read the schema version: %v", where, err))}
	}
	zh := fmt.Sprintf("数据库 %s（PostgreSQL %s）：可以连接，方案 %s 的数据格式为第 %d 版", where, d.pg.version, schema, v)
	en := fmt.Sprintf("Database %s (PostgreSQL %s): reachable; schema %s at version %d", where, d.pg.version, schema, v)
	if latest := data.LatestSchema(); v == latest {
		zh += "（最新）"
		en += " (current)"
	}
	if in.CenterName != "" {
		zh += "；服务中心：" + in.CenterName
		en += "; center: " + in.CenterName
	}
	zh += fmt.Sprintf("；办件 %d 件", in.Requests)
	en += fmt.Sprintf("; %d requests", in.Requests)
	d.fresh = !in.Centered
	out = append(out, ok(zh+"。", en+"."))
	if major := atoi(d.pg.major); major > 0 && major < 15 {
		out = append(out, warn(fmt.Sprintf("数据库服务器是 PostgreSQL %s：本程序按 PostgreSQL 15（Debian 12 自带）测试，请升级服务器。", d.pg.version),
			fmt.Sprintf("The server runs PostgreSQL %s: the program is tested on PostgreSQL 15 (Debian 12's); upgrade the server.", d.pg.version)))
	}
	if recovery {
		out = append(out, fail(fmt.Sprintf("数据库 %s 是只读的备用服务器（standby）：群众无法登记。请让 --data 指向主服务器。", where),
			fmt.Sprintf("The database %s is a read-only standby: residents cannot register. Point --data at the primary.", where)))
	}
	if !create {
		out = append(out, note(fmt.Sprintf("程序的数据库用户不能在方案 %s 中建表：本程序升级时如需改数据格式，请由数据库管理员先运行一次（或授予 CREATE 权限）。", schema),
			fmt.Sprintf("The program's database user cannot create tables in schema %s: when an upgrade changes the schema, have the database administrator run it once (or grant CREATE).", schema)))
	}
	if !pgtrgm {
		out = append(out, warn("数据库中没有 pg_trgm 扩展：办事指南的搜索会很慢。请由超级用户执行 CREATE EXTENSION pg_trgm;（需安装 postgresql-contrib）。",
			"The database lacks the pg_trgm extension: guide search will be slow. Have a superuser run CREATE EXTENSION pg_trgm; (postgresql-contrib)."))
	}
	if c, err := s.Center(ctx); err == nil {
		d.center = &c
	}
	return out
}

// checkBackupsPostgres is checkBackups on a PostgreSQL store: the tools,
// then the daily dumps of this terminal's --backup-dir, if it has one.
func checkBackupsPostgres(ctx context.Context, d *Doctor) []Finding {
	var out []Finding
	ver, err := d.Env.Run(ctx, "pg_dump", "--version")
	switch {
	case errors.Is(err, exec.ErrNotFound):
		out = append(out, warn("这台电脑上没有 PostgreSQL 的备份工具 pg_dump：无法备份和恢复数据。请安装与数据库服务器相同版本的客户端：sudo apt install postgresql-client"+suffixMajor(d.pg.major)+"。",
			"pg_dump is not installed: backups and restores cannot run. Install the client of the server's version: sudo apt install postgresql-client"+suffixMajor(d.pg.major)+"."))
	case err != nil:
		out = append(out, warn(fmt.Sprintf("备份工具 pg_dump 无法运行（%v）：请重新安装 postgresql-client。", err),
			fmt.Sprintf("pg_dump does not run (%v): reinstall postgresql-client.", err)))
	default:
		tool := regexp.MustCompile(`(\d+)(?:\.\d+)*`).FindStringSubmatch(ver)
		switch {
		case tool == nil:
			out = append(out, warn("备份工具 pg_dump 的版本读不出来："+strings.TrimSpace(ver), "Cannot read pg_dump's version: "+strings.TrimSpace(ver)))
		case atoi(tool[1]) < atoi(d.pg.major):
			out = append(out, warn(fmt.Sprintf("备份工具 pg_dump 是 %s 版，比数据库服务器（%s）旧：备份会失败。请安装 sudo apt install postgresql-client-%s。", tool[0], d.pg.major, d.pg.major),
				fmt.Sprintf("pg_dump is %s, older than the server (%s): backups would fail. Install postgresql-client-%s.", tool[0], d.pg.major, d.pg.major)))
		default:
			out = append(out, ok(fmt.Sprintf("备份工具 pg_dump %s 已安装。", tool[0]), fmt.Sprintf("pg_dump %s is installed.", tool[0])))
		}
	}
	if d.Opts.BackupDir == "" {
		return append(out, note("本终端不做每日自动备份（没有设置 --backup-dir）：一个大厅只需一台（最好是一直开着的 bianmin serve，否则开机时间最长的那台窗口电脑）设置 --backup-dir，请确认已经有一台设置了。",
			"This terminal makes no daily backups (no --backup-dir): one machine of the hall (best the always-on bianmin serve, else the window PC that is on longest) should have --backup-dir; make sure one does."))
	}
	return append(out, checkDailyBackups(ctx, d)...)
}

func suffixMajor(major string) string {
	if major == "" {
		return ""
	}
	return "-" + major
}

// atoi is the number in v, 0 if none.
func atoi(v string) int {
	n, _ := strconv.Atoi(v)
	return n
}

// checkDiskPostgres is checkDisk on a PostgreSQL store: the data is on
// the server; here only the backup folder needs room.
func checkDiskPostgres(ctx context.Context, d *Doctor) []Finding {
	if d.Opts.BackupDir == "" {
		return []Finding{note("数据保存在数据库服务器上：服务器的磁盘空间请在服务器上检查（df -h /var/lib/postgresql）。",
			"The data is on the database server: check the server's disk there (df -h /var/lib/postgresql).")}
	}
	dir := existingDir(d.Opts.BackupDir)
	free, err := d.Env.FreeSpace(dir)
	if err != nil {
		return []Finding{warn(fmt.Sprintf("无法得知备份文件夹 %s 所在磁盘的剩余空间（%v）。", dir, err),
			fmt.Sprintf("Cannot tell the free space on the disk of the backup folder %s (%v).", dir, err))}
	}
	if need := diskRoom(0); free < need {
		return []Finding{warn(fmt.Sprintf("备份文件夹所在的磁盘（%s）只剩 %s，不足 %s：很快会放不下每天的备份。请清理磁盘空间。", dir, sizeZh(int64(free)), sizeZh(int64(need))),
			fmt.Sprintf("The disk of the backup folder (%s) has %s left, under %s: the daily backups will soon not fit. Free some space.", dir, sizeEn(int64(free)), sizeEn(int64(need))))}
	}
	return []Finding{ok(fmt.Sprintf("备份文件夹所在的磁盘（%s）剩余 %s；数据本身在数据库服务器上。", dir, sizeZh(int64(free))),
		fmt.Sprintf("The disk of the backup folder (%s) has %s free; the data itself is on the database server.", dir, sizeEn(int64(free))))}
}
