package data

import (
	"errors"
	"fmt"
	"time"
)

// Message keys. Every message data shows a person is Chinese (Message), and
// has a stable key with arguments (MessageKey) that the interface looks up
// in its translations ("data.*" in assets/translations/data.en.json), with
// the Chinese as the fallback. A message made with fmt from a format of
// formatKeys carries that format's arguments by name; a fixed message has
// its key in messageKeys, found by its text, so the rules keep writing
// Invalid(field, "…"); any other message with data in it is keyed with its
// arguments where it is made (keyed). Tests require one of these of every
// message the package makes, and an English translation of every key with
// exactly its arguments.

// Key is the stable key of the message: the one given by invalidf, else the
// key of a fixed message, else "".
func (e *InvalidError) Key() string {
	if e.key != "" {
		return e.key
	}
	return messageKeys[e.Msg]
}

// Args are the named arguments of the message's translation ({{.Label}},
// {{.Count}} …); nil for a fixed message.
func (e *InvalidError) Args() map[string]any { return e.args }

// MessageKey returns the key and arguments of the message Message gives for
// err: the *InvalidError's own, or the key of the sentinel's sentence. ""
// for nil, or for an *InvalidError whose message has no key.
func MessageKey(err error) (string, map[string]any) {
	var ie *InvalidError
	var so *serverOpenError
	switch {
	case err == nil:
		return "", nil
	case errors.As(err, &ie):
		return ie.Key(), ie.Args()
	case errors.As(err, &so):
		return messageKeys[so.msg], nil
	}
	for _, k := range sentinelKeys {
		if errors.Is(err, k.err) {
			return k.key, nil
		}
	}
	return otherErrKey, nil
}

// sentinelKeys are the keys MessageKey gives for errors that are not an
// *InvalidError, the first that err is winning; any other error is
// otherErrKey.
var sentinelKeys = []struct {
	err error
	key string
}{
	{ErrNotFound, "data.err.notFound"},
	{ErrCommitUnknown, "data.err.commitUnknown"},
	{ErrUnreachable, "data.err.unreachable"},
	{ErrBusy, "data.err.busy"},
	{ErrFull, "data.err.full"},
	{ErrReadOnly, "data.err.readOnly"},
	{ErrCorrupt, "data.err.corrupt"},
	{ErrIO, "data.err.io"},
	{ErrCantOpen, "data.err.cantOpen"},
	{ErrConflict, "data.err.conflict"},
}

// otherErrKey is the key of any other error ("something went wrong").
const otherErrKey = "data.err.other"

// invalidf is Invalid with the message fmt.Sprintf(format, a...), for a
// format of formatKeys: the error carries the format's key and a by name.
func invalidf(field, format string, a ...any) *InvalidError {
	e := Invalid(field, fmt.Sprintf(format, a...))
	if f, ok := formatKeys[format]; ok {
		e.key = f.key
		e.args = make(map[string]any, len(a))
		for i, name := range f.args {
			if i < len(a) {
				e.args[name] = a[i]
			}
		}
	}
	return e
}

// lockedError is the refusal of a locked-out staff member (lockedMsg),
// keyed with the time (15:04, China time) and, when not today, the date
// (2006-01-02) the lockout ends.
func lockedError(until, now time.Time) *InvalidError {
	e := Invalid("locked", lockedMsg(until, now))
	u, n := until.In(China), now.In(China)
	if u.YearDay() != n.YearDay() || u.Year() != n.Year() {
		return e.keyed("data.auth.lockedDay", map[string]any{"Time": u.Format("15:04"), "Date": u.Format("2006-01-02")})
	}
	return e.keyed("data.auth.locked", map[string]any{"Time": u.Format("15:04")})
}

// keyed gives e the key and arguments of a message made by the caller
// (one with data in it: names, lists of materials). The call is where the
// key's argument names are written: the translation of key uses exactly
// these (a test reads every keyed call and the translations). An argument
// may be a Term (a word the interface translates) or an *InvalidError (a
// message the interface shows in its own translation).
func (e *InvalidError) keyed(key string, args map[string]any) *InvalidError {
	e.key, e.args = key, args
	return e
}

// formatKey is the key of a message format and the names of its verbs in
// order.
type formatKey struct {
	key  string
	args []string
}

