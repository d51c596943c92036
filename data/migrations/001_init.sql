-- 001: the whole schema for the regulation map (assets/regulation/map.md).
-- Later migrations add behaviour; they should rarely need to reshape these tables.
-- Times are RFC 3339 text in UTC unless named *_day (a calendar date 'YYYY-MM-DD'
-- in China time). Booleans are INTEGER 0/1.

-- @postgres
-- What SQLite's RAISE(ABORT, msg) does, for the refusal triggers that
-- migrations.go writes on PostgreSQL: refuse the change with the message
-- given (SQLSTATE P0001).
CREATE FUNCTION bianmin_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0];
END $$;
-- @end

-- §一(一)1,4 and §一(五): the service room itself. Exactly one row, id = 1.
CREATE TABLE center (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    name             TEXT NOT NULL,
    short_name       TEXT NOT NULL DEFAULT '',
    receipt_prefix   TEXT NOT NULL DEFAULT 'BM',   -- letters before receipt numbers
    address          TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL DEFAULT '',
    complaint_phone  TEXT NOT NULL DEFAULT '',
    report_phone     TEXT NOT NULL DEFAULT '',     -- 举报电话 §一(五)
    report_box       TEXT NOT NULL DEFAULT '',     -- 举报箱/意见箱 location
    organisation     TEXT NOT NULL DEFAULT '',     -- 机构设置、工作职责、工作权限 §一(一)1
    remedy           TEXT NOT NULL DEFAULT '',     -- 行政复议/行政诉讼 wording for refusals
    public_base_url  TEXT NOT NULL DEFAULT '',     -- phone status page base URL
    complaint_days   INTEGER NOT NULL DEFAULT 10,  -- complaint time limit, working days
    idle_seconds     INTEGER NOT NULL DEFAULT 90,
    sample           INTEGER NOT NULL DEFAULT 0
);

-- Office hours: one row per opening session (e.g. Mon 08:30-12:00, Mon 14:00-17:30).
CREATE TABLE office_hours (
    id       INTEGER PRIMARY KEY,
    weekday  INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6), -- 0 = Sunday, as Go's time.Weekday
    opens    TEXT NOT NULL,   -- 'HH:MM'
    closes   TEXT NOT NULL,
    CHECK (opens < closes)
);

-- Holidays and swapped working days (调休). kind: 'holiday' (off) or 'workday' (on).
CREATE TABLE calendar_days (
    day   TEXT PRIMARY KEY,
    kind  TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name  TEXT NOT NULL DEFAULT ''
);

-- 窗口
CREATE TABLE windows (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE,     -- short stable key: '1', '2', 'A' …
    name    TEXT NOT NULL,
    duties  TEXT NOT NULL DEFAULT '',
    ord     INTEGER NOT NULL DEFAULT 0
);

-- Staff §一(一)1, §三1 (A/B), roles and PIN (argon2id hash, empty = not set).
CREATE TABLE staff (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    photo       BLOB,
    post        TEXT NOT NULL DEFAULT '',      -- 职务
    duties      TEXT NOT NULL DEFAULT '',      -- 岗位职责
    window_id   INTEGER REFERENCES windows(id) ON DELETE SET NULL,
    ab          TEXT NOT NULL DEFAULT '' CHECK (ab IN ('', 'A', 'B')),
    role        TEXT NOT NULL DEFAULT 'staff' CHECK (role IN ('staff', 'admin')),
    pin_hash    TEXT NOT NULL DEFAULT '',
    active      INTEGER NOT NULL DEFAULT 1,
    ord         INTEGER NOT NULL DEFAULT 0,
    sample      INTEGER NOT NULL DEFAULT 0
);

-- Failed PINs and lockouts (a staff PIN locks after repeated failures).
CREATE TABLE staff_lockouts (
    staff_id      INTEGER PRIMARY KEY REFERENCES staff(id) ON DELETE CASCADE,
    failures      INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT NOT NULL DEFAULT ''
);

