package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"bianmin/data"
)

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
