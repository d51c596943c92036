-- 005: the 预公开 (pre-disclosure) period of a disclosure version.
-- previewed_at: when the version was put on the kiosk for residents' comments
-- ('' if never); like published_at it is part of the record once the
-- version is published, so it is frozen then too.
ALTER TABLE disclosure_versions ADD COLUMN previewed_at TEXT NOT NULL DEFAULT '';

-- @refuse disclosure_versions_previewed_fixed: published disclosure versions are immutable
BEFORE UPDATE OF previewed_at ON disclosure_versions
WHEN OLD.status IN ('published', 'superseded') AND NEW.previewed_at IS DISTINCT FROM OLD.previewed_at
-- @end

-- Comments are read per version (the staff list, the kiosk's count).
CREATE INDEX disclosure_comments_version ON disclosure_comments (version_id, at);

-- The archive is read by disclosure and date (VersionAt).
CREATE INDEX disclosure_versions_published ON disclosure_versions (disclosure_id, status, published_at);