-- 签到/签退 §三1
CREATE TABLE attendance (
    id         INTEGER PRIMARY KEY,
    staff_id   INTEGER NOT NULL REFERENCES staff(id),
    day        TEXT NOT NULL,
    sign_in    TEXT NOT NULL DEFAULT '',
    sign_out   TEXT NOT NULL DEFAULT '',
    UNIQUE (staff_id, day)
);

-- 去向 §四2: the latest row per staff member is where they are.
CREATE TABLE whereabouts (
    id              INTEGER PRIMARY KEY,
    staff_id        INTEGER NOT NULL REFERENCES staff(id),
    status          TEXT NOT NULL CHECK (status IN ('on_duty', 'out', 'village', 'leave')),
    note            TEXT NOT NULL DEFAULT '',
    expected_return TEXT NOT NULL DEFAULT '',
    at              TEXT NOT NULL
);
CREATE INDEX whereabouts_staff ON whereabouts (staff_id, at);

-- 办事指南 §一(一)3, §六1: every guide field.
CREATE TABLE items (
    id               INTEGER PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    category         TEXT NOT NULL,
    keywords         TEXT NOT NULL DEFAULT '',   -- other names people use: 低保, 医保 …
    summary          TEXT NOT NULL DEFAULT '',
    basis            TEXT NOT NULL DEFAULT '',   -- 政策依据
    conditions       TEXT NOT NULL DEFAULT '',   -- 申报条件
    procedure        TEXT NOT NULL DEFAULT '',   -- 办事程序, one step per line
    promised_days    INTEGER NOT NULL DEFAULT 0, -- 承诺期限, working days (0 = on the spot)
    legal_days       INTEGER NOT NULL DEFAULT 0, -- 法定期限, working days
    fee              TEXT NOT NULL DEFAULT '',   -- 收费标准
    fee_basis        TEXT NOT NULL DEFAULT '',
    special_steps    TEXT NOT NULL DEFAULT '',   -- 特别程序 (公示, 实地核查 …)
    special_counts   INTEGER NOT NULL DEFAULT 0, -- do special steps count toward the time limit?
    trips            INTEGER NOT NULL DEFAULT 1, -- 到办事现场次数
    mode             TEXT NOT NULL DEFAULT 'promise'
                     CHECK (mode IN ('direct', 'promise', 'joint', 'upper', 'assist', 'proxy')),
    upper_department TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL DEFAULT '',
    result           TEXT NOT NULL DEFAULT '',   -- 办理结果 (what the resident receives)
    no_id            INTEGER NOT NULL DEFAULT 0, -- registration does not ask for the ID number
    ord              INTEGER NOT NULL DEFAULT 0,
    active           INTEGER NOT NULL DEFAULT 1,
    sample           INTEGER NOT NULL DEFAULT 0,
    version          INTEGER NOT NULL DEFAULT 1,
    -- search keys, written by the store from the fields above
    search_text      TEXT NOT NULL DEFAULT '',
    pinyin           TEXT NOT NULL DEFAULT '',   -- full pinyin of the name, no spaces
    initials         TEXT NOT NULL DEFAULT ''    -- pinyin initials of name and keywords, space-separated
);
CREATE INDEX items_category ON items (category, ord, id);

-- Lead and joint windows of an item.
CREATE TABLE item_windows (
    item_id    INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    window_id  INTEGER NOT NULL REFERENCES windows(id),
    role       TEXT NOT NULL CHECK (role IN ('lead', 'joint')),
    PRIMARY KEY (item_id, window_id)
);

-- 申报材料
CREATE TABLE materials (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    name        TEXT NOT NULL,
    required    INTEGER NOT NULL DEFAULT 1,
    form        TEXT NOT NULL DEFAULT 'original'
                CHECK (form IN ('original', 'copy', 'both', 'electronic')),
    copies      INTEGER NOT NULL DEFAULT 1,
    note        TEXT NOT NULL DEFAULT '',
    sample_name TEXT NOT NULL DEFAULT '',      -- 样表 file name
    sample_data BLOB,
    UNIQUE (item_id, ord)
);

