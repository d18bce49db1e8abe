-- Errors are SQL errors: a rule set's with the rule file's line:col (the
-- rules text is the file "rules"), and an SQLSTATE.
\set rules `cat indicators/yueyang-women-federation/rules.yaml`
\set VERBOSITY default
\set SHOW_CONTEXT never

-- YAML that does not parse.
SELECT jixiao_score(E'jixiao: 1\nruleset: {id: x\nindicators: []\n', '{"dept_id": "a"}');
\echo :LAST_ERROR_SQLSTATE
-- Rules that parse but say something wrong: every error in the detail, the
-- first in the message.
SELECT jixiao_score($r$jixiao: 1
ruleset: {id: bad, name: 坏规则, version: "1"}
weights: free
indicators:
  - id: a
    name: 甲
    path: [产出指标]
    weight: 10
    value: x / (y
    target: ">= 1"
  - id: b
    name: 乙
    path: [产出指标]
    weight: ten
    value: x
    target: ">= 1"
    method: guess
$r$, '{"dept_id": "a"}');
\echo :LAST_ERROR_SQLSTATE
-- The same from jixiao_score_table, before its query runs.
SELECT * FROM jixiao_score_table('jixiao: 2', 'SELECT 1/0 AS dept_id');
-- A good rule set with one line broken: the error points into the text.
SELECT jixiao_score(regexp_replace(:'rules', 'method: ratio', 'method: ratoi'), '{"dept_id": "a"}');

-- A rule set is read from its text alone: `extends:` would read server files.
SELECT jixiao_score(E'jixiao: 1\nextends: /etc/passwd\n', '{"dept_id": "a"}');
\echo :LAST_ERROR_SQLSTATE
SELECT jixiao_score(E'jixiao: 1\n"ext\\x65nds": base.yaml\n', '{"dept_id": "a"}');

-- jixiao_score takes one department, a JSON object.
SELECT jixiao_score(:'rules', '[{"dept_id": "a"}, {"dept_id": "b"}]');
SELECT jixiao_score(:'rules', '"a"');
SELECT jixiao_score(:'rules', '{"departments": [{"dept_id": "a"}, {"dept_id": "b"}]}');

-- jixiao_score_table's query: a dept_id column, one read-only statement.
SELECT * FROM jixiao_score_table(:'rules', 'SELECT dept_name FROM demo');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM jixiao_score_table(:'rules', 'SELECT * FROM demo; SELECT * FROM demo');
SELECT * FROM jixiao_score_table(:'rules', 'DELETE FROM demo RETURNING *');
SELECT * FROM jixiao_score_table(:'rules', 'SELECT * FROM no_such_table');
SELECT * FROM jixiao_score_table(:'rules', 'SELECT ''a'' AS dept_id, 1 AS dept_id');
SELECT count(*) AS demo_still_whole FROM demo;

-- After all these errors the backend goes on with the cached rules.
SELECT jixiao_score(:'rules', to_jsonb(d)) ->> 'score' AS score
  FROM demo d WHERE dept_id = 'yueyang-fulian';
