package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Study and training (学习教育制度 §八): the service room
// studies together once a month (每月集中学习窗口业务知识一次), holds one or two
// trainings and ethics sessions a year, and windows may organise their own;
// every session has a roll-call (集中学习点名制度和学习考勤制度), which shows in
// each person's record. Administrators keep the sessions and the roll-call.

// StudyKind is the type of a study session.
type StudyKind string

// Study kinds.
const (
	StudyMonthly  StudyKind = "monthly"  // 每月集中学习
	StudyTraining StudyKind = "training" // 集中业务培训
	StudyEthics   StudyKind = "ethics"   // 职业道德教育
	StudyWindow   StudyKind = "window"   // 窗口自行组织的业务学习
)

// StudyKinds lists the kinds in the order a form offers them.
var StudyKinds = []StudyKind{StudyMonthly, StudyTraining, StudyEthics, StudyWindow}

// Label is the kind's Chinese name, for stored audit text and the
// Chinese report export; screens show the word from the translations.
func (k StudyKind) Label() string {
	switch k {
	case StudyMonthly:
		return "每月集中学习"
	case StudyTraining:
		return "集中业务培训"
	case StudyEthics:
		return "职业道德教育"
	case StudyWindow:
		return "窗口业务学习"
	}
	return string(k)
}

// countsAsMonthly reports whether a session of this kind meets the monthly
// rule (集中学习窗口业务知识): the monthly session itself, or a central
// business training. Ethics education and a window's own study do not.
func (k StudyKind) countsAsMonthly() bool { return k == StudyMonthly || k == StudyTraining }

// Study limits.
const (
	MaxStudyTopicRunes = 100
	MaxStudyNoteRunes  = 500
	MaxRollNoteRunes   = 60
)

// Audit actions of study. (AuditLabel in audit.go does not know them yet;
// StudyAuditLabel does.)
const (
	AuditStudySession = "study_session"
	AuditRollCall     = "roll_call"
)

// StudyAuditLabel is the Chinese name of a study audit action, "" for others.
func StudyAuditLabel(action string) string {
	switch action {
	case AuditStudySession:
		return "登记学习活动"
	case AuditRollCall:
		return "学习点名"
	}
	return ""
}

// StudySession is a study session with its roll-call totals.
type StudySession struct {
	ID         int64
	Day        string // 'YYYY-MM-DD'
	Topic      string
	Kind       StudyKind
	KindLabel  string
	Note       string
	Present    int
	Absent     int
	RollCalled bool // a roll-call has been taken
}