-- Typed intake fields (like an Open311 service definition's attributes).
CREATE TABLE item_fields (
    id        INTEGER PRIMARY KEY,
    item_id   INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    ord       INTEGER NOT NULL,
    key       TEXT NOT NULL,
    label     TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('text', 'number', 'date', 'single', 'multi')),
    required  INTEGER NOT NULL DEFAULT 0,
    options   TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings for single/multi
    help      TEXT NOT NULL DEFAULT '',
    UNIQUE (item_id, key),
    UNIQUE (item_id, ord)
);

-- The guide as it stood at each version (a request records the version in force).
CREATE TABLE item_versions (
    item_id   INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    version   INTEGER NOT NULL,
    snapshot  TEXT NOT NULL,       -- the item as JSON (catalog format)
    at        TEXT NOT NULL,
    PRIMARY KEY (item_id, version)
);

-- 政务公开 §一. category: org, rules, guide, complaint, other (public) and
-- integrity, appraisal, internal (对内公开). cadence: regular 定期, phased 逐段, adhoc 随时.
CREATE TABLE disclosures (
    id        INTEGER PRIMARY KEY,
    code      TEXT NOT NULL UNIQUE,
    category  TEXT NOT NULL CHECK (category IN
              ('org', 'rules', 'guide', 'complaint', 'other', 'integrity', 'appraisal', 'internal')),
    audience  TEXT NOT NULL CHECK (audience IN ('public', 'internal')),
    cadence   TEXT NOT NULL DEFAULT 'adhoc' CHECK (cadence IN ('regular', 'phased', 'adhoc')),
    ord       INTEGER NOT NULL DEFAULT 0,
    sample    INTEGER NOT NULL DEFAULT 0,
    CHECK ((category IN ('integrity', 'appraisal', 'internal')) = (audience = 'internal'))
);

-- Versions: draft → preview (预公开) → published → superseded. Once published,
-- title, body, time and publisher never change (§一(五) 存档).
CREATE TABLE disclosure_versions (
    id             INTEGER PRIMARY KEY,
    disclosure_id  INTEGER NOT NULL REFERENCES disclosures(id) ON DELETE RESTRICT,
    version        INTEGER NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('draft', 'preview', 'published', 'superseded')),
    title          TEXT NOT NULL,
    body           TEXT NOT NULL,
    published_at   TEXT NOT NULL DEFAULT '',
    publisher      TEXT NOT NULL DEFAULT '',
    UNIQUE (disclosure_id, version)
);
-- A published version is the record: its text, its place and its status
-- are fixed, and it is kept. (UPDATE OF fires when a column is named in
-- SET, on both engines.)
-- @refuse disclosure_versions_immutable: published disclosure versions are immutable
BEFORE UPDATE OF title, body, published_at, publisher, disclosure_id, version ON disclosure_versions
WHEN OLD.status IN ('published', 'superseded')
-- @end
-- @refuse disclosure_versions_no_unpublish: published disclosure versions are immutable
BEFORE UPDATE OF status ON disclosure_versions
WHEN OLD.status IN ('published', 'superseded') AND NEW.status NOT IN ('published', 'superseded')
-- @end
-- @refuse disclosure_versions_keep: published disclosure versions are kept
BEFORE DELETE ON disclosure_versions
WHEN OLD.status IN ('published', 'superseded')
-- @end

-- 预公开 opinions from residents.
CREATE TABLE disclosure_comments (
    id          INTEGER PRIMARY KEY,
    version_id  INTEGER NOT NULL REFERENCES disclosure_versions(id),
    body        TEXT NOT NULL,
    contact     TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL
);

-- Receipt number sequence per day.
CREATE TABLE receipt_counters (
    day  TEXT PRIMARY KEY,
    seq  INTEGER NOT NULL
);

-- 代为办理 batches to one upper department.
CREATE TABLE proxy_batches (
    id          INTEGER PRIMARY KEY,
    department  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    staff_id    INTEGER REFERENCES staff(id),
    sent_day    TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT ''
);

