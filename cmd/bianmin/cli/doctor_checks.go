package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"time"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/encoding/simplifiedchinese"

	"bianmin/data"
	"bianmin/fonts"
	"bianmin/ui/paper"
	"bianmin/ui/speech"
)

// The checks of `bianmin doctor`, in the order DoctorChecks runs them.
// Each says what it found and, when something is wrong, what to do, in
// Chinese for the installer and in English under it.

// checkData opens the data file as the kiosk does: it must exist (or be
// new: the first start creates it), pass SQLite's full integrity check
// (read-only, before anything writes), hold this program's tables, and
// take a write. The open store is left for the checks after it.
func checkData(ctx context.Context, d *Doctor) []Finding {
	path := d.Opts.DataFile
	if data.IsPostgresDSN(path) {
		return checkDataPostgres(ctx, d)
	}
	var out []Finding
	if d.Env.AsOwner != nil {
		switch who, err := d.Env.AsOwner(path); {
		case err != nil:
			out = append(out, warn(
				fmt.Sprintf("以 root 身份运行，未能改用数据文件所有者 %s 的身份（%v）：检查时新建的文件会属于 root。请改用 sudo -u %s bianmin doctor 检查。", who, err, who),
				fmt.Sprintf("Running as root and could not become %s, the data file's owner (%v): files the checks create would be root's. Run sudo -u %s bianmin doctor instead.", who, err, who)))
		case who != "":
			out = append(out, note(
				fmt.Sprintf("以 root 身份运行：以下检查改以数据文件所有者 %s 的身份进行，以免留下属于 root 的文件。", who),
				fmt.Sprintf("Running as root: the checks below run as %s, the data file's owner, so that no file they touch becomes root's.", who)))
		}
	}
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) || (err == nil && st.Mode().IsRegular() && st.Size() == 0):
		if lost := checkNotLost(path); lost != nil {
			return append(out, gone(ctx, lost, d.Opts.BackupDir))
		}
		d.fresh = true
		return append(out, note(
			fmt.Sprintf("数据文件 %s 尚未建立：首次启动时自动建立，并装入节假日安排和示例事项目录。", path),
			fmt.Sprintf("The data file %s does not exist yet: the first start creates it with the holiday schedule and the sample catalog.", path)))
	case err != nil:
		return append(out, fail(
			fmt.Sprintf("无法读取数据文件 %s（%v）：请检查 --data 指定的位置和文件夹的权限。", path, err),
			fmt.Sprintf("Cannot read the data file %s (%v): check the --data path and the folder's permissions.", path, err)))
	case !st.Mode().IsRegular():
		return append(out, fail(
			fmt.Sprintf("%s 不是一个文件：请用 --data 指定数据文件。", path),
			fmt.Sprintf("%s is not a file: give the data file with --data.", path)))
	}

	// Read-only first: a damaged file is not opened for writing.
	info, err := data.CheckBackup(ctx, path)
	if err != nil {
		zh, en := dataProblem(err, path)
		return append(out, fail(zh, en))
	}
	s, err := data.Open(ctx, path, data.WithClock(d.Env.Now))
	if err == nil {
		if err = s.ProbeWrite(ctx); err != nil {
			s.Close()
		}
	}
	if err != nil {
		zh, en := openProblem(err, path)
		return append(out, fail(zh, en))
	}
	d.store = s
	if empty, err := s.Empty(ctx); err == nil && empty {
		if _, err := os.Stat(MarkerFile(path)); err == nil {
			return append(out, gone(ctx, &DataGoneError{Path: path, Empty: true}, d.Opts.BackupDir))
		}
		d.fresh = true
	}
	if c, err := s.Center(ctx); err == nil {
		d.center = &c
	}
	zh := fmt.Sprintf("数据文件 %s：可以打开和写入，完整性检查通过；%s，数据格式第 %d 版", path, sizeZh(info.Size), info.SchemaVersion)
	en := fmt.Sprintf("Data file %s: opens for writing and passes its integrity check; %s, schema %d", path, sizeEn(info.Size), info.SchemaVersion)
	if latest := data.LatestSchema(); info.SchemaVersion < latest {
		zh += fmt.Sprintf("（已升级到第 %d 版）", latest)
		en += fmt.Sprintf(" (upgraded to %d)", latest)
	}
	if info.CenterName != "" {
		zh += "；服务室：" + info.CenterName
		en += "; center: " + info.CenterName
	}
	zh += fmt.Sprintf("；办件 %d 件", info.Requests)
	en += fmt.Sprintf("; %d requests", info.Requests)
	if !info.LastRequest.IsZero() {
		zh += "，最近一件登记于 " + info.LastRequest.In(data.China).Format("2006-01-02 15:04")
		en += ", the newest registered " + info.LastRequest.In(data.China).Format("2006-01-02 15:04")
	}
	out = append(out, ok(zh+"。", en+"."))
	if d.center != nil && d.center.Sample {
		out = append(out, note("服务室资料和事项目录仍是示例数据：请在工作人员模式“管理 → 机构与人员”和“办事事项”中改为本服务室的，或用 bianmin catalog import 导入。",
			"The center's profile and catalog are still the sample: change them in staff mode (管理 → 机构与人员, 办事事项) or import the center's catalog with bianmin catalog import."))
	}
	return out
}

// gone is the finding for a data file that existed and is now missing or
// empty (a *DataGoneError in err): its message names the newest good
// backup to restore.
func gone(ctx context.Context, err error, backupDir string) Finding {
	var g *DataGoneError
	if !errors.As(err, &g) {
		return fail(err.Error(), err.Error())
	}
	g = g.withBackups(backupDir)
	g.FindNewestGood(ctx)
	msg := g.Error()
	zh, en := msg, msg
	if i := strings.Index(msg, "The data file "); i > 0 {
		zh, en = strings.TrimSpace(strings.ReplaceAll(msg[:i], "\n", " ")), msg[i:]
	}
	return fail(zh, en)
}

