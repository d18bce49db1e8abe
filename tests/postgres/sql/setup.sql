-- The extension, the shipped rules and the demo batch, for the tests after
-- this one. The CLI's own results for the same rules and data are in the
-- schema cli (tests/postgres/reference.py, loaded by run.sh).
CREATE EXTENSION jixiao;
SELECT jixiao_version() LIKE (SELECT extversion FROM pg_extension WHERE extname = 'jixiao') || '.%'
    AS version_matches;
SELECT p.proname, pg_get_function_arguments(p.oid) AS arguments,
       pg_get_function_result(p.oid) AS result, p.provolatile, p.proparallel, p.proisstrict
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE p.proname LIKE 'jixiao%' ORDER BY 1;

-- A bureau keeps its rule sets in a table: the YAML text of each.
CREATE TABLE rule_sets (name text PRIMARY KEY, yaml text NOT NULL);
\set rules `cat indicators/yueyang-women-federation/rules.yaml`
INSERT INTO rule_sets VALUES ('yueyang', :'rules');
SELECT name, length(yaml) > 10000 AS loaded FROM rule_sets;

-- The demo batch (fixtures/demo/departments.csv) loaded with COPY into a
-- table with one text column per CSV column ...
\set header `head -n 1 fixtures/demo/departments.csv`
SELECT format('CREATE TABLE demo_text (%s)',
              string_agg(format('%I text', c), ', ' ORDER BY n))
  FROM unnest(string_to_array(:'header', ',')) WITH ORDINALITY AS h(c, n) \gexec
\copy demo_text FROM 'fixtures/demo/departments.csv' WITH (FORMAT csv, HEADER)
SELECT count(*) AS departments FROM demo_text;

-- ... and a typed copy, as a budget system would hold it: every column that
-- only holds plain numbers as numeric (33.00 stays 33.00), fiscal_year as
-- int; words, units and thousands separators stay text.
CREATE TABLE demo AS SELECT * FROM demo_text;
SELECT format('ALTER TABLE demo ALTER COLUMN %I TYPE numeric USING %I::numeric', c, c)
  FROM unnest(string_to_array(:'header', ',')) AS c
 WHERE c NOT IN ('dept_id', 'dept_name', 'fiscal_year')
   AND NOT EXISTS (SELECT 1 FROM demo_text t
                    WHERE to_jsonb(t) ->> c !~ '^-?[0-9]+(\.[0-9]+)?$') \gexec
ALTER TABLE demo ALTER COLUMN fiscal_year TYPE int USING fiscal_year::int;
SELECT data_type, count(*) AS columns
  FROM information_schema.columns WHERE table_name = 'demo' GROUP BY 1 ORDER BY 1;
SELECT column_name FROM information_schema.columns
 WHERE table_name = 'demo' AND data_type = 'text' ORDER BY ordinal_position;