// AddStudySession records a study session (planned or held) on the date of
// day. Administrators only. It returns the session's id.
func (s *Store) AddStudySession(ctx context.Context, by Session, day time.Time, topic string, kind StudyKind,
	note string) (int64, error) {
	switch kind {
	case StudyMonthly, StudyTraining, StudyEthics, StudyWindow:
	default:
		return 0, Invalid("kind", "请选择学习类型：每月集中学习、集中业务培训、职业道德教育或窗口业务学习。")
	}
	topic, err := Text("topic", "学习主题", topic, MaxStudyTopicRunes, true, false)
	if err != nil {
		return 0, err
	}
	if note, err = Text("note", "备注", note, MaxStudyNoteRunes, false, true); err != nil {
		return 0, err
	}
	now := s.now()
	switch {
	case day.IsZero():
		return 0, Invalid("day", "请选择学习日期。")
	case dayNum(day) > dayNum(now.AddDate(1, 0, 0)):
		return 0, Invalid("day", "学习日期不能晚于一年以后，请重新选择。")
	case day.Year() < 2000:
		return 0, Invalid("day", "学习日期不正确，请重新选择。")
	}
	var id int64
	err = s.tx(ctx, "study session", func(tx *sql.Tx) error {
		actor, err := adminOnly(ctx, tx, by, "学习活动由管理员登记。")
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO study_sessions (day, topic, kind, note) VALUES (?, ?, ?, ?)`,
			Day(day), topic, string(kind), note)
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		return audit(ctx, tx, formatTime(now), actor.StaffID, AuditStudySession, studyTarget(Day(day), topic),
			kind.Label())
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

func studyTarget(day, topic string) string { return "学习 " + day + " " + topic }

// StudySessions lists the sessions whose day is in [from, to) (a day
// counts when its midnight, China time, is in the period), oldest first.
func (s *Store) StudySessions(ctx context.Context, from, to time.Time) ([]StudySession, error) {
	first, end := periodDays(from, to)
	out, err := readRows(ctx, s, "study sessions", func(x *StudySession) []any {
		return []any{&x.ID, &x.Day, &x.Topic, &x.Kind, &x.Note, &x.Present, &x.Absent}
	}, `SELECT s.id, s.day, s.topic, s.kind, s.note,
		(SELECT count(*) FROM study_attendance a WHERE a.session_id = s.id AND a.present = 1),
		(SELECT count(*) FROM study_attendance a WHERE a.session_id = s.id AND a.present = 0)
		FROM study_sessions s WHERE s.day >= ? AND s.day < ? ORDER BY s.day, s.id`,
		Day(dayTime(first)), Day(dayTime(end)))
	for i := range out {
		x := &out[i]
		x.KindLabel, x.RollCalled = x.Kind.Label(), x.Present+x.Absent > 0
	}
	return out, err
}

// RollLeave is the roll-call note that marks an absence as leave (请假):
// the roll-call keeps present or not, and a note; an absence whose note
// starts with it is excused.
const RollLeave = "请假"

// RollMark is one person's mark on a roll-call.
type RollMark string

// Roll-call marks.
const (
	MarkNone    RollMark = ""        // not on the roll-call yet
	MarkPresent RollMark = "present" // 出席
	MarkLeave   RollMark = "leave"   // 请假 (absent, note 请假…)
	MarkAbsent  RollMark = "absent"  // 缺席
)

// Label is the mark's Chinese name ("未点名" for none), for stored text;
// screens show the word from the translations.
func (m RollMark) Label() string {
	switch m {
	case MarkPresent:
		return "出席"
	case MarkLeave:
		return "请假"
	case MarkAbsent:
		return "缺席"
	}
	return "未点名"
}

// markOf is the mark of a roll-call line.
func markOf(recorded, present bool, note string) RollMark {
	switch {
	case !recorded:
		return MarkNone
	case present:
		return MarkPresent
	case strings.HasPrefix(note, RollLeave):
		return MarkLeave
	}
	return MarkAbsent
}

// RollLine is one person on a session's roll.
type RollLine struct {
	StaffID  int64
	Name     string
	Present  bool
	Recorded bool // false: not on the roll-call yet
	Note     string
}

// Mark is the line's mark: present, on leave, absent or none yet.
func (l RollLine) Mark() RollMark { return markOf(l.Recorded, l.Present, l.Note) }

// StudyRoll is a session's roll for the roll-call screen: everyone on the
// roll-call, and every active staff member not on it yet (Recorded false).
func (s *Store) StudyRoll(ctx context.Context, sessionID int64) ([]RollLine, error) {
	var out []RollLine
	err := s.read(ctx, "study roll", func(tx *sql.Tx) error {
		var x int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM study_sessions WHERE id = ?`, sessionID).Scan(&x)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		return collectRows(ctx, tx, &out, func(l *RollLine) []any {
			return []any{&l.StaffID, &l.Name, &l.Present, &l.Recorded, &l.Note}
		}, `SELECT s.id, s.name, coalesce(a.present, 0), a.staff_id IS NOT NULL,
			coalesce(a.note, '') FROM staff s LEFT JOIN study_attendance a ON a.staff_id = s.id AND a.session_id = ?
			WHERE s.active = 1 OR a.staff_id IS NOT NULL ORDER BY s.ord, s.id`, sessionID)
	})
	return out, err
}

