package cli

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/encoding/simplifiedchinese"

	"bianmin/data"
	"bianmin/fonts"
)

// The checks of `bianmin doctor`, in the order DoctorChecks runs them.
// Each says what it found and, when something is wrong, what to do, in
// Chinese for the installer and in English under it.

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
func ageZh(d time.Duration) string { return age(d, "分钟", "小时", "天") }

func ageEn(d time.Duration) string { return age(d, "minutes", "hours", "days") }

// age writes d as whole minutes (under an hour), hours (under two days) or
// days, followed by the word for its unit.
func age(d time.Duration, minutes, hours, days string) string {
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%d %s", max(0, int(d/time.Minute)), minutes)
	case d < 48*time.Hour:
		return fmt.Sprintf("%d %s", int(d/time.Hour), hours)
	}
	return fmt.Sprintf("%d %s", int(d/(24*time.Hour)), days)
}