-- Requests (办件). status: submitted, accepted, waiting (补正), escalated (上报),
-- joint, finished, refused, withdrawn.
CREATE TABLE requests (
    id                INTEGER PRIMARY KEY,
    receipt_no        TEXT NOT NULL UNIQUE,
    query_code        TEXT NOT NULL,
    token             TEXT NOT NULL UNIQUE,
    item_id           INTEGER NOT NULL REFERENCES items(id),
    item_version      INTEGER NOT NULL,
    channel           TEXT NOT NULL CHECK (channel IN ('kiosk', 'window', 'phone')),
    status            TEXT NOT NULL,
    mode              TEXT NOT NULL,
    applicant_name    TEXT NOT NULL,
    applicant_phone   TEXT NOT NULL DEFAULT '',
    applicant_id      TEXT NOT NULL DEFAULT '',
    description       TEXT NOT NULL DEFAULT '',
    fields            TEXT NOT NULL DEFAULT '{}',   -- JSON: intake field key → value
    brought           TEXT NOT NULL DEFAULT '[]',   -- JSON: material ids brought
    needs_help        INTEGER NOT NULL DEFAULT 0,   -- 协助办理
    proxy             INTEGER NOT NULL DEFAULT 0,   -- 代为办理
    consent_at        TEXT NOT NULL DEFAULT '',
    window_id         INTEGER REFERENCES windows(id),
    owner_id          INTEGER REFERENCES staff(id),        -- current owner
    first_owner_id    INTEGER REFERENCES staff(id),        -- 首问/首办责任人, never changes once set
    created_at        TEXT NOT NULL,
    accepted_at       TEXT NOT NULL DEFAULT '',
    clock_start_day   TEXT NOT NULL DEFAULT '',
    due_day           TEXT NOT NULL DEFAULT '',
    finished_at       TEXT NOT NULL DEFAULT '',
    result            TEXT NOT NULL DEFAULT '',
    reply_method      TEXT NOT NULL DEFAULT '',
    upper_department  TEXT NOT NULL DEFAULT '',
    upper_sent_day    TEXT NOT NULL DEFAULT '',
    upper_expected_day TEXT NOT NULL DEFAULT '',
    batch_id          INTEGER REFERENCES proxy_batches(id),
    purge_after       TEXT NOT NULL DEFAULT ''      -- when personal data is erased (README: retention)
);
CREATE INDEX requests_queue ON requests (status, due_day, id);
CREATE INDEX requests_owner ON requests (owner_id, status, due_day);
CREATE INDEX requests_window ON requests (window_id, status, due_day);
CREATE INDEX requests_item ON requests (item_id, status, due_day);
CREATE INDEX requests_created ON requests (created_at);
-- @refuse requests_first_owner_fixed: first owner never changes
BEFORE UPDATE OF first_owner_id ON requests
WHEN OLD.first_owner_id IS NOT NULL AND NEW.first_owner_id IS DISTINCT FROM OLD.first_owner_id
-- @end

