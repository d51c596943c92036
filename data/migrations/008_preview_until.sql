-- 008: the last day of a 预公开 (pre-disclosure) period.
-- preview_until: 'YYYY-MM-DD' in China time, the last day residents may
-- comment ('' if the preview has no end date). The kiosk stops showing a
-- preview after that day. Like previewed_at it is frozen once the version
-- is published.
ALTER TABLE disclosure_versions ADD COLUMN preview_until TEXT NOT NULL DEFAULT '';

-- @sqlite
CREATE TRIGGER disclosure_versions_preview_until_fixed
BEFORE UPDATE OF preview_until ON disclosure_versions
WHEN OLD.status IN ('published', 'superseded') AND NEW.preview_until IS NOT OLD.preview_until
BEGIN SELECT RAISE(ABORT, 'published disclosure versions are immutable'); END;
-- @postgres
CREATE TRIGGER disclosure_versions_preview_until_fixed
BEFORE UPDATE OF preview_until ON disclosure_versions
FOR EACH ROW WHEN (OLD.status IN ('published', 'superseded') AND NEW.preview_until IS DISTINCT FROM OLD.preview_until)
EXECUTE FUNCTION bianmin_refuse('published disclosure versions are immutable');
-- @end