// RollCall records the roll-call of a session: present[staffID] says who
// was there, notes[staffID] an optional word (请假, 公出 …) for someone on
// the roll. It adds to and corrects an earlier roll-call; people not in
// present keep what they had. Administrators only, on or after the day of
// the session.
func (s *Store) RollCall(ctx context.Context, by Session, sessionID int64, present map[int64]bool,
	notes map[int64]string) error {
	if len(present) == 0 {
		return Invalid("present", "请至少为一位工作人员点名。")
	}
	clean := make(map[int64]string, len(notes))
	for id, n := range notes {
		if _, ok := present[id]; !ok {
			return Invalid("notes", "备注只能写给点名名单上的人员。")
		}
		n, err := Text("notes", "点名备注", n, MaxRollNoteRunes, false, false)
		if err != nil {
			return err
		}
		clean[id] = n
	}
	ids := make([]int64, 0, len(present))
	for id := range present {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return s.tx(ctx, "roll call", func(tx *sql.Tx) error {
		actor, err := adminOnly(ctx, tx, by, "学习点名由管理员登记。")
		if err != nil {
			return err
		}
		var day, topic string
		err = tx.QueryRowContext(ctx, `SELECT day, topic FROM study_sessions WHERE id = ?`, sessionID).Scan(&day, &topic)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		now := s.now()
		if day > Day(now) {
			d, _ := ParseDay(day)
			return Invalid("session", "学习活动尚未开始，请在"+d.Format("1月2日")+"当天或之后再点名。").
				keyed("data.study.notYet", map[string]any{"Date": day})
		}
		var here, away []string
		for _, id := range ids {
			var name string
			err := tx.QueryRowContext(ctx, `SELECT name FROM staff WHERE id = ?`, id).Scan(&name)
			if errors.Is(err, sql.ErrNoRows) {
				return Invalid("present", fmt.Sprintf("点名名单中有不存在的工作人员（编号%d），请刷新后重试。", id)).
					keyed("data.study.unknownStaff", map[string]any{"ID": id})
			}
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO study_attendance (session_id, staff_id, present, note)
				VALUES (?, ?, ?, ?) ON CONFLICT (session_id, staff_id) DO UPDATE SET present = excluded.present,
				note = excluded.note`, sessionID, id, boolInt(present[id]), clean[id]); err != nil {
				return err
			}
			if present[id] {
				here = append(here, name)
			} else {
				away = append(away, name)
			}
		}
		detail := "出席：" + strings.Join(here, "、")
		if len(here) == 0 {
			detail = "出席：无"
		}
		if len(away) > 0 {
			detail += "；缺席：" + strings.Join(away, "、")
		}
		return audit(ctx, tx, formatTime(now), actor.StaffID, AuditRollCall, studyTarget(day, topic), detail)
	})
}

// StudyLine is one session in a person's study record.
type StudyLine struct {
	SessionID int64
	Day       string
	Topic     string
	Kind      StudyKind
	KindLabel string
	Present   bool
	Recorded  bool // false: the roll-call does not list them
	Note      string
}

// Mark is the person's mark at the session.
func (l StudyLine) Mark() RollMark { return markOf(l.Recorded, l.Present, l.Note) }

// StudyRecord is one person's study attendance over a period.
type StudyRecord struct {
	StaffID     int64
	Name        string
	Sessions    []StudyLine // sessions held in the period that have a roll-call, oldest first
	Attended    int
	Missed      int // on the roll-call as absent
	Leave       int // of Missed, on leave (请假)
	NotRecorded int // sessions with a roll-call that does not list them
}

// Rate is the attendance rate: sessions attended / sessions held with a
// roll-call in the period (leave and not listed count as not attended).
func (r StudyRecord) Rate() Ratio { return Ratio{N: r.Attended, Of: len(r.Sessions)} }

// StudyRecord is staffID's study attendance for the sessions whose day is
// in [from, to) and that have a roll-call (a session not yet held or not
// yet called counts for nobody).
func (s *Store) StudyRecord(ctx context.Context, staffID int64, from, to time.Time) (StudyRecord, error) {
	first, end := periodDays(from, to)
	r := StudyRecord{StaffID: staffID}
	err := s.read(ctx, "study record", func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT name FROM staff WHERE id = ?`, staffID).Scan(&r.Name)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT s.id, s.day, s.topic, s.kind, coalesce(a.present, 0),
			a.staff_id IS NOT NULL, coalesce(a.note, '')
			FROM study_sessions s LEFT JOIN study_attendance a ON a.session_id = s.id AND a.staff_id = ?
			WHERE s.day >= ? AND s.day < ? AND EXISTS (SELECT 1 FROM study_attendance x WHERE x.session_id = s.id)
			ORDER BY s.day, s.id`, staffID, Day(dayTime(first)), Day(dayTime(end)))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var l StudyLine
			if err := rows.Scan(&l.SessionID, &l.Day, &l.Topic, &l.Kind, &l.Present, &l.Recorded, &l.Note); err != nil {
				return err
			}
			l.KindLabel = l.Kind.Label()
			switch {
			case !l.Recorded:
				r.NotRecorded++
			case l.Present:
				r.Attended++
			default:
				r.Missed++
				if l.Mark() == MarkLeave {
					r.Leave++
				}
			}
			r.Sessions = append(r.Sessions, l)
		}
		return rows.Err()
	})
	if err != nil {
		return StudyRecord{}, err
	}
	return r, nil
}

// StudyRecords is StudyRecord for every active staff member (and anyone
// else on a roll-call in the period), in the staff order.
func (s *Store) StudyRecords(ctx context.Context, from, to time.Time) ([]StudyRecord, error) {
	first, end := periodDays(from, to)
	var ids []int64
	err := s.read(ctx, "study people", func(tx *sql.Tx) error {
		return collect(ctx, tx, &ids, `SELECT s.id FROM staff s WHERE s.active = 1 OR EXISTS (SELECT 1
			FROM study_attendance a JOIN study_sessions x ON x.id = a.session_id
			WHERE a.staff_id = s.id AND x.day >= ? AND x.day < ?) ORDER BY s.ord, s.id`,
			Day(dayTime(first)), Day(dayTime(end)))
	})
	if err != nil {
		return nil, err
	}
	out := make([]StudyRecord, 0, len(ids))
	for _, id := range ids {
		r, err := s.StudyRecord(ctx, id, from, to)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// MonthsWithoutStudy lists the months of year, up to the current one, with
// no monthly study: no session of kind monthly or training (集中学习窗口业务
// 知识, §八1). A session planned later in the current month counts. Months
// after the current one are not listed: they are not over yet.
func (s *Store) MonthsWithoutStudy(ctx context.Context, year int) ([]time.Month, error) {
	now := s.now().In(China)
	last := time.December
	switch {
	case year > now.Year():
		return nil, nil
	case year == now.Year():
		last = now.Month()
	}
	had := map[time.Month]bool{}
	err := s.read(ctx, "study months", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT DISTINCT CAST(substr(day, 6, 2) AS INTEGER), kind FROM study_sessions
			WHERE day >= ? AND day < ?`, fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-01-01", year+1))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m int
			var kind StudyKind
			if err := rows.Scan(&m, &kind); err != nil {
				return err
			}
			if kind.countsAsMonthly() {
				had[time.Month(m)] = true
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	var out []time.Month
	for m := time.January; m <= last; m++ {
		if !had[m] {
			out = append(out, m)
		}
	}
	return out, nil
}