// formatKeys: the message formats of the input rules and of a step the
// request's status refuses (illegalStep).
var formatKeys = map[string]formatKey{
	msgUnreadable:    {"data.input.unreadable", []string{"Label"}},
	msgControl:       {"data.input.control", []string{"Label"}},
	msgNewline:       {"data.input.newline", []string{"Label"}},
	msgTab:           {"data.input.tab", []string{"Label"}},
	msgBidi:          {"data.input.bidi", []string{"Label"}},
	msgInvisible:     {"data.input.invisible", []string{"Label"}},
	msgTooLong:       {"data.input.tooLong", []string{"Label", "Max", "Count"}},
	msgRequired:      {"data.input.required", []string{"Label"}},
	msgNameLongHan:   {"data.input.nameLongHan", []string{"Count"}},
	msgNameLongLatin: {"data.input.nameLongLatin", []string{"Count"}},
	msgNameSymbol:    {"data.input.nameSymbol", []string{"Char"}},
	msgIDLength:      {"data.input.iDLength", []string{"Count"}},
	msgMobileLength:  {"data.input.mobileLength", []string{"Count"}},
	msgNumber:        {"data.input.number", []string{"Label"}},
	msgDateFormat:    {"data.input.dateFormat", []string{"Label"}},
	msgDateInvalid:   {"data.input.dateInvalid", []string{"Label"}},
	msgDateRange:     {"data.input.dateRange", []string{"Label"}},
	msgChoose:        {"data.input.choose", []string{"Label"}},
	msgChooseOne:     {"data.input.chooseOne", []string{"Label"}},
	msgChooseMany:    {"data.input.chooseMany", []string{"Label"}},
	msgFieldKind:     {"data.input.fieldKind", []string{"Label"}},
	msgQueryLength:   {"data.input.queryLength", []string{"Count"}},

	msgStepFinished:    {"data.handling.finished", []string{"Action"}},
	msgStepRefused:     {"data.handling.refused", []string{"Action"}},
	msgStepWithdrawn:   {"data.handling.withdrawn", []string{"Action"}},
	msgStepNotRunning:  {"data.handling.notRunning", []string{"Action"}},
	msgStepAcceptFirst: {"data.handling.acceptFirst", []string{"Action"}},
	msgStepWaiting:     {"data.handling.waiting", []string{"Action"}},
	msgStepEscalated:   {"data.handling.escalated", []string{"Action"}},
	msgStepStatus:      {"data.handling.status", []string{"Status", "Action"}},
}

