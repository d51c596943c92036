-- 009: what the retention purge (retention.go) looks for, indexed.
-- PurgeExpired runs at every start; without these it read every closed
-- request (and complaint, and 预公开 comment) to find, most days, nothing.
-- Each index holds only the rows that still carry personal information, in
-- the order of the day they were closed, so "is anything due?" is one seek
-- and a purged row leaves the index. The WHERE clauses and the indexed
-- expression must stay word for word those of the queries in retention.go,
-- or SQLite will not use them.
CREATE INDEX requests_purge_due ON requests (coalesce(nullif(finished_at, ''), created_at))
    WHERE status IN ('finished', 'refused', 'withdrawn') AND purge_after = '';
CREATE INDEX complaints_purge_due ON complaints (closed_at)
    WHERE status = 'closed' AND (contact_name != '' OR contact_phone != '');
CREATE INDEX disclosure_comments_purge_due ON disclosure_comments (at) WHERE contact != '';
