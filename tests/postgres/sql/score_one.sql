-- jixiao_score: one department as jsonb gives the object `jixiao score
-- --format json` writes for it, without "rank".
\set rules `cat indicators/yueyang-women-federation/rules.yaml`

-- The department documents of fixtures/seed/ (values, targets, notes), each
-- against the CLI scoring that file alone.
SELECT f.fixture, j ->> 'score' AS score, j ->> 'grade' AS grade, j ? 'rank' AS has_rank,
       j = c.doc AS same_as_cli
  FROM cli.fixture_doc f
  JOIN cli.fixture_dept c USING (fixture),
       LATERAL jixiao_score(:'rules', f.doc) AS j
 ORDER BY 1;
-- 94.07 and 82.96, as indicators/yueyang-women-federation/EXPECTED.md works
-- them by hand; the zero-mediation case is undefined, never a silent 0.
SELECT r ->> 'status' AS status, r ->> 'actual' AS actual, r ->> 'reason' AS reason
  FROM cli.fixture_doc f,
       jsonb_array_elements(jixiao_score(:'rules', f.doc) -> 'indicators') r
 WHERE f.fixture = 'zero-mediation.yaml' AND r ->> 'id' = 'mediation_success_rate';

-- A row of a table as to_jsonb(row): its columns are the wide CSV's. Every
-- demo department scored alone equals the CLI scoring that one CSV row.
SELECT count(*) AS departments,
       count(*) FILTER (WHERE jixiao_score(:'rules', to_jsonb(d)) = c.doc) AS same_as_cli,
       count(*) FILTER (WHERE jixiao_score(:'rules', to_jsonb(t)) = c.doc) AS text_columns_same
  FROM demo d JOIN demo_text t USING (dept_id) JOIN cli.demo_alone c USING (dept_id);

-- Written by hand: keys as CSV column names, numbers and strings as cells.
SELECT j ->> 'id' AS id, j ->> 'status' AS status, j ->> 'score' AS score,
       j -> 'excluded' AS excluded
  FROM jixiao_score(:'rules', '{"dept_id": "x", "dept_name": "某局",
                               "mediation.accepted": 200, "mediation.succeeded": "80",
                               "center.count": "不适用", "note.center_built": "说明"}') j;
-- Nested keys join with '.', as in a department document.
SELECT jixiao_score(:'rules', '{"dept_id": "x", "mediation": {"accepted": 200, "succeeded": 80}}')
       = jixiao_score(:'rules', '{"dept_id": "x", "mediation.accepted": 200,
                                  "mediation.succeeded": 80}') AS nested_same;
-- Without a dept_id the department is rejected, as a CSV row would be.
SELECT j ->> 'status' AS status, j ->> 'reason' AS reason
  FROM jixiao_score(:'rules', '{"mediation.accepted": 1}') j;
-- STRICT: NULL in, NULL out.
SELECT jixiao_score(:'rules', NULL) IS NULL AS null_department,
       jixiao_score(NULL, '{}') IS NULL AS null_rules;
