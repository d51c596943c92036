-- 008: the last day of a 预公开 (pre-disclosure) period.
-- preview_until: 'YYYY-MM-DD' in China time, the last day residents may
-- comment ('' if the preview has no end date). The kiosk stops showing a
-- preview after that day. Like previewed_at it is frozen once the version
-- is published.
ALTER TABLE disclosure_versions ADD COLUMN preview_until TEXT NOT NULL DEFAULT '';

-- @refuse disclosure_versions_preview_until_fixed: published disclosure versions are immutable
BEFORE UPDATE OF preview_until ON disclosure_versions
WHEN OLD.status IN ('published', 'superseded') AND NEW.preview_until IS DISTINCT FROM OLD.preview_until
-- @end
