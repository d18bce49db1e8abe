-- jixiao_score_table: the demo batch scored in SQL, as one batch, equals
-- `jixiao score --format csv` (and --format json) on every department.
\set rules `cat indicators/yueyang-women-federation/rules.yaml`
CREATE TABLE demo_scored AS
SELECT * FROM jixiao_score_table(:'rules', 'SELECT * FROM demo');
SELECT dept_id, dept_name, status, score, grade, rank
  FROM demo_scored ORDER BY rank, dept_id;

-- Every department's status, score, grade and rank equal the CLI's CSV ...
SELECT count(*) AS departments,
       count(*) FILTER (WHERE s.status = c.status AND s.score = c.score
                          AND s.grade = c.grade AND s.rank = c.rank
                          AND s.dept_name = c.dept_name) AS same_as_cli_csv,
       count(*) FILTER (WHERE s.score::text = c.score::text) AS same_digits
  FROM demo_scored s FULL JOIN cli.demo_csv c USING (dept_id);
-- ... and every department's result is the object of the CLI's JSON.
SELECT count(*) FILTER (WHERE s.result = c.doc) AS same_as_cli_json,
       count(*) FILTER (WHERE s.result ->> 'id' = s.dept_id
                          AND (s.result ->> 'rank')::int = s.rank) AS result_matches_columns
  FROM demo_scored s JOIN cli.demo_dept c USING (dept_id);
-- The rows come in the query's order.
SELECT array_agg(dept_id) = (SELECT array_agg(dept_id) FROM demo_text) AS query_order
  FROM jixiao_score_table(:'rules', 'SELECT * FROM demo', false);

-- The same batch from the all-text table: cells read the same whatever the
-- column type (numeric 33.00 and text '33.00' are one cell).
SELECT count(*) FILTER (WHERE t.result = s.result) AS text_columns_same
  FROM jixiao_score_table(:'rules', 'SELECT * FROM demo_text') t
  JOIN demo_scored s USING (dept_id);
-- with_results => false: the same columns, result NULL.
SELECT count(*) FILTER (WHERE f.score = s.score AND f.grade = s.grade AND f.rank = s.rank
                          AND f.result IS NULL) AS without_results_same
  FROM jixiao_score_table(:'rules', 'SELECT * FROM demo', with_results => false) f
  JOIN demo_scored s USING (dept_id);

-- Ranks are over the query's rows: the five best departments alone.
SELECT dept_id, score, rank
  FROM jixiao_score_table(:'rules', $q$
         SELECT d.* FROM demo d JOIN demo_scored s USING (dept_id) WHERE s.rank <= 5
       $q$)
 ORDER BY rank, dept_id;

-- Columns as variables, numeric or text; NULL is missing; a column that is
-- not a variable is ignored (as an unused CSV column); a cell that does not
-- read rejects its department with the cell's place (the query's result as
-- CSV: row N is line N + 1), and a repeated dept_id rejects the repeat.
SELECT dept_id, status, score, grade, rank, result ->> 'reason' AS reason
  FROM jixiao_score_table(:'rules', $q$
         SELECT 'a' AS dept_id, 4561 AS "mediation.accepted", '1607' AS "mediation.succeeded",
                NULL::numeric AS "spend.total", 42 AS not_a_variable
         UNION ALL SELECT 'b', 10, '12 匹', 1, 0
         UNION ALL SELECT 'a', 1, '1', 1, 0
       $q$);
SELECT r ->> 'id' AS indicator, r ->> 'status' AS status, r ->> 'actual' AS actual,
       r ->> 'reason' AS reason
  FROM jixiao_score_table(:'rules', $q$
         SELECT 'a' AS dept_id, 4561 AS "mediation.accepted", '1607' AS "mediation.succeeded",
                true AS "assessment.completed", '是' AS "screening.completed"
       $q$) s, jsonb_array_elements(s.result -> 'indicators') r
 WHERE r ->> 'id' IN ('mediation_success_rate', 'assessment_on_time', 'screening_completion',
                      'public_cost_per_staff')
 ORDER BY 1;
-- No rows, no departments; a NULL argument, no rows (STRICT).
SELECT count(*) FROM jixiao_score_table(:'rules', 'SELECT * FROM demo WHERE false');
SELECT count(*) FROM jixiao_score_table(:'rules', NULL);
