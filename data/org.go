package data

import (
	"context"
	"database/sql"
	"regexp"
)

// The organisation as administrators keep it in staff mode (§一(一)1 机构设置
// 和人员信息): the center's profile (center.go), the windows with their A and B
// posts (window.go), and the staff with their photos, roles and PINs
// (staff.go, staff_photo.go).
//
// Every change is an administrator's, checked inside its transaction, and
// audited there. The rules are those of the catalog import (Center.Validate,
// Window.Validate, Staff.Validate and Catalog.Validate's references), plus
// those only an edit can break: one A and one B per window
// (OnePersonPerPostRule, WindowPostsRule), no post at a window out of
// service, no window stopped while it has staff or items (StopWindowRule),
// at least one administrator who can sign in (LastAdminRule), no staff
// member leaving with open requests in their name
// (NoLeavingWithOpenRequestsRule; §五: a request is never without an
// owner).

// Audit actions of the organisation. OrgAuditLabel names them.
const (
	AuditCenterEdit    = "center_edit"
	AuditWindowAdd     = "window_add"
	AuditWindowEdit    = "window_edit"
	AuditWindowPosts   = "window_posts"
	AuditWindowStop    = "window_stop"
	AuditWindowDelete  = "window_delete"
	AuditWindowRestart = "window_restart"
	AuditStaffAdd      = "staff_add"
	AuditStaffEdit     = "staff_edit"
	AuditStaffUnlock   = "staff_unlock"
)

// OrgAuditLabel is the Chinese name of an organisation audit action, "" for
// others.
func OrgAuditLabel(action string) string {
	switch action {
	case AuditCenterEdit:
		return "修改机构信息"
	case AuditWindowAdd:
		return "新增窗口"
	case AuditWindowEdit:
		return "修改窗口"
	case AuditWindowPosts:
		return "设置AB岗"
	case AuditWindowStop:
		return "停用窗口"
	case AuditWindowDelete:
		return "删除窗口"
	case AuditWindowRestart:
		return "恢复启用窗口"
	case AuditStaffAdd:
		return "新增工作人员"
	case AuditStaffEdit:
		return "修改工作人员信息"
	case AuditStaffUnlock:
		return "解除账号锁定"
	}
	return ""
}

// Limits of the organisation's texts, in characters.
const (
	MaxCenterNameRunes    = 60
	MaxShortNameRunes     = 30
	MaxAddressRunes       = 120
	MaxPhoneRunes         = 40
	MaxReportBoxRunes     = 200
	MaxOrganisationRunes  = 3000
	MaxRemedyRunes        = 600
	MaxURLRunes           = 200
	MaxWindowNameRunes    = 30
	MaxWindowDutiesRunes  = 1000
	MaxStaffPostRunes     = 40
	MaxStaffDutiesRunes   = 500
	MaxOfficeSessionsADay = 4
)

// msgAdminOnly is what a non-administrator hears.
const msgAdminOnly = "只有管理员可以修改机构、窗口和工作人员信息。"

// adminOf is adminOnly for the center's own records (机构、窗口、工作人员).
func adminOf(ctx context.Context, tx *sql.Tx, by Session) (Session, error) {
	return adminOnly(ctx, tx, by, msgAdminOnly)
}

// adminOnly is actorOf for administrators only: anyone else hears msg.
func adminOnly(ctx context.Context, tx *sql.Tx, by Session, msg string) (Session, error) {
	a, err := actorOf(ctx, tx, by)
	if err == nil && !a.Admin() {
		err = Invalid("session", msg)
	}
	return a, err
}

var phonePattern = regexp.MustCompile(`^[0-9+()（）\- 、/转]*$`)

// phoneText cleans a phone number field: digits with "-", spaces,
// brackets, "+", "转" (extension) and "、" or "/" between numbers.
func phoneText(field, label, s string) (string, error) {
	s, err := Text(field, label, foldWidth(s, true), MaxPhoneRunes, false, false)
	if err != nil {
		return "", err
	}
	digits := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	if !phonePattern.MatchString(s) || (s != "" && digits < 3) {
		return "", Invalid(field, label+"只能填写数字和“-”，例如 0919-1234567；多个号码用“、”分开。").
			keyed("data.org.phone", map[string]any{"Label": label})
	}
	return s, nil
}