// dataProblem says why the data file failed its read-only check
// (data.CheckBackup, whose own messages speak of a backup to restore). Its
// refusals are one error type told apart only by their words, so they are
// told apart here by those words; TestDoctorDataFile pins each case (a
// damaged file, a foreign file, a foreign SQLite file, a newer schema).
func dataProblem(err error, path string) (zh, en string) {
	var ie *data.InvalidError
	msg := ""
	if errors.As(err, &ie) {
		msg = ie.Msg
	}
	switch {
	case errors.Is(err, data.ErrBusy):
		return fmt.Sprintf("数据文件 %s 被其他程序锁定，无法检查：请稍后再试；一直如此时，用 fuser %s 找出占用它的程序。", path, path),
			fmt.Sprintf("The data file %s is locked by another program and could not be checked: try again; if it stays so, find the program with fuser %s.", path, path)
	case strings.Contains(msg, "数据表"):
		return fmt.Sprintf("%s 不是便民服务的数据文件（缺少本程序的数据表）：请检查 --data 指定的位置。", path),
			fmt.Sprintf("%s is not a bianmin data file (it lacks this program's tables): check the --data path.", path)
	case strings.Contains(msg, "不是便民服务室的数据备份"):
		return fmt.Sprintf("%s 不是便民服务的数据文件，或开头已经损坏（不是 SQLite 文件）：请检查 --data 指定的位置；确是数据文件时，请恢复最近一份完好的备份（见下一行）。", path),
			fmt.Sprintf("%s is not a bianmin data file, or its start is damaged (not an SQLite file): check the --data path; if it is the data file, restore the newest good backup (next line).", path)
	case strings.Contains(msg, "损坏"):
		return fmt.Sprintf("数据文件 %s 已损坏（完整性检查未通过）：自助终端会进入“系统维护中”。请恢复最近一份完好的备份（见下一行），命令：bianmin restore 备份文件 --data %s。", path, path),
			fmt.Sprintf("The data file %s is damaged (it fails SQLite's integrity check): the kiosk would go into maintenance. Restore the newest good backup (next line) with bianmin restore BACKUP --data %s.", path, path)
	case strings.Contains(msg, "更新版本"):
		return fmt.Sprintf("数据文件 %s 来自更新版本的程序（%s）：请安装那个版本的便民服务。", path, msg),
			fmt.Sprintf("The data file %s was written by a newer version of the program: install that version.", path)
	}
	return fmt.Sprintf("无法检查数据文件 %s：%s", path, data.Message(err)),
		fmt.Sprintf("Cannot check the data file %s: %v", path, err)
}

// openProblem says why the data file, which passed its check, could not
// be opened for writing as the kiosk opens it.
func openProblem(err error, path string) (zh, en string) {
	switch {
	case errors.Is(err, data.ErrReadOnly):
		return fmt.Sprintf("数据文件 %s 不能写入（只读）：群众无法登记。请让运行自助终端的用户可以写入该文件和它所在的文件夹（U 盘、存储卡是否写保护）。", path),
			fmt.Sprintf("The data file %s cannot be written (read-only): residents cannot register. Let the kiosk's user write the file and its folder (is the stick or card write-protected?).", path)
	case errors.Is(err, data.ErrFull):
		return fmt.Sprintf("数据文件 %s 所在的磁盘已满：群众无法登记。请清理磁盘空间。", path),
			fmt.Sprintf("The disk of the data file %s is full: residents cannot register. Free some space.", path)
	case errors.Is(err, data.ErrBusy):
		return fmt.Sprintf("数据文件 %s 被其他程序锁定，无法写入：请找出占用它的程序（fuser %s）。", path, path),
			fmt.Sprintf("The data file %s is locked by another program and cannot be written: find it with fuser %s.", path, path)
	}
	return fmt.Sprintf("数据文件 %s 无法打开：%s", path, data.Message(err)),
		fmt.Sprintf("The data file %s cannot be opened: %v", path, err)
}

// backupStale is how old the newest good backup may be before the doctor
// says the daily backups are not running: a long weekend with the machine
// off is not yet a reason.
const backupStale = 4 * 24 * time.Hour

// checkBackups finds the newest daily backup that passes the check a
// restore runs (data.NewestGoodBackup) and says how old it is.
func checkBackups(ctx context.Context, d *Doctor) []Finding {
	if data.IsPostgresDSN(d.Opts.DataFile) {
		return checkBackupsPostgres(ctx, d)
	}
	return checkDailyBackups(ctx, d)
}

