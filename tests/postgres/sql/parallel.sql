-- Both functions are PARALLEL SAFE: parallel workers score rows where they
-- read them, with the same results as one backend.
-- A large table: the demo batch 120 times (4 200 departments), each copy
-- with its own dept_id.
CREATE TABLE big AS
SELECT (d.dept_id || '-' || g) AS copy_id, d.*
  FROM demo d, generate_series(1, 120) g;
UPDATE big SET dept_id = copy_id;
ALTER TABLE big DROP COLUMN copy_id;
VACUUM ANALYZE big;

-- One backend ...
SET max_parallel_workers_per_gather = 0;
CREATE TABLE big_serial AS
SELECT t.dept_id,
       jixiao_score((SELECT yaml FROM rule_sets WHERE name = 'yueyang'), to_jsonb(t)) AS result
  FROM big t;

-- ... and a parallel plan: jixiao_score runs in the workers, below Gather,
-- with the rules read once by the leader (an InitPlan; a join with
-- rule_sets would put the Gather under the join and score in the leader).
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF, VERBOSE)
SELECT t.dept_id,
       jixiao_score((SELECT yaml FROM rule_sets WHERE name = 'yueyang'), to_jsonb(t)) AS result
  FROM big t;

-- The plan's lines about workers, from running it (CREATE TABLE AS runs a
-- parallel plan too): two workers launched.
CREATE FUNCTION worker_lines(query text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
    line text;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || query LOOP
        IF line ~ 'Gather|Workers' THEN
            RETURN NEXT regexp_replace(line, '\s*\(actual.*\)', '');
        END IF;
    END LOOP;
END $$;
SELECT worker_lines($q$
    CREATE TABLE big_parallel AS
    SELECT t.dept_id,
           jixiao_score((SELECT yaml FROM rule_sets WHERE name = 'yueyang'), to_jsonb(t)) AS result
      FROM big t
$q$);

-- The same results, department by department.
SELECT count(*) AS departments,
       count(*) FILTER (WHERE p.result = s.result) AS same_in_parallel,
       count(DISTINCT p.result ->> 'score') AS distinct_scores
  FROM big_parallel p FULL JOIN big_serial s USING (dept_id);
-- Each copy of a demo department scores as the original does alone.
SELECT count(*) FILTER (WHERE p.result - 'id' = c.doc - 'id') AS same_as_cli_alone
  FROM big_parallel p
  JOIN cli.demo_alone c ON c.dept_id = regexp_replace(p.dept_id, '-[0-9]+$', '');

-- jixiao_score_table may itself run in a worker, and its query may run in
-- parallel inside it: ranks are over the whole result either way.
SELECT count(*) AS departments, min(rank) AS best, max(rank) AS worst,
       count(*) FILTER (WHERE status = 'scored') AS scored
  FROM jixiao_score_table((SELECT yaml FROM rule_sets WHERE name = 'yueyang'),
                          'SELECT * FROM big', false);
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