// messageKeys: the key of each fixed message, by its Chinese text. A test
// reads every Invalid(field, "…") in the package and requires its text here.
var messageKeys = map[string]string{
	msgUnreachable:   "data.err.serverUnreachable",
	msgCommitUnknown: "data.err.commitUnknown",
	msgLogin:         "data.err.serverLogin",
	msgNoDatabase:    "data.err.serverNoDatabase",
	msgStarting:      "data.err.serverStarting",
	"其他终端正在使用数据，恢复没有进行，数据没有任何改变。请稍等片刻再恢复；如仍不行，请先关闭其他窗口和自助机上的便民程序。": "data.backup.pg.othersBusy",
	"数据库地址（--data）的格式不对，请检查。": "data.backup.pg.badDSN",
	"该备份是用更新版本的 PostgreSQL 工具制作的，这台电脑上的 pg_restore 读不了。请安装与数据库服务器相同版本的 PostgreSQL 客户端（Debian：sudo apt install postgresql-client），然后再试。": "data.backup.pg.newerTools",
	"数据库拒绝了登录（用户名或密码不对），无法备份或恢复。请检查 --data 里的用户名和密码。":                                                                                   "data.backup.pg.login",
	"备份文件已损坏（pg_restore 读不出其中的数据），不能用于恢复。请换一份备份。":                                                                                       "data.backup.pg.damaged",
	"所选文件是 PostgreSQL 数据库的备份（.dump），不能恢复到单机数据文件。请选择 .db 备份；要把数据库里的数据搬到单机，请用 bianmin copy。":                                              "data.backup.pg.dumpOnFile",
	"所选文件不是 PostgreSQL 数据库的备份（.dump），不能恢复到大厅的数据库。请选择 .dump 备份；要把单机的数据搬到数据库里，请用 bianmin copy。":                                           "data.backup.pg.fileOnServer",
	"无法另存恢复前的数据，恢复没有进行，数据没有任何改变。请检查备份所在的文件夹和主文件夹能否写入、磁盘空间是否足够。":                                                                         "data.backup.pg.keepFailed",
	"来源只能是投诉或直接登记。":                 "data.accountability.source",
	"“待整改”和“已有结果”不能同时选择。":           "data.accountability.open",
	"期限筛选只能是即将到期或已超期。":              "data.accountability.due",
	"责任追究记录只有管理员可以查看。":              "data.accountability.session",
	"工作人员的投诉记录只有管理员可以查看。":           "data.accountability.session.2",
	"涉及您本人的投诉按回避原则不向您显示，请由其他管理员查阅。": "data.accountability.staff",
	"请选择追究方式：批评教育、限期整改、书面检查或纪律处分。":  "data.accountability_entry.kind",
	"限期整改需要填写整改期限。":                 "data.accountability_entry.deadline",
	"整改期限不能早于今天，请重新选择。":             "data.accountability_entry.deadline.2",
	"整改期限不能超过一年，请重新选择。":             "data.accountability_entry.deadline.3",
	"找不到该工作人员。":                     "data.accountability_entry.staff",
	"责任追究由管理员登记。":                   "data.accountability_entry.session",
	"不能对自己作出责任追究，请由其他管理员处理。":        "data.accountability_entry.staff.2",
	"找不到该办件。":                       "data.accountability_entry.request",
	"不能登记自己的责任追究结果，请由其他管理员处理。":      "data.accountability_entry.staff.3",
	msgBadHash:    "data.auth.pin",
	msgOwnPINOnly: "data.auth.staff",
	"找不到该工作人员，或其已停用。":                   "data.auth.staff.2",
	"管理员密码已经设置过了。请用管理员账号登录后再管理其他人员的密码。": "data.auth.staff.3",
	"请选择一位管理员来设置第一个密码。":                 "data.auth.staff.4",
	"请先登录工作人员账号。":                       "data.auth.session",
	"登录已失效，请重新登录。":                      "data.auth.session.2",
	"管理员密码应为6至8位数字，请重新设置。":              "data.auth_pin.any",
	"密码应为4至8位数字，请重新设置。":                 "data.auth_pin.any.2",
	"数据保存在 PostgreSQL 数据库服务器上，不能在本机另存为数据文件。请联系信息管理员在服务器上用 pg_dump 备份数据库。": "data.backup.dest",
	"请选择备份文件的保存位置。":               "data.backup.dest.2",
	"不能把备份保存到正在使用的数据文件上，请换一个文件名。": "data.backup.dest.3",
	"新备份没有通过完整性检查，没有保存，以前的备份都还在。请检查磁盘空间和磁盘是否正常，然后再备份一次。": "data.backup.dest.4",
	"只有管理员可以备份和恢复数据。":                                             "data.backup.session",
	"自动备份至少应保留1份。":                                                "data.backup_rotation.keep",
	"请设置自动备份的文件夹。":                                                "data.backup_rotation.dir",
	"请选择要修改的日期。":                                                  "data.calendar_edit.day",
	"日期超出了可设置的范围（2000年至2099年）。":                                   "data.calendar_edit.day.2",
	"请填写节假日名称，例如“国庆节”。":                                           "data.calendar_edit.name",
	"请选择法定节假日、调休上班或按常规。":                                          "data.calendar_edit.kind",
	"文件中没有任何日期。请检查是否选错了文件。":                                       "data.calendar_edit.file",
	"文件过大，节假日安排文件通常只有几千字节。请检查是否选错了文件。":                            "data.calendar_file.file",
	"文件不是 UTF-8 编码的文本。请用记事本等软件另存为 UTF-8 编码后再导入。":                  "data.calendar_file.file.2",
	"文件中没有 \"calendar\" 部分（节假日的列表）。":                              "data.calendar_file.calendar",
	"日期应写成 2026-10-01 这样的格式。":                                     "data.catalog.day",
	"日期类型应为 holiday（放假）或 workday（调休上班）。":                          "data.catalog.kind",
	"文件为空或不完整。":                                                   "data.catalog.any",
	"只有管理员可以导入或导出事项目录。":                                           "data.catalog_admin.session",
	"文件的文字编码无法转换，请另存为 UTF-8 编码后再导入。":                              "data.catalog_input.any",
	"请填写服务室名称。":                                                   "data.center.name",
	"回执编号前缀应为1至6个大写英文字母，例如 WY。":                                   "data.center.receipt_prefix",
	"投诉办理时限应在0至60个工作日之间。":                                         "data.center.complaint_days",
	"无操作返回首页的时间应在30至900秒之间。":                                      "data.center.idle_seconds",
	"星期应为0（周日）至6（周六）。":                                            "data.center.weekday",
	"办公时间应写成 08:30 这样的24小时制时间。":                                   "data.center.opens",
	"下班时间应晚于上班时间。":                                                "data.center.closes",
	"手机查询网址应以 http:// 或 https:// 开头，例如 http://192.168.1.20:8080。": "data.center.public_base_url",
	"投诉办理时限应在1至60个工作日之间。":                                         "data.center.complaint_days.2",
	msgReceiptFormat: "data.input.receiptFormat",
	"投诉渠道不正确。":       "data.complaint.channel",
	"请先扫描或输入您的回执，以便确定要投诉的办件。":                                                 "data.complaint.request",
	"请选择要投诉的窗口。":                                                              "data.complaint.window",
	"请选择要投诉的工作人员。":                                                            "data.complaint.staff",
	"请选择投诉的对象。":                                                               "data.complaint.about",
	"请把遇到的情况说得具体一些（至少5个字），以便我们调查处理。":                                          "data.complaint.body",
	"该投诉涉及您本人，按回避原则请由其他人员处理。":                                                 "data.complaint_handling.complaint",
	"该投诉已指派给其他人员处理。如需改派，请联系管理员。":                                              "data.complaint_handling.complaint.2",
	"请先认领或由管理员指派该投诉。":                                                         "data.complaint_handling.complaint.3",
	"只有管理员可以指派或改派处理人；您可以认领尚未指派的投诉。":                                           "data.complaint_handling.handler",
	"被投诉的工作人员不能处理对自己的投诉，请另选处理人。":                                              "data.complaint_handling.handler.2",
	"请选择投诉来源：电话、投诉意见箱或窗口。":                                                    "data.complaint_handling.channel",
	"本投诉针对的是被投诉的工作人员本人，责任人应为其本人。":                                             "data.complaint_handling.responsible",
	"投诉经查属实、涉及工作人员责任的，由管理员作出处理结论。":                                            "data.complaint_handling.substantiated",
	"请先记录调查核实情况，再作出处理结论。":                                                     "data.complaint_handling.investigation",
	"投诉状态不正确。":                                                                "data.complaint_queue.status",
	"到期筛选只能是即将到期或已超期。":                                                        "data.complaint_queue.due",
	"该投诉已指派给其他人员处理。":                                                          "data.complaint_queue.complaint",
	"复制的来源和目标是同一个数据库，请给 --to 另一个数据库或数据文件。":                                    "data.copy.to",
	"请填写公开事项编码（如 FWCN-2027，用英文字母、数字或连字符）。":                                    "data.disclosure.code",
	"公开事项编码应为1至32位英文字母、数字、下划线或连字符。":                                           "data.disclosure.code.2",
	"公开类别应为 org、rules、guide、complaint、other、integrity、appraisal、internal 之一。": "data.disclosure.category",
	"公开范围应为 public（对外）或 internal（对内）。":                                        "data.disclosure.audience",
	"廉洁自律、考核考勤奖惩等内容只能对内公开，其他类别对外公开。":                                          "data.disclosure.audience.2",
	"公开时限应为 regular（定期）、phased（逐段）或 adhoc（随时）。":                               "data.disclosure.cadence",
	"至少需要一个版本。":                                                               "data.disclosure.versions",
	"版本号应为从1开始且不重复的整数。":                                                       "data.disclosure.any",
	"请填写标题。":                                        "data.disclosure.any.2",
	"请填写公开内容。":                                      "data.disclosure.any.3",
	"已公开的版本需要公开时间和公开人。":                             "data.disclosure.any.4",
	"版本状态应为 draft、preview、published、superseded 之一。": "data.disclosure.any.5",
	"同一事项只能有一个现行公开版本，其余应为 superseded。":              "data.disclosure.versions.2",
	"请填写征求意见的截止日期。":                                 "data.disclosure.until",
	"征求意见的截止日期不能早于今天，请重新填写。":                        "data.disclosure.until.2",
	"请把您的意见写得具体一些。":                                 "data.disclosure_comments.body",
	"找不到该预公开内容，请返回重新选择。":                            "data.disclosure_comments.version",
	"该内容的征求意见已经结束，感谢您的关注。":                          "data.disclosure_comments.version.2",
	"请选择公开类别。":                                      "data.disclosure_publish.category",
	"请选择公开时限：定期、逐段或随时。":                             "data.disclosure_publish.cadence",
	"该事项已经公开过，不能在对外公开与对内公开之间更改类别；如有需要，请新建一个事项。": "data.disclosure_publish.category.2",
	"对内公开的事项不在自助终端预公开，请直接发布。":                   "data.disclosure_publish.code",
	"该事项已经在预公开中。":                                        "data.disclosure_publish.code.2",
	"没有待预公开的草稿，请先编辑保存草稿。":                                "data.disclosure_publish.code.3",
	"没有待发布的新版本，请先编辑保存草稿。":                                "data.disclosure_publish.code.4",
	"只有管理员可以编辑和发布公开内容。":                                  "data.disclosure_publish.session",
	"请选择去向：在岗、外出办事、下村入户或请假。":                             "data.duty.status",
	"只能登记自己的去向；为他人登记请由管理员操作。":                            "data.duty.staff",
	"今天还没有签到。请先签到，签到后即为在岗。":                              "data.duty.status.2",
	"今天已经签退。如需继续办公，请重新签到。":                               "data.duty.status.3",
	"预计返回时间已经过去，请重新选择。":                                  "data.duty.expected_return",
	"预计返回时间不能超过一年，请重新选择。":                                "data.duty.expected_return.2",
	"该窗口没有其他可以接收的工作人员，请直接选择接收人。":                         "data.duty.to",
	"您今天还没有签到，无需签退。":                                     "data.duty_attendance.attendance",
	"只有数字登记项可以设置取值范围。":                                   "data.field_rule.rule",
	"只有日期登记项可以设置“至少早于登记日若干个月”。":                          "data.field_rule.rule.2",
	"最小值不能大于最大值。":                                        "data.field_rule.rule.3",
	"规则说明请控制在60字以内。":                                     "data.field_rule.rule.4",
	"请选择一种办理方式。":                                         "data.handling_accept.mode",
	"请选择恢复计时的日期。":                                        "data.handling_clock.restart_day",
	"恢复计时的日期应晚于今天。":                                      "data.handling_clock.restart_day.2",
	"一次暂停计时不能超过一年，请核对恢复日期。":                              "data.handling_clock.restart_day.3",
	"该办件没有计时起点，无法计算办结期限。":                                "data.handling_clock.clock",
	"请选择告知申请人结果的方式（当面、电话或短信）。":                           "data.handling_close.reply_method",
	"请选择接收的工作人员或窗口（二者选一）。":                               "data.handling_handover.to",
	"找不到接收的工作人员，或其已停用。":                                  "data.handling_handover.to.2",
	"找不到该窗口。":                                            "data.handling_handover.to.3",
	"该事项没有设置牵头窗口，不能联合办理。请在事项目录中设置后再受理。":                  "data.handling_joint.mode",
	"该事项没有设置配合窗口，不能选择联合办理，请改选其他办理方式。":                    "data.handling_joint.mode.2",
	"该窗口不是本办件的配合窗口。":                                     "data.handling_joint.window",
	"牵头窗口不需要单独登记，待各配合窗口完成后直接办结即可。":                       "data.handling_joint.window.2",
	"请勾选需要补正的材料（一次列全）。":                                  "data.handling_supplement.materials",
	"所勾选的材料不属于该事项，请重新勾选。":                                "data.handling_supplement.materials.2",
	"报送日期不能晚于今天。":                                        "data.handling_upper.sent_day",
	"预计反馈日期不能早于报送日期。":                                    "data.handling_upper.expected_day",
	"请填写报送的上级部门。":                                        "data.handling_upper.department",
	"事项编码应为1至32位英文字母、数字、下划线或连字符。":                        "data.item.code",
	"请填写事项名称。":                                           "data.item.name",
	"事项名称不能超过60个字。":                                      "data.item.name.2",
	"请填写事项分类。":                                           "data.item.category",
	"请填写政策依据。":                                           "data.item.basis",
	"请填写申报条件。":                                           "data.item.conditions",
	"请至少填写一个办事步骤。":                                       "data.item.procedure",
	"承诺期限应在0至365个工作日之间。":                                 "data.item.promised_days",
	"法定期限应在0至365个工作日之间。":                                 "data.item.legal_days",
	"承诺期限不能长于法定期限。":                                      "data.item.promised_days.2",
	"请填写收费标准（不收费请填写“不收费”）。":                              "data.item.fee",
	"到现场次数应在0至10次之间。":                                    "data.item.trips",
	"办理方式应为 direct、promise、joint、upper、assist、proxy 之一。": "data.item.mode",
	"直接办理的事项承诺期限应为0（即收即办）。":                              "data.item.promised_days.3",
	"上报办理的事项请填写上级部门。":                                    "data.item.upper_department",
	"联合办理的事项请填写牵头窗口和配合窗口。":                               "data.item.joint_windows",
	"请至少列出一项申报材料。":                                       "data.item.materials",
	"办事步骤不能为空。":                                          "data.item.any",
	"请填写材料名称。":                                           "data.item.name.3",
	"材料形式应为 original、copy、both、electronic 之一。":           "data.item.form",
	"份数应在0至20之间。":                                        "data.item.copies",
	"样表文件需要一个文件名。":                                       "data.item.sample_name",
	"样表文件不能超过5 MB，请压缩或缩小后再选择。":                           "data.item.sample_data",
	"样表文件应为图片（PNG、JPEG）或 PDF 文件。":                        "data.item.sample_data.2",
	"登记项键名应以小写字母开头，只含小写字母、数字和下划线。":                       "data.item.key",
	"请填写登记项名称。":                                          "data.item.label",
	"只有单选和多选登记项可以设置选项。":                                  "data.item.options",
	"单选或多选登记项至少需要两个选项。":                                  "data.item.options.2",
	"登记项类型应为 text、number、date、single、multi 之一。":          "data.item.kind",
	msgItemsAdminOnly: "data.item_edit.session",
	"上报办理的事项须先上报上级部门，登记审批结果后才能办结。": "data.materials.upper",
	"上级部门的审批结果尚未登记，请先登记审批结果再办结。":   "data.materials.upper.2",
	"该办件已经结束，材料情况不能再更改。":           "data.materials.material",
	"该材料不属于本事项，请刷新后重试。":            "data.materials.material.2",
	msgAdminOnly: "data.org.session",
	"请勾选要列入代办清单的办件。":                                    "data.proxy.requests",
	"所勾选的办件已不存在，请刷新后重新勾选。":                              "data.proxy.requests.2",
	"请填写上级部门的办理结果。":                                     "data.proxy.result",
	"上级部门的办理结果尚未登记，请先登记结果，或写明告知申请人的办理结果。":               "data.proxy.result.2",
	"请选择一个评价等级。":                                        "data.rating.level",
	"请简单说说哪里让您不满意，我们会认真改进并回访。":                          "data.rating.reason",
	"该事项尚未办结，办结后欢迎您再来评价。":                               "data.rating.request",
	"该办件已经评价过了，感谢您的反馈。":                                 "data.rating.request.2",
	"只有“不满意”“非常不满意”的评价需要回访。":                            "data.rating_followup.rating",
	"只有管理员可以维护常用理由。":                                    "data.refusal.session",
	"常用理由中已有相同的内容，无需重复添加。":                              "data.refusal.text",
	"该常用理由已被删除，请刷新后重试。":                                 "data.refusal.id",
	"该事项没有这一登记项，请返回重新选择。":                               "data.register.any",
	"所选材料不属于该事项，请重新勾选。":                                 "data.register.brought",
	"请阅读个人信息保护告知，并点击“同意”后再提交。":                          "data.register.consent",
	"登记渠道不正确。":                                          "data.register.channel",
	"找不到该事项，请返回重新选择。":                                   "data.register.item",
	"该事项已暂停自助登记，请到窗口咨询。":                                "data.register.item.2",
	"统计的结束时间应晚于开始时间。":                                   "data.report.to",
	"该备份中没有设置了密码的管理员，无法在此确认恢复。请用命令 bianmin restore 恢复。": "data.rescue.pin",
	msgBadAdminPIN: "data.rescue.pin.2",
	"找不到该备份文件，请重新选择。":                    "data.restore.file",
	"所选的不是一个文件，请重新选择备份文件。":               "data.restore.file.2",
	"该文件不是便民服务室的数据备份，或已经损坏，不能用于恢复。":      "data.restore.file.3",
	"备份文件已损坏（完整性检查未通过），不能用于恢复。请换一份备份。":   "data.restore.file.4",
	"该文件不是便民服务室的数据备份（缺少本程序的数据表），不能用于恢复。": "data.restore.file.5",
	"所选文件就是正在使用的数据文件，无需恢复。":              "data.restore.file.6",
	"工号应为1至32位英文字母或数字。":                  "data.staff.code",
	"请填写工作人员姓名（不超过20个字）。":                "data.staff.name",
	"请填写职务。":              "data.staff.post",
	"AB岗应为 A 或 B。":        "data.staff.ab",
	"设置了AB岗的工作人员需要指定窗口。":  "data.staff.window",
	"角色应为 staff 或 admin。": "data.staff.role",
	"照片不能超过2MB。":          "data.staff.photo",
	"至少要保留一位可以登录的管理员。请先把另一位工作人员设为管理员并为其设置密码，再取消本账号的管理员身份或停用本账号。": "data.staff.any",
	"找不到该工作人员，请刷新后重试。":                     "data.staff.staff",
	"照片文件是空的，请重新选择。":                       "data.staff_photo.photo",
	"无法识别这个文件。请选择 JPG 或 PNG 格式的照片。":        "data.staff_photo.photo.2",
	"照片文件已损坏或不完整，无法打开。请重新选择一张照片。":          "data.staff_photo.photo.3",
	"请选择学习类型：每月集中学习、集中业务培训、职业道德教育或窗口业务学习。": "data.study.kind",
	"请选择学习日期。":            "data.study.day",
	"学习日期不能晚于一年以后，请重新选择。": "data.study.day.2",
	"学习日期不正确，请重新选择。":      "data.study.day.3",
	"学习活动由管理员登记。":         "data.study.session",
	"请至少为一位工作人员点名。":       "data.study.present",
	"备注只能写给点名名单上的人员。":     "data.study.notes",
	"学习点名由管理员登记。":         "data.study.session.2",
	"请先导入事项目录，再生成演示办件。":   "data.synth_requests.items",
	msgNameEmpty:       "data.input.nameEmpty",
	msgNameDigit:       "data.input.nameDigit",
	msgNameEmoji:       "data.input.nameEmoji",
	msgNameOnlyMarks:   "data.input.nameOnlyMarks",
	msgNameMixed:       "data.input.nameMixed",
	msgNameHanSpace:    "data.input.nameHanSpace",
	msgNameDot:         "data.input.nameDot",
	msgNameShort:       "data.input.nameShort",
	msgNameLatinEdge:   "data.input.nameLatinEdge",
	msgIDEmpty:         "data.input.iDEmpty",
	msgIDChars:         "data.input.iDChars",
	msgIDOld:           "data.input.iDOld",
	msgIDRegion:        "data.input.iDRegion",
	msgIDBirth:         "data.input.iDBirth",
	msgIDTooOld:        "data.input.iDTooOld",
	msgIDFuture:        "data.input.iDFuture",
	msgIDChecksum:      "data.input.iDChecksum",
	msgReceiptEmpty:    "data.input.receiptEmpty",
	msgQueryEmpty:      "data.input.queryEmpty",
	msgQueryAlphabet:   "data.input.queryAlphabet",
	msgMobileEmpty:     "data.input.mobileEmpty",
	msgMobileChars:     "data.input.mobileChars",
	msgMobilePrefix:    "data.input.mobilePrefix",
	msgContactChars:    "data.input.contactChars",
	msgContactEmpty:    "data.input.contactEmpty",
	msgContactAbroad:   "data.input.contactAbroad",
	msgLandlineNoArea:  "data.input.landlineNoArea",
	msgContactNotPhone: "data.input.contactNotPhone",
	msgLandline:        "data.input.landline",
	"窗口编号应为1至32位英文字母或数字。":         "data.window.code",
	"请填写窗口名称。":                    "data.window.name",
	"找不到该窗口，可能已被删除，请刷新后重试。":       "data.window.window",
	"A岗和B岗不能是同一个人，请为B岗另选一位工作人员。":  "data.window.b",
	"该窗口已停用，不能设置AB岗。如需使用，请先恢复启用。": "data.window.window.2",
	"找不到所选的工作人员，或其已停用，请重新选择。":     "data.window.any",
	msgHongKong: "data.input.hongKong",
	msgMacao:    "data.input.macao",
	msgBadLogin: "data.auth.badLogin",
	msgBadPIN:   "data.auth.badPIN",
	msgTaiwan:   "data.input.taiwan",
	"密码不能全部是同一个数字。" + msgPINChoose:                        "data.auth_pin.same",
	"密码不能是连续的数字（如1234、4321）。" + msgPINChoose:              "data.auth_pin.run",
	"密码不能是重复的数字组合（如1212、123123）。" + msgPINChoose:          "data.auth_pin.repeat",
	"密码不能是按键盘上的一条线或一圈按出的数字（如2580、147258）。" + msgPINChoose: "data.auth_pin.pad",
	"密码不能是520、1314这类谐音数字。" + msgPINChoose:                 "data.auth_pin.love",
	"密码不能是日期或年份（如生日19900101、0101）。" + msgPINChoose:        "data.auth_pin.date",
	"备份在规定的时间" + msgBackupLate:                            "data.backup.lateUnknown",
	"该投诉已办结，不能再指派处理人。":                                    "data.complaint_handling.closedAssign",
	"处理结论已经作出，调查核实记录不能再修改。":                               "data.complaint_handling.investigationLocked",
	"该投诉已经作出处理结论，不能重复认定。":                                 "data.complaint_handling.concluded",
	"该投诉已经答复办结。":                                          "data.complaint_handling.replied",
	"请先作出处理结论，再答复投诉人。":                                    "data.complaint_handling.concludeFirst",
	"投诉办结后才能公开处理结果。":                                      "data.complaint_handling.publishClosed",
	"该办件已经受理，不能重复受理。":                                     "data.handling.accepted",
	"该办件没有在等待补正材料，无需登记材料补齐。":                              "data.handling.notWaiting",
	"该办件没有上报上级部门，不能登记审批结果。":                               "data.handling.notEscalated",
	"只有已受理、正在办理中的联合办理事项才能登记配合窗口的办理情况。":                    "data.handling.jointPart",
	"该办件已上报，请先登记上级部门的审批结果，再办结。":                           "data.handling.escalatedFinish",
	"该办件已经上报，请勿重复上报。":                                     "data.handling.escalatedTwice",
	"该办件没有在暂停计时，无需恢复。":                                    "data.handling_clock.notPaused",
	"暂停或延长办理时限须写明理由。":                                     "data.handling_clock.reason",
	"该办件正在暂停计时，请先恢复计时或等到恢复日期。":                            "data.handling_clock.paused",
	"请写明申请人撤回的原因。":                                        "data.handling_close.withdrawReason",
	"请写明不予受理（不予办理）的理由，通知书将书面告知申请人。":                       "data.handling_close.refuseReason",
	"请填写办理结果。":                                            "data.handling_close.result",
	"请写明转交原因或需要交代的事项。":                                    "data.handling_handover.reason",
	"请填写本窗口的办理情况。":                                        "data.handling_joint.part",
	"该办件不是联合办理，不需要登记配合窗口的办理情况。":                           "data.handling_joint.notJoint",
	"请填写办理记录的内容。":                                         "data.handling_step.note",
	"您已受理该办件，无需重复受理。":                                     "data.handling_taken.mine",
	"该评价已经回访过了。":                                          "data.rating_followup.done",
	"请填写理由的内容。":                                           "data.refusal.empty",
}