// checkDailyBackups is checkBackups on the daily backups in the backup
// folder, of either engine.
func checkDailyBackups(ctx context.Context, d *Doctor) []Finding {
	dir := d.Opts.BackupDir
	files, err := data.DailyBackups(dir)
	if err != nil {
		return []Finding{warn(fmt.Sprintf("无法读取备份文件夹 %s（%v）：请检查它的权限。", dir, err),
			fmt.Sprintf("Cannot read the backup folder %s (%v): check its permissions.", dir, err))}
	}
	if len(files) == 0 {
		if d.fresh {
			return []Finding{note(fmt.Sprintf("还没有自动备份：自助终端运行后每天自动备份到 %s。", dir),
				fmt.Sprintf("No daily backup yet: the running kiosk makes one a day in %s.", dir))}
		}
		return []Finding{warn(fmt.Sprintf("备份文件夹 %s 中没有自动备份：自助终端运行时每天自动备份，如果一直没有，请检查该文件夹能否写入、磁盘空间是否足够。", dir),
			fmt.Sprintf("No daily backup in %s: the running kiosk makes one a day; if none appears, check the folder is writable and the disk has room.", dir))}
	}
	info, err := data.NewestGoodBackup(ctx, dir)
	if err != nil {
		return []Finding{warn(fmt.Sprintf("备份文件夹 %s 中的 %d 份备份没有一份通过检查：数据文件出问题时将无可恢复。请检查磁盘，并在工作人员模式“管理 → 数据备份”中立即备份一次。", dir, len(files)),
			fmt.Sprintf("None of the %d backups in %s passes its check: nothing to restore should the data file fail. Check the disk and back up now (staff mode, 管理 → 数据备份).", len(files), dir))}
	}
	age := d.Env.Now().Sub(info.Modified)
	name := filepath.Base(info.Path)
	if age > backupStale {
		return []Finding{warn(fmt.Sprintf("最近一份完好的备份 %s 已是 %s前的：自动备份可能没有在运行（本机关着、或备份失败）。共有 %d 份备份，在 %s。", name, ageZh(age), len(files), dir),
			fmt.Sprintf("The newest good backup %s is %s old: the daily backups may not be running (machine off, or backups failing). Backups in %s: %d.", name, ageEn(age), dir, len(files)))}
	}
	return []Finding{ok(fmt.Sprintf("最近一份完好的备份：%s（%s前，%s，办件 %d 件）；共有 %d 份备份，在 %s。", name, ageZh(age), sizeZh(info.Size), info.Requests, len(files), dir),
		fmt.Sprintf("Newest good backup: %s (%s old, %s, %d requests); backups in %s: %d.", name, ageEn(age), sizeEn(info.Size), info.Requests, dir, len(files)))}
}

// diskRoom is the free space under which the doctor warns: the next daily
// backup is a copy of the data file, and the file grows.
func diskRoom(dataSize int64) uint64 { return max(256<<20, 2*uint64(dataSize)) }

// checkDisk says how much room is left where the data file lives: under
// lowSpace (what the kiosk takes for a full disk) nothing can be saved.
func checkDisk(ctx context.Context, d *Doctor) []Finding {
	if data.IsPostgresDSN(d.Opts.DataFile) {
		return checkDiskPostgres(ctx, d)
	}
	dir := existingDir(filepath.Dir(d.Opts.DataFile))
	free, err := d.Env.FreeSpace(dir)
	if err != nil {
		return []Finding{warn(fmt.Sprintf("无法得知 %s 所在磁盘的剩余空间（%v）。", dir, err),
			fmt.Sprintf("Cannot tell the free space on the disk of %s (%v).", dir, err))}
	}
	var size int64
	if st, err := os.Stat(d.Opts.DataFile); err == nil {
		size = st.Size()
	}
	switch need := diskRoom(size); {
	case free < lowSpace:
		return []Finding{fail(fmt.Sprintf("数据文件所在的磁盘（%s）已满，只剩 %s：群众无法登记。请清理磁盘空间。", dir, sizeZh(int64(free))),
			fmt.Sprintf("The disk of the data file (%s) is full, %s left: residents cannot register. Free some space.", dir, sizeEn(int64(free))))}
	case free < need:
		return []Finding{warn(fmt.Sprintf("数据文件所在的磁盘（%s）只剩 %s，不足 %s：很快会放不下每天的备份。请清理磁盘空间。", dir, sizeZh(int64(free)), sizeZh(int64(need))),
			fmt.Sprintf("The disk of the data file (%s) has %s left, under %s: the daily backups will soon not fit. Free some space.", dir, sizeEn(int64(free)), sizeEn(int64(need))))}
	}
	return []Finding{ok(fmt.Sprintf("数据文件所在的磁盘（%s）剩余 %s。", dir, sizeZh(int64(free))),
		fmt.Sprintf("The disk of the data file (%s) has %s free.", dir, sizeEn(int64(free))))}
}

// existingDir is dir, or its nearest parent that exists.
func existingDir(dir string) string {
	for {
		if _, err := os.Stat(dir); err == nil || dir == filepath.Dir(dir) {
			return dir
		}
		dir = filepath.Dir(dir)
	}
}

// clockFloor is the earliest the clock can read on a machine running this
// program: when its source was committed (if known), and at any rate the
// autumn before the newest holiday schedule it ships, which the State
// Council publishes in November of the year before.
func clockFloor(built time.Time) time.Time {
	newest := 0
	for _, day := range data.OfficialCalendarDays() {
		if t, err := data.ParseDay(day.Day); err == nil && t.Year() > newest {
			newest = t.Year()
		}
	}
	floor := time.Date(newest-1, time.October, 1, 0, 0, 0, 0, data.China)
	if built.After(floor) {
		floor = built
	}
	return floor
}

