-- 011: the search indexes brought up to date once per bulk write instead
-- of once per item.
--
-- FTS5 writes what an index holds in memory to a new segment at every
-- statement savepoint, so an import that wrote an item and then its
-- materials made a segment per item and per index, and merging them took
-- two thirds of the time of a large import. While search_defer has a row
-- (only ever inside the transaction of a bulk write: catalog import sets
-- it and clears it before committing), the triggers of migrations 002 and
-- 010 stand aside and the items changed are noted in search_pending, with
-- the values they were indexed with; the bulk write then indexes them all
-- in four statements (flushSearch in catalog_import.go).
CREATE TABLE search_defer (id INTEGER PRIMARY KEY CHECK (id = 1));
CREATE TABLE search_pending (
    id        INTEGER PRIMARY KEY,  -- the item
    indexed   INTEGER NOT NULL,     -- 1: in the indexes with the values below
    text      TEXT,
    pinyin    TEXT,
    initials  TEXT
);

-- On PostgreSQL the trigram indexes keep themselves; there are no
-- triggers to set aside (search_defer and search_pending exist, unused).
-- @sqlite
DROP TRIGGER items_search_insert;
DROP TRIGGER items_search_delete;
DROP TRIGGER items_search_update;
DROP TRIGGER items_chars_insert;
DROP TRIGGER items_chars_delete;
DROP TRIGGER items_chars_update;

CREATE TRIGGER items_search_insert AFTER INSERT ON items WHEN NOT EXISTS (SELECT 1 FROM search_defer) BEGIN
    INSERT INTO item_search (rowid, text, pinyin, initials)
        VALUES (new.id, new.search_text || '  ', new.pinyin || '  ', new.initials || '  ');
    INSERT INTO item_chars (rowid, chars, firsts) VALUES (new.id, new.search_chars, new.search_firsts);
END;

CREATE TRIGGER items_search_delete AFTER DELETE ON items WHEN NOT EXISTS (SELECT 1 FROM search_defer) BEGIN
    INSERT INTO item_search (item_search, rowid, text, pinyin, initials)
        VALUES ('delete', old.id, old.search_text || '  ', old.pinyin || '  ', old.initials || '  ');
    DELETE FROM item_chars WHERE rowid = old.id;
END;

CREATE TRIGGER items_search_update AFTER UPDATE OF search_text, pinyin, initials ON items
WHEN NOT EXISTS (SELECT 1 FROM search_defer) BEGIN
    INSERT INTO item_search (item_search, rowid, text, pinyin, initials)
        VALUES ('delete', old.id, old.search_text || '  ', old.pinyin || '  ', old.initials || '  ');
    INSERT INTO item_search (rowid, text, pinyin, initials)
        VALUES (new.id, new.search_text || '  ', new.pinyin || '  ', new.initials || '  ');
END;

CREATE TRIGGER items_chars_update AFTER UPDATE OF search_chars, search_firsts ON items
WHEN NOT EXISTS (SELECT 1 FROM search_defer) BEGIN
    DELETE FROM item_chars WHERE rowid = old.id;
    INSERT INTO item_chars (rowid, chars, firsts) VALUES (new.id, new.search_chars, new.search_firsts);
END;

CREATE TRIGGER items_search_defer_insert AFTER INSERT ON items WHEN EXISTS (SELECT 1 FROM search_defer) BEGIN
    INSERT OR IGNORE INTO search_pending (id, indexed) VALUES (new.id, 0);
END;

CREATE TRIGGER items_search_defer_update AFTER UPDATE OF search_text, pinyin, initials, search_chars, search_firsts
ON items WHEN EXISTS (SELECT 1 FROM search_defer) BEGIN
    INSERT OR IGNORE INTO search_pending (id, indexed, text, pinyin, initials)
        VALUES (old.id, 1, old.search_text, old.pinyin, old.initials);
END;

CREATE TRIGGER items_search_defer_delete AFTER DELETE ON items WHEN EXISTS (SELECT 1 FROM search_defer) BEGIN
    INSERT OR IGNORE INTO search_pending (id, indexed, text, pinyin, initials)
        VALUES (old.id, 1, old.search_text, old.pinyin, old.initials);
END;
-- @end