-- Append-only timeline §十2. public = shown to the resident.
CREATE TABLE request_events (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests(id),
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    staff_id    INTEGER REFERENCES staff(id),
    window_id   INTEGER REFERENCES windows(id),
    public      INTEGER NOT NULL DEFAULT 1,
    note        TEXT NOT NULL DEFAULT '',
    data        TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX request_events_request ON request_events (request_id, id);
-- @append-only request_events: request events are append-only

-- 联合办理: each participating window's part.
CREATE TABLE request_parts (
    request_id  INTEGER NOT NULL REFERENCES requests(id),
    window_id   INTEGER NOT NULL REFERENCES windows(id),
    role        TEXT NOT NULL CHECK (role IN ('lead', 'joint')),
    done_at     TEXT NOT NULL DEFAULT '',
    staff_id    INTEGER REFERENCES staff(id),
    note        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (request_id, window_id)
);

-- 补正 §六2: one notice lists every missing material; a later one needs a reason.
CREATE TABLE supplements (
    id            INTEGER PRIMARY KEY,
    request_id    INTEGER NOT NULL REFERENCES requests(id),
    at            TEXT NOT NULL,
    staff_id      INTEGER REFERENCES staff(id),
    materials     TEXT NOT NULL,              -- JSON array of material ids
    note          TEXT NOT NULL DEFAULT '',
    second_reason TEXT NOT NULL DEFAULT '',   -- non-empty on a breach of 一次性告知
    complete_day  TEXT NOT NULL DEFAULT ''
);

-- Clock pauses and extensions (written reason, restart day).
CREATE TABLE clock_pauses (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests(id),
    from_day    TEXT NOT NULL,
    to_day      TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL,
    staff_id    INTEGER REFERENCES staff(id)
);

-- Common refusal reasons kept by administrators.
CREATE TABLE refusal_reasons (
    id    INTEGER PRIMARY KEY,
    text  TEXT NOT NULL UNIQUE,
    ord   INTEGER NOT NULL DEFAULT 0
);

-- 投诉 §十. about: request, window, staff, other.
CREATE TABLE complaints (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,      -- readable number
    query_code    TEXT NOT NULL,
    token         TEXT NOT NULL UNIQUE,
    channel       TEXT NOT NULL CHECK (channel IN ('kiosk', 'phone', 'box', 'window')),
    about         TEXT NOT NULL CHECK (about IN ('request', 'window', 'staff', 'other')),
    request_id    INTEGER REFERENCES requests(id),
    window_id     INTEGER REFERENCES windows(id),
    staff_id      INTEGER REFERENCES staff(id),
    body          TEXT NOT NULL,
    contact_name  TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'investigating', 'answered', 'closed')),
    handler_id    INTEGER REFERENCES staff(id),
    investigation TEXT NOT NULL DEFAULT '',
    result        TEXT NOT NULL DEFAULT '',
    substantiated INTEGER,                   -- NULL = not decided
    reply         TEXT NOT NULL DEFAULT '',
    due_day       TEXT NOT NULL DEFAULT '',
    published     INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    closed_at     TEXT NOT NULL DEFAULT ''
);

-- 好差评: one per request.
CREATE TABLE ratings (
    id              INTEGER PRIMARY KEY,
    request_id      INTEGER NOT NULL UNIQUE REFERENCES requests(id),
    level           INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5), -- 5 非常满意 … 1 非常不满意
    reason          TEXT NOT NULL DEFAULT '',
    at              TEXT NOT NULL,
    follow_up       TEXT NOT NULL DEFAULT '',
    follow_up_at    TEXT NOT NULL DEFAULT '',
    follow_up_staff INTEGER REFERENCES staff(id)
);

-- 学习教育 §八
CREATE TABLE study_sessions (
    id     INTEGER PRIMARY KEY,
    day    TEXT NOT NULL,
    topic  TEXT NOT NULL,
    kind   TEXT NOT NULL CHECK (kind IN ('monthly', 'training', 'ethics', 'window')),
    note   TEXT NOT NULL DEFAULT ''
);
CREATE TABLE study_attendance (
    session_id  INTEGER NOT NULL REFERENCES study_sessions(id) ON DELETE CASCADE,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    present     INTEGER NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (session_id, staff_id)
);

-- 责任追究 §九
CREATE TABLE accountability (
    id            INTEGER PRIMARY KEY,
    staff_id      INTEGER NOT NULL REFERENCES staff(id),
    complaint_id  INTEGER REFERENCES complaints(id),
    request_id    INTEGER REFERENCES requests(id),
    kind          TEXT NOT NULL,        -- criticism, written_check, rectify, discipline
    note          TEXT NOT NULL,
    deadline_day  TEXT NOT NULL DEFAULT '',
    outcome       TEXT NOT NULL DEFAULT '',
    at            TEXT NOT NULL
);

-- Audit log: append-only.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    staff_id  INTEGER REFERENCES staff(id),
    action    TEXT NOT NULL,
    target    TEXT NOT NULL DEFAULT '',
    detail    TEXT NOT NULL DEFAULT ''
);
-- @append-only audit_log: audit log is append-only

-- Settings that are not part of the center profile (printer queue, …).
CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