// checkClock shows China time and the machine's zone, and fails a clock
// that is certainly wrong (before this program existed): receipts, due
// dates, office hours and backups would all go by it.
func checkClock(ctx context.Context, d *Doctor) []Finding {
	now := d.Env.Now()
	cn := now.In(data.China)
	weekdays := []string{"日", "一", "二", "三", "四", "五", "六"}
	zh := fmt.Sprintf("现在是北京时间 %s（星期%s）", cn.Format("2006年1月2日 15:04"), weekdays[cn.Weekday()])
	en := fmt.Sprintf("It is %s China time (%s)", cn.Format("2006-01-02 15:04"), cn.Weekday())
	zone := "Local"
	if d.Env.Zone != nil {
		zone = d.Env.Zone.String()
	}
	_, off := now.In(d.Env.Zone).Zone()
	if off == 8*3600 {
		zh += "；本机时区 " + zone + "。"
		en += "; the machine's zone is " + zone + "."
	} else {
		zh += "；本机时区 " + zone + "（本程序显示和打印的日期时间一律按北京时间，不受本机时区影响）。"
		en += "; the machine's zone is " + zone + " (the program shows and prints China time whatever the zone)."
	}
	floor := clockFloor(d.Env.Built)
	var out []Finding
	switch {
	case now.Before(floor.Add(-time.Hour)):
		out = append(out, fail(zh+fmt.Sprintf("这早于本程序的制作时间 %s，时钟不对：回执、截止日期、办公时间和备份都会按错的日期。请把时钟调准（date -s 或 timedatectl set-time），最好开启网络校时。", floor.In(data.China).Format("2006-01-02")),
			en+fmt.Sprintf(" That is before this program was made (%s): the clock is wrong, and receipts, due dates, office hours and backups would all go by it. Set the clock (date -s or timedatectl set-time), with network time if possible.", floor.In(data.China).Format("2006-01-02"))))
	case now.After(floor.AddDate(3, 0, 0)):
		out = append(out, warn(zh+fmt.Sprintf("这比本程序的制作时间 %s 晚了三年多：请核对时钟是否准确，或程序是否该更新了。", floor.In(data.China).Format("2006-01-02")),
			en+fmt.Sprintf(" That is more than three years after this program was made (%s): check the clock, or whether the program needs updating.", floor.In(data.China).Format("2006-01-02"))))
	default:
		out = append(out, ok(zh, en))
	}
	if sync, err := d.Env.Run(ctx, "timedatectl", "show", "-p", "NTPSynchronized", "--value"); err == nil {
		switch strings.TrimSpace(sync) {
		case "yes":
			out = append(out, ok("时钟已与网络时间同步。", "The clock is synchronised with network time."))
		case "no":
			out = append(out, note("时钟没有与网络时间同步：离线使用时请定期核对时钟。", "The clock is not synchronised with network time: check it now and then when the kiosk is offline."))
		}
	}
	return out
}

// checkHolidays says whether the holiday schedules (放假和调休) of this year
// and next are in the data file's calendar: without them due dates count
// plain weekends. Next year's is published each November, so its absence
// is only a note before the fourth quarter.
func checkHolidays(ctx context.Context, d *Doctor) []Finding {
	now := d.Env.Now().In(data.China)
	var years []int
	switch {
	case d.store != nil:
		cov, err := d.store.CalendarCoverage(ctx)
		if err != nil {
			return []Finding{warn("无法读取工作日历："+data.Message(err), "Cannot read the working-day calendar: "+err.Error())}
		}
		years = cov.Years
	case d.fresh:
		for _, day := range data.OfficialCalendarDays() {
			if t, err := data.ParseDay(day.Day); err == nil && day.Kind == "holiday" && !slices.Contains(years, t.Year()) {
				years = append(years, t.Year())
			}
		}
	default:
		return []Finding{note("数据文件未能打开，未检查节假日安排。", "The data file did not open: the holiday schedule was not checked.")}
	}
	this, next := now.Year(), now.Year()+1
	var out []Finding
	if slices.Contains(years, this) {
		out = append(out, ok(fmt.Sprintf("%d年节假日安排已导入。", this), fmt.Sprintf("The %d holiday schedule is in the calendar.", this)))
	} else {
		out = append(out, warn(fmt.Sprintf("%d年节假日安排尚未导入：截止日期按普通周末计算。请在工作人员模式“管理 → 工作日历”中导入。", this),
			fmt.Sprintf("The %d holiday schedule is missing: due dates count plain weekends. Import it in staff mode (管理 → 工作日历).", this)))
	}
	switch {
	case slices.Contains(years, next):
		out = append(out, ok(fmt.Sprintf("%d年节假日安排已导入。", next), fmt.Sprintf("The %d holiday schedule is in the calendar.", next)))
	case now.Month() >= time.October:
		out = append(out, warn(fmt.Sprintf("%d年节假日安排尚未导入：国务院通常在11月公布，公布后请在“管理 → 工作日历”中导入，否则跨年的截止日期按普通周末计算。", next),
			fmt.Sprintf("The %d holiday schedule is missing: the State Council usually publishes it in November; import it then (管理 → 工作日历), or due dates across the new year count plain weekends.", next)))
	default:
		out = append(out, note(fmt.Sprintf("%d年节假日安排尚未公布（国务院通常在11月公布），届时再导入。", next),
			fmt.Sprintf("The %d holiday schedule is not published yet (usually in November); import it then.", next)))
	}
	return out
}

// fontSample are characters every kiosk screen and receipt uses.
const fontSample = "便民服务自助终端办事指南进度查询投诉建议服务评价长辈模式受理回执编号查询码，。：（）“”、0123456789ABCxyz"

