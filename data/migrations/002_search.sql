-- Guide search index (fast enough for search as you type): an FTS5 table with the trigram
-- tokenizer over the search keys the store writes into items (search_text,
-- pinyin, initials), kept in step by triggers. See searchSQL in search.go.
--
-- Contentless (content=''): the text stays in items, the index holds only
-- trigrams. A row is removed with the 'delete' command and the exact values
-- it was indexed with, which the triggers have in old.*.
--
-- Every value is indexed with two trailing spaces, so that every character
-- of the text begins a trigram: a query of one or two characters (低保, 医保)
-- is then found as a prefix of the trigrams in item_search_terms (fts5vocab)
-- instead of by scanning every row; three characters or more use MATCH.
-- @sqlite
CREATE VIRTUAL TABLE item_search USING fts5(text, pinyin, initials, content = '', tokenize = 'trigram');
CREATE VIRTUAL TABLE item_search_terms USING fts5vocab(item_search, 'instance');

INSERT INTO item_search (rowid, text, pinyin, initials)
    SELECT id, search_text || '  ', pinyin || '  ', initials || '  ' FROM items;

CREATE TRIGGER items_search_insert AFTER INSERT ON items BEGIN
    INSERT INTO item_search (rowid, text, pinyin, initials)
        VALUES (new.id, new.search_text || '  ', new.pinyin || '  ', new.initials || '  ');
END;

CREATE TRIGGER items_search_delete AFTER DELETE ON items BEGIN
    INSERT INTO item_search (item_search, rowid, text, pinyin, initials)
        VALUES ('delete', old.id, old.search_text || '  ', old.pinyin || '  ', old.initials || '  ');
END;

CREATE TRIGGER items_search_update AFTER UPDATE OF search_text, pinyin, initials ON items BEGIN
    INSERT INTO item_search (item_search, rowid, text, pinyin, initials)
        VALUES ('delete', old.id, old.search_text || '  ', old.pinyin || '  ', old.initials || '  ');
    INSERT INTO item_search (rowid, text, pinyin, initials)
        VALUES (new.id, new.search_text || '  ', new.pinyin || '  ', new.initials || '  ');
END;
-- @end

-- What ranking the matches needs, so that ranking thousands of them (one
-- character typed) reads this narrow index rather than the wide rows.
CREATE INDEX items_search_rank ON items (id, active, ord, name, pinyin, initials);

-- @postgres
-- PostgreSQL: trigram GIN indexes (pg_trgm, in Debian's postgresql-15)
-- over the same keys, kept by the database itself, no triggers. LIKE and
-- ILIKE with a pattern of three characters or more use them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX items_search_text_trgm ON items USING gin (search_text gin_trgm_ops);
CREATE INDEX items_search_pinyin_trgm ON items USING gin (pinyin gin_trgm_ops);
CREATE INDEX items_search_initials_trgm ON items USING gin (initials gin_trgm_ops);
-- @end
