package data

// The official holiday schedules shipped with the program, as calendar
// exceptions the store seeds into calendar_days on first start. Staff edit
// them and import next year's when the State Council publishes it (each
// November).
//
// 2026 — 国务院办公厅关于2026年部分节假日安排的通知, dated 2025-11-04,
// https://www.gov.cn/zhengce/content/202511/content_7047090.htm (text checked
// against the Xinhua release reprinted by gmw.cn on 2025-11-04):
//
//	元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
//	春节：2月15日（周日）至23日（周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
//	清明节：4月4日（周六）至6日（周一）放假，共3天。
//	劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
//	端午节：6月19日（周五）至21日（周日）放假，共3天。
//	中秋节：9月25日（周五）至27日（周日）放假，共3天。
//	国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
//
// 2025 — 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号),
// dated 2024-11-12, https://www.gov.cn/zhengce/content/202411/content_6986382.htm
// (text checked against the Xinhua release reprinted by gmw.cn on
// 2024-11-12). Kept so
// that requests accepted late in 2025 count correctly across the new year:
//
//	元旦：1月1日（周三）放假，共1天。
//	春节：1月28日至2月4日放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
//	清明节：4月4日至6日放假，共3天。
//	劳动节：5月1日至5日放假调休，共5天。4月27日（周日）上班。
//	端午节：5月31日至6月2日放假，共3天。
//	国庆节、中秋节：10月1日至8日放假调休，共8天。9月28日（周日）、10月11日（周六）上班。
//
// Every day of each break is listed, weekend days included, so the calendar
// screen can name them; only the weekdays change the arithmetic.

// OfficialCalendarDays returns the shipped schedules (2025 and 2026), in date
// order. The slice is new on every call.
func OfficialCalendarDays() []CalendarDay {
	var out []CalendarDay
	add := func(kind, name string, days ...string) {
		for _, d := range days {
			out = append(out, CalendarDay{Day: d, Kind: kind, Name: name})
		}
	}
	off := func(name string, days ...string) { add("holiday", name, days...) }
	on := func(name string, days ...string) { add("workday", name+"调休上班", days...) }

	// 2025
	off("元旦", "2025-01-01")
	on("春节", "2025-01-26")
	off("春节", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02", "2025-02-03", "2025-02-04")
	on("春节", "2025-02-08")
	off("清明节", "2025-04-04", "2025-04-05", "2025-04-06")
	on("劳动节", "2025-04-27")
	off("劳动节", "2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04", "2025-05-05")
	off("端午节", "2025-05-31", "2025-06-01", "2025-06-02")
	on("国庆节、中秋节", "2025-09-28")
	off("国庆节、中秋节", "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04", "2025-10-05", "2025-10-06", "2025-10-07", "2025-10-08")
	on("国庆节、中秋节", "2025-10-11")

	// 2026
	off("元旦", "2026-01-01", "2026-01-02", "2026-01-03")
	on("元旦", "2026-01-04")
	on("春节", "2026-02-14")
	off("春节", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23")
	on("春节", "2026-02-28")
	off("清明节", "2026-04-04", "2026-04-05", "2026-04-06")
	off("劳动节", "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05")
	on("劳动节", "2026-05-09")
	off("端午节", "2026-06-19", "2026-06-20", "2026-06-21")
	on("国庆节", "2026-09-20")
	off("中秋节", "2026-09-25", "2026-09-26", "2026-09-27")
	off("国庆节", "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07")
	on("国庆节", "2026-10-10")
	return out
}
