-- 014: guide search on PostgreSQL, kept fast after bulk writes, and two
-- characters found through an index. Nothing to do on SQLite (FTS5 answers
-- both: see searchSQL in search.go).
--
-- The trigram GIN indexes of migrations 002 and 010 take rows into a
-- pending list (GIN's fastupdate), merged into the index by (auto)vacuum
-- or when it outgrows gin_pending_list_limit, 4 MB by default. After a
-- catalog import every row of the initials, pinyin and one-character
-- indexes sat in it (10,000 of 10,000 for initials): each search read the
-- whole list, and the planner, costing it, chose to read every guide
-- instead (pinyin initials 13.8 ms). Now a bulk write (catalog import,
-- synthetic guides) merges the lists when it is done (flushSearch in
-- catalog_import.go), and a list merges itself at 256 kB (a few hundred
-- guides edited one by one), which writes about as fast as 4 MB (taking
-- rows straight into the index, fastupdate off, made an import of 10,000
-- guides 13 times slower). What is pending now is merged here.
--
-- Two characters (低保, 医保) have no trigram: LIKE '%低保%' made the
-- trigram index return every row to recheck, or the planner read every
-- guide. search_pairs(text) is every distinct pair of adjacent characters
-- of the text; a two-character query is one of them exactly when it is in
-- the text, which the GIN index over it answers without rechecking (as
-- SQLite finds it among the trigrams that start with it, item_search_terms).
--
-- Latin letters rank first the guides whose own name's initials or
-- pinyin begin with them (searchTiersPostgres in search_tiers_pg.go): a
-- range of these btree indexes (text compared by its bytes, COLLATE "C",
-- so a prefix is a range), with what the ranking needs, read without the
-- table; the trigram indexes made every matching guide be read to rank it.
--
-- Likewise a text query ranks first the guides whose name starts with it
-- (searchNamesFirstSQL in search_pg.go): a range of items_search_name.
-- @postgres
ALTER INDEX items_search_text_trgm SET (gin_pending_list_limit = 256);
ALTER INDEX items_search_pinyin_trgm SET (gin_pending_list_limit = 256);
ALTER INDEX items_search_initials_trgm SET (gin_pending_list_limit = 256);
ALTER INDEX items_search_chars_trgm SET (gin_pending_list_limit = 256);
ALTER INDEX items_search_firsts_trgm SET (gin_pending_list_limit = 256);
SELECT gin_clean_pending_list(i::regclass) FROM unnest(ARRAY['items_search_text_trgm', 'items_search_pinyin_trgm',
    'items_search_initials_trgm', 'items_search_chars_trgm', 'items_search_firsts_trgm']) AS i;

CREATE FUNCTION search_pairs(text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT coalesce(array_agg(DISTINCT substr($1, i, 2)), '{}') FROM generate_series(1, length($1) - 1) AS i $$;
CREATE INDEX items_search_pairs ON items USING gin (search_pairs(search_text)) WITH (gin_pending_list_limit = 256);
-- No statistics on the pairs: with them the planner, expecting a pair in
-- every guide (合成 in every summary), chose to compute search_pairs for
-- every guide (half a second) over reading them through the index, which
-- answers exactly and never computes it.
ALTER INDEX items_search_pairs ALTER COLUMN 1 SET STATISTICS 0;

CREATE INDEX items_search_initials ON items (initials) INCLUDE (ord, id) WHERE active = 1;
CREATE INDEX items_search_pinyin ON items (pinyin) INCLUDE (ord, id) WHERE active = 1;
CREATE INDEX items_search_name ON items (name) INCLUDE (ord, id) WHERE active = 1;
-- @end
