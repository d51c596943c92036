-- 010: one-character search. The first key typed (one Latin
-- letter, or one Chinese character) matches thousands of guides; migration
-- 002 found them by reading every trigram instance that starts with it
-- (item_search_terms), 10–20 ms on 10,000 guides. This index answers that
-- from one doclist instead.
--
-- The store writes two keys per item (SearchKeysFor in search.go):
--   search_chars:  every distinct character of search_text, space-separated;
--   search_firsts: every distinct first letter of the pinyin words of the
--                  item's names (what a one-letter query matches).
-- item_chars indexes them with the ascii tokenizer (each non-ASCII
-- character and each ASCII letter or digit between spaces is a token),
-- which column only, no positions (detail=column), kept in step by
-- triggers. Existing items get their keys from the store right after this
-- migration (see postMigrate in store.go).
ALTER TABLE items ADD COLUMN search_chars TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN search_firsts TEXT NOT NULL DEFAULT '';

-- @sqlite
CREATE VIRTUAL TABLE item_chars USING fts5(chars, firsts, content = '', contentless_delete = 1, detail = column,
    tokenize = 'ascii');

CREATE TRIGGER items_chars_insert AFTER INSERT ON items BEGIN
    INSERT INTO item_chars (rowid, chars, firsts) VALUES (new.id, new.search_chars, new.search_firsts);
END;

CREATE TRIGGER items_chars_delete AFTER DELETE ON items BEGIN
    DELETE FROM item_chars WHERE rowid = old.id;
END;

CREATE TRIGGER items_chars_update AFTER UPDATE OF search_chars, search_firsts ON items BEGIN
    DELETE FROM item_chars WHERE rowid = old.id;
    INSERT INTO item_chars (rowid, chars, firsts) VALUES (new.id, new.search_chars, new.search_firsts);
END;
-- @postgres
-- PostgreSQL: trigram GIN indexes over the two keys (pg_trgm).
CREATE INDEX items_search_chars_trgm ON items USING gin (search_chars gin_trgm_ops);
CREATE INDEX items_search_firsts_trgm ON items USING gin (search_firsts gin_trgm_ops);
-- @end

-- A one-character query ranks its matches in tiers (searchTiers in
-- search.go): names that start with it, then names that contain it, then
-- the rest, each in display order. These indexes give each tier in that
-- order, so a tier stops reading at the SearchLimit-th guide instead of
-- ranking thousands: the first character of the name (Chinese) and the
-- first letter of the name's pinyin (Latin), and the display order with
-- what the tiers test.
CREATE INDEX items_search_first ON items (substr(name, 1, 1), ord, id) WHERE active = 1;
CREATE INDEX items_search_initial ON items (substr(initials, 2, 1), ord, id) WHERE active = 1;
CREATE INDEX items_search_order ON items (ord, id, name, initials) WHERE active = 1;