// checkFont parses the embedded CJK font (the theme and every PDF use it)
// and looks up the glyph of every character of GB2312 level 1, the 3,755
// common characters, and of fontSample.
func checkFont(ctx context.Context, d *Doctor) []Finding {
	f, err := sfnt.Parse(fonts.CJK)
	if err != nil {
		return []Finding{fail(fmt.Sprintf("内嵌字体 %s 无法加载（%v）：屏幕和回执无法显示中文。本程序的文件已损坏，请重新安装。", fonts.FileName, err),
			fmt.Sprintf("The embedded font %s does not load (%v): no Chinese on screen or paper. The program's file is damaged; reinstall it.", fonts.FileName, err))}
	}
	var buf sfnt.Buffer
	has := func(r rune) bool {
		g, err := f.GlyphIndex(&buf, r)
		return err == nil && g != 0
	}
	var lacking []rune
	for _, r := range fontSample {
		if !has(r) {
			lacking = append(lacking, r)
		}
	}
	if len(lacking) > 0 {
		return []Finding{fail(fmt.Sprintf("内嵌字体 %s 缺少这些字的字形：%s。本程序的文件有问题，请重新安装。", fonts.FileName, string(lacking)),
			fmt.Sprintf("The embedded font %s lacks glyphs for %q. The program's file is faulty; reinstall it.", fonts.FileName, string(lacking)))}
	}
	common, missing := 0, 0
	dec := simplifiedchinese.GBK.NewDecoder()
	for hi := 0xB0; hi <= 0xD7; hi++ {
		for lo := 0xA1; lo <= 0xFE; lo++ {
			if hi == 0xD7 && lo > 0xF9 {
				break // row 55 ends at 89 characters
			}
			b, err := dec.Bytes([]byte{byte(hi), byte(lo)})
			if err != nil {
				continue
			}
			common++
			if r := []rune(string(b)); len(r) != 1 || !has(r[0]) {
				missing++
			}
		}
	}
	if missing > 0 {
		return []Finding{warn(fmt.Sprintf("内嵌字体 %s 可以加载，但 GB2312 一级常用字 %d 个中有 %d 个没有字形。请重新安装本程序。", fonts.FileName, common, missing),
			fmt.Sprintf("The embedded font %s loads, but %d of the %d common GB2312 characters have no glyph. Reinstall the program.", fonts.FileName, missing, common))}
	}
	return []Finding{ok(fmt.Sprintf("内嵌字体 %s 可以加载：GB2312 一级常用字 %d 个全部有字形。", fonts.FileName, common),
		fmt.Sprintf("The embedded font %s loads: all %d common GB2312 characters have glyphs.", fonts.FileName, common))}
}

// checkListen says whether the phone status page can listen where --listen
// says: free, or already held by a running bianmin.
func checkListen(ctx context.Context, d *Doctor) []Finding {
	addr := d.Opts.Listen
	if addr == "" {
		return []Finding{note("手机查询页已关闭（--listen 为空）：回执上的二维码在手机上打不开，群众可在终端上查询。",
			"The phone status page is off (--listen is empty): the receipts' QR codes open nothing on a phone; residents track at the kiosk.")}
	}
	err := d.Env.Bind(addr)
	switch {
	case err == nil:
		return []Finding{ok(fmt.Sprintf("手机查询页的端口 %s 空闲：自助终端启动后在此提供查询页。", addr),
			fmt.Sprintf("The phone page's port %s is free: the kiosk serves the page there once started.", addr))}
	case d.Env.Ours(ctx, addr):
		return []Finding{ok(fmt.Sprintf("端口 %s 正由运行中的便民服务使用：手机查询页已在运行。", addr),
			fmt.Sprintf("Port %s is held by the running bianmin: its phone page is up.", addr))}
	case errors.Is(err, syscall.EADDRINUSE):
		return []Finding{warn(fmt.Sprintf("端口 %s 已被其他程序占用：手机查询页将无法开启。请停止占用它的程序（ss -ltnp 查看），或用 --listen 换一个端口（--base-url 随之改）。", addr),
			fmt.Sprintf("Port %s is taken by another program: the phone page cannot start. Stop that program (ss -ltnp shows it) or pick another port with --listen (and --base-url).", addr))}
	case errors.Is(err, syscall.EACCES):
		return []Finding{warn(fmt.Sprintf("无权使用端口 %s（1024 以下的端口需要特权）：请改用 8080 这样的端口。", addr),
			fmt.Sprintf("Not allowed to listen on %s (ports under 1024 need privileges): use a port such as 8080.", addr))}
	}
	return []Finding{warn(fmt.Sprintf("手机查询页无法在 %s 上开启（%v）：请检查 --listen。", addr, err),
		fmt.Sprintf("The phone page cannot listen on %s (%v): check --listen.", addr, err))}
}

