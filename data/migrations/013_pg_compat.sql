-- 013: on PostgreSQL, the few SQLite functions the store's queries use
-- that have no portable spelling, with SQLite's meaning for the
-- arguments the store gives them. Nothing to do on SQLite.
-- @postgres
-- instr(haystack, needle): 1-based position, 0 if absent.
CREATE FUNCTION instr(text, text) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT strpos($1, $2)::bigint $$;

-- max(a, b) and min(a, b), SQLite's scalar forms (NULL if either is).
CREATE FUNCTION max(bigint, bigint) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT greatest($1, $2) $$;
CREATE FUNCTION min(bigint, bigint) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT least($1, $2) $$;
CREATE FUNCTION max(text, text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT greatest($1, $2) $$;
CREATE FUNCTION min(text, text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT least($1, $2) $$;

-- json_extract(json text, '$.a.b'): the value as text (numbers as their
-- digits; cast where a number is wanted), NULL when absent or not JSON.
CREATE FUNCTION json_extract(text, text) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
BEGIN
    RETURN jsonb_path_query_first($1::jsonb, $2::jsonpath) #>> '{}';
EXCEPTION WHEN others THEN
    RETURN NULL;
END $$;

-- json_each(json array text): one row per element, its value as text.
CREATE FUNCTION json_each(text) RETURNS TABLE (key bigint, value text) LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT (ord - 1)::bigint, v FROM jsonb_array_elements_text(
    CASE WHEN jsonb_typeof($1::jsonb) = 'array' THEN $1::jsonb ELSE '[]'::jsonb END) WITH ORDINALITY AS e(v, ord) $$;

-- date(RFC 3339 time, '+8 hours'): the calendar day 'YYYY-MM-DD' after
-- applying the modifier, as SQLite's date().
CREATE FUNCTION date(text, text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT to_char(($1::timestamptz AT TIME ZONE 'UTC') + $2::interval, 'YYYY-MM-DD') $$;
-- @end
