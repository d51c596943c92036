-- 015: one and two characters searched on PostgreSQL in the order the
-- results are shown, the first page read straight from an index. Nothing
-- to do on SQLite (FTS5 answers them: see searchSQL and searchTiers in
-- search.go).
--
-- A query of one character (证, or the letter j) or of two (低保, 医保)
-- matches hundreds or thousands of guides, and the search shows the first
-- SearchLimit in its ranking for search as you type: names that start with
-- the query, then names that contain it, then the rest (one letter: the
-- name's own pinyin first), each in display order. The pairs index of
-- migration 014 finds every match, so each was read to rank it (253 guides
-- for 低保 to show 50), and one character ran its tiers one statement at a
-- time (searchTiersPostgres).
--
-- search_ranks holds, for each active guide, every key such a query can
-- be, with the tier the guide is in for it and the guide's display order:
--   a pair of adjacent characters of search_text (migration 014's pairs,
--     but those with a space, which a query never has, and those of two
--     Latin letters, which a query searches in the pinyin instead);
--   a character of search_chars but a Latin letter (migration 010);
--   a letter of search_firsts (tier 1: the name's own pinyin begins with
--     it; 2: another name's does).
-- Tiers of a pair or a character: 1 the name starts with it, 2 the name
-- contains it further on, 3 only the other text has it. Its primary key is
-- the ranking (key, tier, ord, id), so a search reads the first SearchLimit
-- entries of the key in order and only those guides (searchRanksSQL in
-- search_pg.go).
--
-- Triggers keep it: a guide inserted, deleted, taken out of or back into
-- service, moved in the display order, renamed or given new search keys.
-- An update that leaves the keys, the order and the state as they were
-- touches nothing; one that changes the text (an edited summary) writes
-- only the keys that changed. search_rank_keys computes the keys from the
-- row alone, so the rows a guide was given are found again from its old
-- values. A copy into PostgreSQL fills it from the items copied (copy.go
-- leaves it out of the tables copied).
-- @postgres
CREATE FUNCTION search_rank_keys(name TEXT, search_text TEXT, chars TEXT, firsts TEXT, initials TEXT, pinyin TEXT)
RETURNS TABLE (key TEXT, tier SMALLINT) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT p, CAST(CASE strpos(name, p) WHEN 0 THEN 3 WHEN 1 THEN 1 ELSE 2 END AS SMALLINT)
        FROM (SELECT DISTINCT substr(search_text, i, 2) AS p FROM generate_series(1, length(search_text) - 1) AS i) pairs
        WHERE strpos(p, ' ') = 0 AND p !~ '^[A-Za-z]{2}$'
    UNION ALL
    SELECT c, CAST(CASE strpos(name, c) WHEN 0 THEN 3 WHEN 1 THEN 1 ELSE 2 END AS SMALLINT)
        FROM unnest(string_to_array(chars, ' ')) AS c WHERE c !~ '^[A-Za-z]$'
    UNION ALL
    SELECT f, CAST(CASE WHEN substr(initials, 2, 1) = f OR substr(pinyin, 2, 1) = f THEN 1 ELSE 2 END AS SMALLINT)
        FROM unnest(string_to_array(firsts, ' ')) AS f WHERE f ~ '^[A-Za-z]$'
$$;

CREATE TABLE search_ranks (
    key   TEXT COLLATE "C" NOT NULL,
    tier  SMALLINT NOT NULL,
    ord   BIGINT NOT NULL,
    id    BIGINT NOT NULL
);
-- Filled before its index is built: one sort instead of a million inserts
-- into a btree (an existing hall's guides).
INSERT INTO search_ranks (key, tier, ord, id)
    SELECT DISTINCT k.key, k.tier, i.ord, i.id
    FROM items i, search_rank_keys(i.name, i.search_text, i.search_chars, i.search_firsts, i.initials, i.pinyin) k
    WHERE i.active = 1;
ALTER TABLE search_ranks ADD PRIMARY KEY (key, tier, ord, id);

-- The rows of OLD that NEW has not, out; those of NEW that OLD has not,
-- in (an inactive guide has none), each side's keys computed once.
CREATE FUNCTION search_ranks_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO search_ranks (key, tier, ord, id)
            SELECT DISTINCT k.key, k.tier, NEW.ord, NEW.id FROM search_rank_keys(NEW.name, NEW.search_text,
                NEW.search_chars, NEW.search_firsts, NEW.initials, NEW.pinyin) k;
    ELSIF TG_OP = 'DELETE' THEN
        DELETE FROM search_ranks r USING search_rank_keys(OLD.name, OLD.search_text, OLD.search_chars,
                OLD.search_firsts, OLD.initials, OLD.pinyin) k
            WHERE r.key = k.key AND r.tier = k.tier AND r.ord = OLD.ord AND r.id = OLD.id;
    ELSIF OLD.active = 1 AND NEW.active = 1 AND OLD.ord = NEW.ord AND OLD.id = NEW.id THEN
        WITH o AS (SELECT * FROM search_rank_keys(OLD.name, OLD.search_text, OLD.search_chars, OLD.search_firsts,
                OLD.initials, OLD.pinyin)),
            n AS (SELECT * FROM search_rank_keys(NEW.name, NEW.search_text, NEW.search_chars, NEW.search_firsts,
                NEW.initials, NEW.pinyin)),
            gone AS (DELETE FROM search_ranks r USING (SELECT * FROM o EXCEPT SELECT * FROM n) k
                WHERE r.key = k.key AND r.tier = k.tier AND r.ord = OLD.ord AND r.id = OLD.id)
        INSERT INTO search_ranks (key, tier, ord, id)
            SELECT k.key, k.tier, NEW.ord, NEW.id FROM (SELECT * FROM n EXCEPT SELECT * FROM o) k;
    ELSE
        IF OLD.active = 1 THEN
            DELETE FROM search_ranks r USING search_rank_keys(OLD.name, OLD.search_text, OLD.search_chars,
                    OLD.search_firsts, OLD.initials, OLD.pinyin) k
                WHERE r.key = k.key AND r.tier = k.tier AND r.ord = OLD.ord AND r.id = OLD.id;
        END IF;
        IF NEW.active = 1 THEN
            INSERT INTO search_ranks (key, tier, ord, id)
                SELECT DISTINCT k.key, k.tier, NEW.ord, NEW.id FROM search_rank_keys(NEW.name, NEW.search_text,
                    NEW.search_chars, NEW.search_firsts, NEW.initials, NEW.pinyin) k;
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER items_search_ranks_insert AFTER INSERT ON items FOR EACH ROW WHEN (NEW.active = 1)
    EXECUTE FUNCTION search_ranks_keep();
CREATE TRIGGER items_search_ranks_delete AFTER DELETE ON items FOR EACH ROW WHEN (OLD.active = 1)
    EXECUTE FUNCTION search_ranks_keep();
CREATE TRIGGER items_search_ranks_update
    AFTER UPDATE OF id, name, search_text, search_chars, search_firsts, initials, pinyin, ord, active ON items
    FOR EACH ROW WHEN ((OLD.active = 1 OR NEW.active = 1) AND (OLD.id, OLD.name, OLD.search_text, OLD.search_chars,
        OLD.search_firsts, OLD.initials, OLD.pinyin, OLD.ord, OLD.active) IS DISTINCT FROM (NEW.id, NEW.name,
        NEW.search_text, NEW.search_chars, NEW.search_firsts, NEW.initials, NEW.pinyin, NEW.ord, NEW.active))
    EXECUTE FUNCTION search_ranks_keep();

-- @end
