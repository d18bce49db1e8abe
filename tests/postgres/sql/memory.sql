-- Memory: nothing grows over 100 000 calls. Each call works in a memory
-- context of its own and frees the library's handles with it, also when it
-- fails or is cancelled; compiled rule sets stay in a cache of 8. The
-- backend's memory contexts and its resident set (VmRSS) are read before
-- and after.
CREATE FUNCTION backend_memory(OUT contexts_kb bigint, OUT rss_kb bigint) LANGUAGE sql AS $$
SELECT (SELECT sum(total_bytes) / 1024 FROM pg_backend_memory_contexts)::bigint,
       (SELECT substring(l FROM '[0-9]+')::bigint
          FROM regexp_split_to_table(pg_read_file('/proc/self/status'), E'\n') AS l
         WHERE l LIKE 'VmRSS:%')
$$;
CREATE TABLE memory_samples (at text, contexts_kb bigint, rss_kb bigint);
SET max_parallel_workers_per_gather = 0; -- every call in this backend
SET jit = off;
\set rules `cat indicators/yueyang-women-federation/rules.yaml`
-- A small rule set, so that 100 000 calls take seconds.
SELECT set_config('jixiao_test.small', $r$jixiao: 1
ruleset: {id: small, name: 小规则, version: "1"}
indicators:
  - {id: a, name: 甲, path: [产出指标], weight: 60, value: x / 100, target: ">= 50%"}
  - {id: b, name: 乙, path: [效益指标], weight: 40, value: y, target: "<= 3"}
$r$, false) AS small \gset
SELECT j ->> 'score' AS score, j ->> 'grade' AS grade
  FROM jixiao_score(:'small', '{"dept_id": "d", "x": 40, "y": 6}') j;

-- Warm up: the round once (it brings the library's pages in and lets
-- malloc's heap settle), then the round again, measured.
\i tests/postgres/sql/memory_round.psql
INSERT INTO memory_samples SELECT 'before', * FROM backend_memory();
\i tests/postgres/sql/memory_round.psql
INSERT INTO memory_samples SELECT 'after', * FROM backend_memory();

-- A leak of 40 bytes a call would be 4 MB.
SELECT a.contexts_kb - b.contexts_kb < 256 AS contexts_steady,
       a.rss_kb - b.rss_kb < 4096 AS rss_steady
  FROM memory_samples a, memory_samples b WHERE a.at = 'after' AND b.at = 'before';