// checkQR says where the receipts' QR codes point (as the kiosk works it
// out: --base-url, the center's profile, else this machine's address) and
// whether a phone can reach it: the host is one of this machine's
// addresses or resolves, and something listens on the port.
func checkQR(ctx context.Context, d *Doctor) []Finding {
	profile := ""
	if d.center != nil {
		profile = d.center.PublicBaseURL
	}
	addrs, _ := d.Env.Addrs()
	base, reachable := BaseURL(d.Opts.BaseURL, profile, d.Opts.Listen, addrs)
	d.base = base
	source, sourceEn := "本机地址", "this machine's address"
	switch {
	case strings.TrimSpace(d.Opts.BaseURL) != "":
		source, sourceEn = "--base-url", "--base-url"
	case strings.TrimSpace(profile) != "":
		source, sourceEn = "服务室资料中的公网地址", "the center's profile"
	}
	if !reachable {
		why, whyEn := "本机没有局域网地址", "the machine has no LAN address"
		if h, _ := hostOf(d.Opts.Listen); d.Opts.Listen == "" {
			why, whyEn = "手机查询页已关闭", "the phone page is off"
		} else if ip := net.ParseIP(h); ip != nil && ip.IsLoopback() {
			why, whyEn = "手机查询页只在本机回环地址上监听（--listen "+d.Opts.Listen+"）", "the phone page listens on loopback only (--listen "+d.Opts.Listen+")"
		}
		return []Finding{warn(fmt.Sprintf("回执二维码指向 %s，手机无法访问（%s）：请接入网络、检查 --listen，或用 --base-url 指定手机能访问的地址。群众仍可凭受理编号和查询码在终端查询。", base, why),
			fmt.Sprintf("The receipts' QR codes point to %s, which no phone can reach (%s): connect the machine, check --listen, or give a reachable address with --base-url. Residents can still track by number and code at the kiosk.", base, whyEn))}
	}
	u, err := url.Parse(base)
	if err != nil {
		return []Finding{warn(fmt.Sprintf("回执二维码的地址 %s 无法解析：请检查 %s。", base, source),
			fmt.Sprintf("The QR codes' address %s does not parse: check %s.", base, sourceEn))}
	}
	host, port := u.Hostname(), u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	target := net.JoinHostPort(host, port)
	local := false
	if ip := net.ParseIP(host); ip != nil {
		if ip.IsLoopback() {
			return []Finding{warn(fmt.Sprintf("回执二维码指向 %s（来自%s），这是本机回环地址，手机无法访问：请改为本机的局域网地址。", base, source),
				fmt.Sprintf("The QR codes point to %s (from %s), a loopback address no phone can reach: use the machine's LAN address.", base, sourceEn))}
		}
		local = isLocal(ip, addrs)
	} else {
		ips, err := d.Env.LookupHost(ctx, host)
		if err != nil || len(ips) == 0 {
			return []Finding{warn(fmt.Sprintf("回执二维码指向 %s（来自%s），但主机名 %s 在本机无法解析：手机多半也打不开。请改用本机的 IP 地址，或在路由器或 DNS 上为它登记。", base, source, host),
				fmt.Sprintf("The QR codes point to %s (from %s), but %s does not resolve here: phones will likely fail too. Use the machine's IP address, or register the name on the router or DNS.", base, sourceEn, host))}
		}
		for _, s := range ips {
			if ip := net.ParseIP(s); ip != nil && isLocal(ip, addrs) {
				local = true
			}
		}
	}
	listening := d.Env.Listening(ctx, target)
	_, listenPort := hostOf(d.Opts.Listen)
	switch {
	case local && port == listenPort:
		zh := fmt.Sprintf("回执二维码指向 %s（来自%s）：是本机地址，端口与手机查询页一致", base, source)
		en := fmt.Sprintf("The QR codes point to %s (from %s): this machine, on the phone page's port", base, sourceEn)
		if listening {
			return []Finding{ok(zh+"，查询页正在运行。", en+"; the page is up.")}
		}
		return []Finding{ok(zh+"，自助终端启动后即可访问。", en+"; reachable once the kiosk runs.")}
	case local && listening:
		return []Finding{ok(fmt.Sprintf("回执二维码指向 %s（来自%s）：是本机地址，端口 %s 有程序在监听（应转发到手机查询页 %s）。", base, source, port, d.Opts.Listen),
			fmt.Sprintf("The QR codes point to %s (from %s): this machine; something listens on port %s (it should forward to the phone page on %s).", base, sourceEn, port, d.Opts.Listen))}
	case local:
		return []Finding{warn(fmt.Sprintf("回执二维码指向本机的端口 %s（%s，来自%s），但手机查询页在 %s，该端口也没有程序在监听：请让 --base-url 的端口与 --listen 一致。", port, base, source, d.Opts.Listen),
			fmt.Sprintf("The QR codes point to port %s of this machine (%s, from %s), but the phone page is on %s and nothing listens there: make --base-url's port match --listen.", port, base, sourceEn, d.Opts.Listen))}
	case listening:
		return []Finding{ok(fmt.Sprintf("回执二维码指向 %s（来自%s）：不是本机地址，但可以连通（经路由器或服务器转发）。", base, source),
			fmt.Sprintf("The QR codes point to %s (from %s): not this machine, but it answers (forwarded by a router or server).", base, sourceEn))}
	}
	return []Finding{warn(fmt.Sprintf("回执二维码指向 %s（来自%s），它不是本机的地址，从本机也连不上：手机扫码多半打不开。请检查%s。", base, source, source),
		fmt.Sprintf("The QR codes point to %s (from %s), which is not this machine and does not answer from here: phones will likely fail. Check %s.", base, sourceEn, sourceEn))}
}

// isLocal reports whether ip is one of addrs (this machine's addresses).
func isLocal(ip net.IP, addrs []net.Addr) bool {
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.Equal(ip) {
			return true
		}
	}
	return false
}

// queueState is one CUPS queue as `lpstat -p -a` describes it.
type queueState struct {
	Enabled, Accepting bool
	Reason             string
}

// parseQueues reads `lpstat -p -a` in the C locale:
//
//	printer Q is idle.  enabled since …
//	printer Q disabled since … -
//		reason
//	Q accepting requests since …
//	Q not accepting requests since … -
//		reason
func parseQueues(out string) map[string]*queueState {
	qs := map[string]*queueState{}
	get := func(name string) *queueState {
		if qs[name] == nil {
			qs[name] = &queueState{}
		}
		return qs[name]
	}
	var cur *queueState
	for _, l := range strings.Split(out, "\n") {
		f := strings.Fields(l)
		switch {
		case len(f) == 0:
		case strings.HasPrefix(l, "\t") || strings.HasPrefix(l, " "):
			if r := strings.TrimSpace(l); cur != nil && r != "reason unknown" && !strings.Contains(cur.Reason, r) {
				cur.Reason = strings.TrimPrefix(cur.Reason+"; "+r, "; ")
			}
		case f[0] == "printer" && len(f) > 2:
			cur = get(f[1])
			cur.Enabled = !strings.Contains(l, " disabled")
		case len(f) > 2 && f[1] == "accepting":
			cur = get(f[0])
			cur.Accepting = true
		case len(f) > 3 && f[1] == "not" && f[2] == "accepting":
			cur = get(f[0])
			cur.Accepting = false
		default:
			cur = nil
		}
	}
	return qs
}

