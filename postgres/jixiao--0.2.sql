-- jixiao--0.1.sql: the functions of the jixiao extension (docs/postgres.md).
\echo Use "CREATE EXTENSION jixiao" to load this file. \quit

-- One department: a JSON object keyed as a wide CSV row (dept_id, dept_name,
-- fiscal_year, variables, target.<id>, note.<id>), e.g. to_jsonb(row), or a
-- department document (values, targets, notes). Returns the department's
-- object as `jixiao score --format json` writes it, without "rank".
-- Same rules and data, same result: IMMUTABLE.
CREATE FUNCTION jixiao_score(rules text, department jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'jixiao_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 1000;

COMMENT ON FUNCTION jixiao_score(text, jsonb) IS
'jixiao: score one department (a JSON object keyed as a wide CSV row) under a rule set given as YAML text; the department''s JSON object as the CLI writes it, without rank';

-- A batch: every row of the (read-only) query is a department, its columns
-- the wide CSV's. Ranks and statistics over the whole result. The query
-- runs in the calling statement's snapshot: STABLE.
CREATE FUNCTION jixiao_score_table(rules text, query text, with_results boolean DEFAULT true)
RETURNS TABLE (dept_id text, dept_name text, status text, score numeric, grade text,
               rank int, result jsonb)
AS 'MODULE_PATHNAME', 'jixiao_score_table'
LANGUAGE C STABLE STRICT PARALLEL SAFE COST 10000 ROWS 1000;

COMMENT ON FUNCTION jixiao_score_table(text, text, boolean) IS
'jixiao: score every row of a query as one batch (ranks over the whole result); result is each department''s JSON object as the CLI writes it (NULL when with_results is false)';

CREATE FUNCTION jixiao_version()
RETURNS text
AS 'MODULE_PATHNAME', 'jixiao_version'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION jixiao_version() IS 'jixiao: the engine''s version';
