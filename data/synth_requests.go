package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

// Parts of synthetic names: common surnames and given-name characters.
var (
	synthSurnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
	synthGiven    = []rune("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英建华文辉力玉兰红梅志强金凤春梅海燕建国建军淑珍秀珍玉珍凤英")
	synthNotes    = []string{"", "", "", "家中老人行动不便，希望尽快办理", "材料已按一次性告知单准备", "请电话联系", "上午来过一次，窗口人多"}
	synthRegions  = []string{"610202", "610203", "610204", "610222", "610102", "610103"} // 铜川、西安的区县代码
)

// SynthRequests are the proportions of statuses synthetic requests end in:
// most are finished, some in progress, a few waiting for materials or
// refused, as in a real service room's book.
var synthStatuses = []struct {
	status Status
	weight int
}{
	{StatusFinished, 55}, {StatusAccepted, 15}, {StatusSubmitted, 10}, {StatusWaiting, 8},
	{StatusEscalated, 7}, {StatusRefused, 5},
}

// AddSynthRequests adds n realistic requests for benchmarks, screenshots and
// trying staff mode: spread over the active items, the last 120 days (on
// working days, in office hours) and the three channels, with valid-looking
// but fictitious names, mobiles and ID numbers, each with a consistent
// timeline. They are written directly, on one connection set up for bulk
// writes (see bulk), oldest first, as a service room's book fills (see
// synthTimes). On SQLite, into a data file holding no more requests than
// n, they are written in one transaction with the indexes of requests
// built at its end (deferIndexes) and the receipt counters kept in memory
// (receiptSeqs): 100,000 in 7.2 s of CPU instead of 12.7 from the command
// line, 10,000 in 0.66 instead of 1.16. Otherwise they are written in
// batches of synthRequestBatchSize per transaction.
func (s *Store) AddSynthRequests(ctx context.Context, n int, seed uint64) (int, error) {
	var items []requestItem
	// The lead window is written with the row, as Register does, so that
	// migration 003's fallback trigger has nothing to update.
	rows, err := s.db.QueryContext(ctx, `SELECT id, version, mode, promised_days, (SELECT window_id FROM item_windows
		WHERE item_id = items.id AND role = 'lead' LIMIT 1) FROM items WHERE active = 1 ORDER BY id`)
	if err != nil {
		return 0, mapErr("synth requests", err)
	}
	for rows.Next() {
		var it requestItem
		if err := rows.Scan(&it.id, &it.version, &it.mode, &it.days, &it.window); err != nil {
			rows.Close()
			return 0, mapErr("synth requests", err)
		}
		items = append(items, it)
	}
	rows.Close()
	if len(items) == 0 {
		return 0, Invalid("items", "请先导入事项目录，再生成演示办件。")
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return 0, err
	}
	var staff []int64
	if err := collectDB(ctx, s.db, &staff, `SELECT id FROM staff WHERE active = 1 ORDER BY id`); err != nil {
		return 0, err
	}
	c, err := s.Center(ctx)
	if err != nil {
		return 0, err
	}
	r := rand.New(rand.NewPCG(seed, 0x6d696e))
	now := s.now()
	times := newSynthTimes(r, cal, now, n)
	total := 0
	err = s.bulk(ctx, "synth requests", synthCacheKiB, true, func(conn *sql.Conn) error {
		if s.engine == SQLite {
			var have int
			if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM requests`).Scan(&have); err != nil {
				return err
			}
			if n >= have {
				// One transaction: indexes dropped, rows written, indexes
				// made again (see deferIndexes), or nothing at all.
				return runTx(ctx, conn, "synth requests", func(t *sql.Tx) error {
					rebuild, err := deferIndexes(ctx, t, "requests")
					if err != nil {
						return err
					}
					tx := newStmtCache(t)
					defer tx.Close()
					seqs := &receiptSeqs{held: true, seq: map[string]int{}}
					if err := synthRequestBatch(ctx, tx, seqs, r, times, n, items, staff, cal, c, now); err != nil {
						return err
					}
					if err := seqs.flush(ctx, tx); err != nil {
						return err
					}
					tx.Close() // no statement on requests open while its indexes are made
					if err := rebuild(); err != nil {
						return err
					}
					total = n
					return nil
				})
			}
		}
		for total < n {
			batch := min(synthRequestBatchSize, n-total)
			if err := runTx(ctx, conn, "synth requests", func(t *sql.Tx) error {
				tx := newStmtCache(t)
				defer tx.Close()
				return synthRequestBatch(ctx, tx, &receiptSeqs{}, r, times, batch, items, staff, cal, c, now)
			}); err != nil {
				return err
			}
			total += batch
		}
		return nil
	})
	return total, err
}

// synthRequestBatchSize is how many synthetic requests one transaction
// writes. Rows land all over the dozen indexes of requests, so a commit
// writes (to the WAL, then the checkpoint to the file) nearly one page per
// row and index while the batch is small: at 1,000 rows per commit most of
// the time went into writing pages. 10,000 rows share most pages and still
// fit the bulk connection's page cache (bulkCacheKiB) dirty.
const synthRequestBatchSize = 10_000

// synthTimes hands out the creation times of synthetic requests oldest
// first: how many fall on each working day of the last 120 is drawn at the
// start, and a day's times are made and sorted when it is reached, so only
// one day's are held. In that order a request's id, receipt number,
// creation time and due day grow together, as in a real book, and most
// indexes of requests are appended to at a few places instead of written
// all over: drawn in random order, 100,000 requests took 13 times as long
// as 10,000, each row's index lookups missing the CPU's caches.
type synthTimes struct {
	r       *rand.Rand
	now     time.Time
	days    []time.Time // the working days, oldest first
	counts  []int       // requests per day
	day     int         // the next day to make times for
	pending []time.Time // the current day's times
	at      int         // the next of pending to hand out
}

func newSynthTimes(r *rand.Rand, cal *Calendar, now time.Time, n int) *synthTimes {
	t := &synthTimes{r: r, now: now}
	for back := 119; back >= 0; back-- {
		if d := now.AddDate(0, 0, -back); cal.IsWorkday(d) {
			t.days = append(t.days, d)
		}
	}
	if len(t.days) == 0 { // a calendar with no working day: any day
		for back := 119; back >= 0; back-- {
			t.days = append(t.days, now.AddDate(0, 0, -back))
		}
	}
	t.counts = make([]int, len(t.days))
	for range n {
		t.counts[r.IntN(len(t.days))]++
	}
	return t
}

// next is the next creation time: a working day's office hours, never
// after now.
func (t *synthTimes) next() time.Time {
	for t.at == len(t.pending) {
		d, r := t.days[t.day], t.r
		t.pending, t.at = t.pending[:0], 0
		for range t.counts[t.day] {
			created := time.Date(d.Year(), d.Month(), d.Day(), 8+r.IntN(9), r.IntN(60), r.IntN(60), 0, China)
			if created.After(t.now) {
				created = t.now.Add(-time.Duration(r.IntN(3600)) * time.Second)
			}
			t.pending = append(t.pending, created)
		}
		slices.SortFunc(t.pending, time.Time.Compare)
		t.day++
	}
	t.at++
	return t.pending[t.at-1]
}

// requestItem is what a synthetic request needs of its item.
type requestItem struct {
	id      int64
	version int
	mode    Mode
	days    int
	window  sql.NullInt64
}

// receiptSeqs hands out the receipt numbers' sequence numbers of synthetic
// requests. With held false each is counted in receipt_counters at once, as
// Register does. With held true the transaction holds SQLite's write lock
// (it has written: deferIndexes) and no one else can take a number until
// it ends: the counters are read once a day and kept here, and written back
// by flush, a statement per day instead of one per request (that statement
// was a seventh of the time of 100,000 synth requests).
type receiptSeqs struct {
	held bool
	seq  map[string]int // day → the last number handed out
}

func (q *receiptSeqs) next(ctx context.Context, tx queryer, day string) (int, error) {
	var seq int
	if !q.held {
		err := tx.QueryRowContext(ctx, `INSERT INTO receipt_counters (day, seq) VALUES (?, 1)
			ON CONFLICT (day) DO UPDATE SET seq = receipt_counters.seq + 1 RETURNING seq`, day).Scan(&seq)
		return seq, err
	}
	seq, ok := q.seq[day]
	if !ok {
		err := tx.QueryRowContext(ctx, `SELECT seq FROM receipt_counters WHERE day = ?`, day).Scan(&seq)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
	}
	seq++
	q.seq[day] = seq
	return seq, nil
}

// flush writes the counters kept (held) back to receipt_counters.
func (q *receiptSeqs) flush(ctx context.Context, tx queryer) error {
	for day, seq := range q.seq {
		if _, err := tx.ExecContext(ctx, `INSERT INTO receipt_counters (day, seq) VALUES (?, ?)
			ON CONFLICT (day) DO UPDATE SET seq = excluded.seq`, day, seq); err != nil {
			return err
		}
	}
	clear(q.seq)
	return nil
}

// synthRequestBatch writes batch synthetic requests in tx.
func synthRequestBatch(ctx context.Context, tx *stmtCache, seqs *receiptSeqs, r *rand.Rand, times *synthTimes, batch int,
	items []requestItem, staff []int64, cal *Calendar, c Center, now time.Time) error {
	for i := 0; i < batch; i++ {
		it := items[r.IntN(len(items))]
		created := times.next()
		seq, err := seqs.next(ctx, tx, Day(created))
		if err != nil {
			return err
		}
		status := pickStatus(r)
		channel := []Channel{ChannelKiosk, ChannelKiosk, ChannelWindow, ChannelWindow, ChannelWindow, ChannelPhone}[r.IntN(6)]
		name := string(synthSurnames[r.IntN(len(synthSurnames))]) + string(synthGiven[r.IntN(len(synthGiven))])
		if r.IntN(2) == 0 {
			name += string(synthGiven[r.IntN(len(synthGiven))])
		}
		var owner any
		if len(staff) > 0 && (status != StatusSubmitted || channel == ChannelWindow) {
			owner = staff[r.IntN(len(staff))]
		}
		accepted, due, finished := "", "", ""
		at := created
		if status != StatusSubmitted && status != StatusRefused {
			at = created.Add(time.Duration(5+r.IntN(120)) * time.Minute)
			accepted = formatTime(at)
			due = Day(cal.AddWorkdays(at, it.days))
		}
		if status == StatusFinished {
			end := cal.AddWorkdays(at, r.IntN(it.days+1))
			finished = formatTime(time.Date(end.Year(), end.Month(), end.Day(), 9+r.IntN(8), r.IntN(60), 0, 0, China))
			if parseTime(finished).After(now) {
				finished = formatTime(now)
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO requests (receipt_no, query_code, token, item_id,
					item_version, channel, status, mode, applicant_name, applicant_phone, applicant_id, description,
					needs_help, proxy, consent_at, owner_id, first_owner_id, created_at, accepted_at, clock_start_day,
					due_day, finished_at, result, window_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			FormatReceiptNo(c.ReceiptPrefix, created, seq), NewQueryCode(), NewToken(), it.id, it.version,
			string(channel), string(status), string(it.mode), name, synthPhone(r), synthID(r, now),
			synthNotes[r.IntN(len(synthNotes))], boolInt(r.IntN(10) == 0), boolInt(it.mode == ModeProxy),
			formatTime(created), owner, owner, formatTime(created), accepted, Day(at), due, finished,
			map[bool]string{true: "已办结，结果已告知申请人", false: ""}[status == StatusFinished], it.window)
		if err != nil {
			return err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		if err := synthTimeline(ctx, tx, r, id, status, created, accepted, finished, owner); err != nil {
			return err
		}
	}
	return nil
}

func pickStatus(r *rand.Rand) Status {
	sum := 0
	for _, s := range synthStatuses {
		sum += s.weight
	}
	x := r.IntN(sum)
	for _, s := range synthStatuses {
		if x < s.weight {
			return s.status
		}
		x -= s.weight
	}
	return StatusFinished
}

func synthTimeline(ctx context.Context, tx queryer, r *rand.Rand, id int64, status Status, created time.Time,
	accepted, finished string, owner any) error {
	if err := addEvent(ctx, tx, id, formatTime(created), EventSubmitted, nil, nil, true, "登记申请"); err != nil {
		return err
	}
	switch status {
	case StatusRefused:
		return addEvent(ctx, tx, id, formatTime(created.Add(30*time.Minute)), EventRefused, owner, nil, true,
			"不符合申报条件，已出具不予受理通知书")
	case StatusSubmitted:
		return nil
	}
	if err := addEvent(ctx, tx, id, accepted, EventAccepted, owner, nil, true, ""); err != nil {
		return err
	}
	switch status {
	case StatusWaiting:
		ids, err := json.Marshal([]int64{})
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO supplements (request_id, at, staff_id, materials, note)
			VALUES (?, ?, ?, ?, ?)`, id, accepted, owner, string(ids), "请补充近三个月收入证明"); err != nil {
			return err
		}
		return addEvent(ctx, tx, id, accepted, EventSupplement, owner, nil, true, "请补充近三个月收入证明")
	case StatusEscalated:
		return addEvent(ctx, tx, id, accepted, EventEscalated, owner, nil, true, "已报送区级主管部门")
	case StatusFinished:
		return addEvent(ctx, tx, id, finished, EventFinished, owner, nil, true, "结果已电话告知申请人")
	}
	return nil
}

func synthPhone(r *rand.Rand) string {
	prefixes := []string{"133", "135", "138", "139", "150", "158", "177", "186", "189", "199"}
	return fmt.Sprintf("%s%08d", prefixes[r.IntN(len(prefixes))], r.IntN(100000000))
}

// synthID makes a well-formed ID number (right region, real birth date,
// right check digit) for a person aged 18 to 90.
func synthID(r *rand.Rand, now time.Time) string {
	birth := now.AddDate(-18-r.IntN(72), 0, -r.IntN(365))
	first17 := fmt.Sprintf("%s%s%03d", synthRegions[r.IntN(len(synthRegions))], birth.Format("20060102"), r.IntN(1000))
	return first17 + string(IDCheckChar(first17))
}