// checkPrinters asks CUPS (lpstat) about the queues the kiosk prints to:
// the receipt queue (--printer, else the system default) and the A4 queue
// (--a4-printer) must exist, be enabled and accept jobs; with --print-test
// each gets a test page through the kiosk's own printing (ui/paper).
func checkPrinters(ctx context.Context, d *Doctor) []Finding {
	out, err := d.Env.Run(ctx, "lpstat", "-r")
	if errors.Is(err, exec.ErrNotFound) {
		return []Finding{fail("没有安装打印客户端（cups-client）：回执无法打印。请安装：apt install cups cups-client。",
			"The CUPS client (cups-client) is not installed: no receipt can be printed. Install it: apt install cups cups-client.")}
	}
	if !strings.Contains(out, "scheduler is running") {
		return []Finding{fail("打印服务（CUPS）没有运行：回执无法打印。请启动它：systemctl enable --now cups。",
			"The print service (CUPS) is not running: no receipt can be printed. Start it: systemctl enable --now cups.")}
	}
	list, _ := d.Env.Run(ctx, "lpstat", "-p", "-a")
	queues := parseQueues(list)
	names := make([]string, 0, len(queues))
	for n := range queues {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return []Finding{fail("CUPS 中没有任何打印机队列：回执无法打印。请先添加回执打印机（lpadmin，或浏览器打开 http://localhost:631）。",
			"CUPS has no printer queue: no receipt can be printed. Add the receipt printer first (lpadmin, or http://localhost:631 in a browser).")}
	}
	type use struct {
		queue, zh, en string
		page          func() (paper.Document, error)
	}
	roll := use{queue: d.Opts.Printer, zh: "回执打印机", en: "Receipt printer"}
	roll.page = func() (paper.Document, error) { return testReceipt(d.center, d.base, d.Env.Now()) }
	var res []Finding
	if roll.queue == "" {
		def, _ := d.Env.Run(ctx, "lpstat", "-d")
		if m := paperDefault(def); m != "" {
			roll.queue, roll.zh, roll.en = m, "回执打印机（系统默认）", "Receipt printer (system default)"
		} else {
			return []Finding{fail(fmt.Sprintf("没有指定回执打印机（--printer），本机也没有默认打印机：回执无法打印。请用 --printer 指定队列，或设置默认打印机（lpoptions -d 队列名）。现有队列：%s。", strings.Join(names, "、")),
				fmt.Sprintf("No receipt printer given (--printer) and no system default: receipts cannot print. Name a queue with --printer or set a default (lpoptions -d QUEUE). Queues: %s.", strings.Join(names, ", ")))}
		}
	}
	uses := []use{roll}
	if q := d.Opts.A4Printer; q != "" && q != roll.queue {
		uses = append(uses, use{queue: q, zh: "A4 打印机", en: "A4 printer",
			page: func() (paper.Document, error) { return testGuide(d.center, d.Env.Now()) }})
	}
	for _, u := range uses {
		st := queues[u.queue]
		reason, reasonEn := "", ""
		if st != nil && st.Reason != "" {
			reason, reasonEn = "（"+st.Reason+"）", " ("+st.Reason+")"
		}
		switch {
		case st == nil:
			res = append(res, fail(fmt.Sprintf("%s %s 不存在：现有队列 %s。请检查 --printer/--a4-printer 的队列名。", u.zh, u.queue, strings.Join(names, "、")),
				fmt.Sprintf("%s %s does not exist; the queues are %s. Check the queue names of --printer/--a4-printer.", u.en, u.queue, strings.Join(names, ", "))))
			continue
		case !st.Enabled:
			res = append(res, fail(fmt.Sprintf("%s %s 已停用%s：请检查打印机（开机、缺纸、卡纸、连线），处理后执行 cupsenable %s。", u.zh, u.queue, reason, u.queue),
				fmt.Sprintf("%s %s is stopped%s: check the printer (power, paper, jam, cable), then run cupsenable %s.", u.en, u.queue, reasonEn, u.queue)))
			continue
		case !st.Accepting:
			res = append(res, fail(fmt.Sprintf("%s %s 不接受打印任务%s：处理后执行 cupsaccept %s。", u.zh, u.queue, reason, u.queue),
				fmt.Sprintf("%s %s refuses jobs%s: once fixed, run cupsaccept %s.", u.en, u.queue, reasonEn, u.queue)))
			continue
		}
		if n := pendingJobs(ctx, d.Env, u.queue); n > 0 {
			res = append(res, warn(fmt.Sprintf("%s %s 已启用，但有 %d 个打印任务在排队未打印：打印机可能没开机、没连好或缺纸。请检查打印机；不需要的任务可用 cancel -a %s 清除。", u.zh, u.queue, n, u.queue),
				fmt.Sprintf("%s %s is enabled, but %d jobs are waiting unprinted: the printer may be off, unplugged or out of paper. Check it; cancel -a %s clears jobs nobody needs.", u.en, u.queue, n, u.queue)))
		} else {
			res = append(res, ok(fmt.Sprintf("%s %s：已启用，接受打印任务。", u.zh, u.queue),
				fmt.Sprintf("%s %s: enabled and accepting jobs.", u.en, u.queue)))
		}
		if !d.Opts.PrintTest {
			continue
		}
		doc, err := u.page()
		var job string
		if err == nil {
			job, err = d.Env.Print(ctx, u.queue, doc)
		}
		if err != nil {
			res = append(res, fail(fmt.Sprintf("%s %s 的测试页没有打印出来：%s", u.zh, u.queue, paper.Message(err)),
				fmt.Sprintf("The test page on %s did not print: %v", u.queue, err)))
			continue
		}
		res = append(res, ok(fmt.Sprintf("测试页已由 %s 打印完毕（任务 %s）：请查看纸上的中文、二维码是否清晰完整。", u.queue, job),
			fmt.Sprintf("The test page printed on %s (job %s): check that the Chinese and the QR code on it are clear and whole.", u.queue, job)))
	}
	var others []string
	for _, n := range names {
		if !slices.ContainsFunc(uses, func(u use) bool { return u.queue == n }) {
			others = append(others, n)
		}
	}
	if len(others) > 0 {
		res = append(res, note("本机其他打印机队列："+strings.Join(others, "、")+"。", "Other queues on this machine: "+strings.Join(others, ", ")+"."))
	}
	if !d.Opts.PrintTest {
		res = append(res, note("未打印测试页：加上 --print-test 可在每台打印机上打印一张。", "No test page printed: add --print-test to print one on each printer."))
	}
	return res
}

// pendingJobs is how many jobs `lpstat -o` lists as waiting on queue.
func pendingJobs(ctx context.Context, env Env, queue string) int {
	out, err := env.Run(ctx, "lpstat", "-o", queue)
	if err != nil {
		return 0
	}
	n := 0
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, queue+"-") {
			n++
		}
	}
	return n
}

// paperDefault is the queue `lpstat -d` names as the system default.
func paperDefault(out string) string {
	const p = "system default destination: "
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, p) {
			return strings.TrimSpace(strings.TrimPrefix(l, p))
		}
	}
	return ""
}

// checkScreen reads the display's size: the kiosk is laid out for
// 1920×1080, 1280×800 and portrait 1080×1920, so the short side should be
// at least 800 and the long side 1280. No display (a check over ssh) is a
// note.
func checkScreen(ctx context.Context, d *Doctor) []Finding {
	s, err := d.Env.Screen(ctx)
	switch {
	case errors.Is(err, ErrNoDisplay):
		return []Finding{note("没有找到显示器（例如通过 ssh 检查时）：未检查屏幕尺寸。",
			"No display found (as over ssh): the screen size was not checked.")}
	case err != nil:
		return []Finding{note(fmt.Sprintf("无法读取屏幕尺寸（%v）。", err), fmt.Sprintf("Cannot read the screen size (%v).", err))}
	case s.Width == 0 || s.Height == 0:
		return []Finding{note(fmt.Sprintf("有显示（%s），但读不出尺寸。", s.Source), fmt.Sprintf("A display (%s), of unknown size.", s.Source))}
	}
	short, long := min(s.Width, s.Height), max(s.Width, s.Height)
	if short < 800 || long < 1280 {
		return []Finding{warn(fmt.Sprintf("屏幕 %d×%d（%s）小于界面设计的最小尺寸 1280×800：部分内容可能显示不全。", s.Width, s.Height, s.Source),
			fmt.Sprintf("The screen, %d×%d (%s), is smaller than the smallest the kiosk is laid out for (1280×800): some content may not fit.", s.Width, s.Height, s.Source))}
	}
	return []Finding{ok(fmt.Sprintf("屏幕 %d×%d（%s）：界面可以完整显示。", s.Width, s.Height, s.Source),
		fmt.Sprintf("Screen %d×%d (%s): the kiosk fits.", s.Width, s.Height, s.Source))}
}

// checkSpeech looks for espeak-ng and its Mandarin voice, and has it say a
// word into a WAV (not the loudspeaker): without it the kiosk hides 朗读.
func checkSpeech(ctx context.Context, d *Doctor) []Finding {
	voices, err := d.Env.Run(ctx, speech.Binary, "--voices="+speech.DefaultVoice)
	if errors.Is(err, exec.ErrNotFound) {
		return []Finding{warn("没有安装 espeak-ng：自助终端不显示“朗读”按钮，长辈无法听读。请安装：apt install espeak-ng。",
			"espeak-ng is not installed: the kiosk shows no 朗读 (read aloud) button. Install it: apt install espeak-ng.")}
	}
	found := false
	for _, l := range strings.Split(voices, "\n") {
		if f := strings.Fields(l); len(f) > 1 && f[1] == speech.DefaultVoice {
			found = true
		}
	}
	if !found {
		return []Finding{warn(fmt.Sprintf("espeak-ng 没有普通话语音（%s）：“朗读”无法发声。请安装 espeak-ng-data。", speech.DefaultVoice),
			fmt.Sprintf("espeak-ng has no Mandarin voice (%s): 朗读 stays silent. Install espeak-ng-data.", speech.DefaultVoice))}
	}
	wav, err := d.Env.Run(ctx, speech.Binary, "-v", speech.DefaultVoice, "--stdout", "您好")
	if err != nil || !strings.HasPrefix(wav, "RIFF") || len(wav) < 1000 {
		why := "no sound produced"
		if err != nil {
			why = err.Error()
		}
		return []Finding{warn(fmt.Sprintf("espeak-ng 的普通话语音无法合成（%s）：“朗读”无法发声。请重新安装 espeak-ng。", why),
			fmt.Sprintf("espeak-ng's Mandarin voice does not synthesise (%s): 朗读 stays silent. Reinstall espeak-ng.", why))}
	}
	return []Finding{ok(fmt.Sprintf("朗读：espeak-ng 普通话语音（%s）可用。声音是否从音箱放出，请在终端上点“朗读”试听。", speech.DefaultVoice),
		fmt.Sprintf("Read aloud: espeak-ng's Mandarin voice (%s) works. Tap 朗读 at the kiosk to hear the loudspeaker.", speech.DefaultVoice))}
}

// sizeZh and sizeEn write a size in bytes for people.
func sizeZh(n int64) string {
	if n < 1<<10 {
		return fmt.Sprintf("%d 字节", n)
	}
	return sizeEn(n)
}

func sizeEn(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// ageZh and ageEn write a duration as whole minutes, hours or days.
func ageZh(d time.Duration) string {
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%d 分钟", max(0, int(d/time.Minute)))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d 小时", int(d/time.Hour))
	}
	return fmt.Sprintf("%d 天", int(d/(24*time.Hour)))
}

func ageEn(d time.Duration) string {
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%d minutes", max(0, int(d/time.Minute)))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d hours", int(d/time.Hour))
	}
	return fmt.Sprintf("%d days", int(d/(24*time.Hour)))
}
