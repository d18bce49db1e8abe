-- bench/clean.sql — bench/rules-clean.yaml written by hand in DuckDB SQL.
--
-- The clean-numeric baseline: what a competent engineer would write for the
-- batch bench/gen_clean.py makes, where every cell is a plain number and
-- every denominator is > 0. read_csv with every column's type given
-- (DOUBLE for the figures; no sniffing), one SELECT (a view, not a table:
-- nothing is materialised between the read and the COPY), COPY TO csv. No
-- value states (missing, undefined, not applicable) and no batch statistics:
-- the clean batch has nothing for the first, and the output table does not
-- show the second (bench/score.sql, the messy-batch baseline, does both).
--
-- Run by bench/duckdb_score.mjs --sql bench/clean.sql, which replaces
-- ${DATA} and ${OUT} with quoted paths and keeps one of the two COPY
-- statements marked "-- @columns": the table `jixiao score --format csv`
-- writes (docs/data.md §6.2, without jixiao's flags and reason columns) or
-- only dept_id, score, grade, rank. See bench/pandas_clean.py for the same in
-- pandas. Change bench/rules-clean.yaml and this file must change too.
--
-- Scored as jixiao scores (docs/rules.md §6, §7, §10): every score clamped to
-- [0, w]; comparisons that switch a score forgive 64 ulps of the larger
-- operand plus 1e-12, continuous formulas use the numbers as they are; deduct
-- with `step` counts whole pers with a tolerance; the total is the sum of the
-- unrounded scores in indicator order, rounded as a spreadsheet's ROUND(x, 2)
-- (15 significant digits, then half away from zero); grade and rank (1-2-2-4)
-- on the rounded total. Every literal is a DOUBLE (a bare 0.35 would be a
-- DECIMAL in DuckDB).

CREATE OR REPLACE TEMP MACRO noise(x, y) AS
    64.0::DOUBLE * 2.220446049250313e-16::DOUBLE * greatest(abs(x), abs(y)) + 1e-12::DOUBLE;
CREATE OR REPLACE TEMP MACRO at_least(x, lo) AS x >= lo - noise(x, lo);
CREATE OR REPLACE TEMP MACRO at_most(x, hi) AS x <= hi + noise(x, hi);
CREATE OR REPLACE TEMP MACRO above(x, lo) AS x > lo + noise(x, lo);
CREATE OR REPLACE TEMP MACRO below(x, hi) AS x < hi - noise(x, hi);
CREATE OR REPLACE TEMP MACRO clamp(raw, w) AS least(greatest(raw, 0.0::DOUBLE), w);
-- range [lo, hi] with zero_at z: w inside, w × max(0, 1 - d / z) at distance d outside
CREATE OR REPLACE TEMP MACRO range_score(a, lo, hi, w, z) AS
    CASE WHEN a < lo THEN w * greatest(0.0::DOUBLE, 1.0::DOUBLE - (lo - a) / z)
         WHEN a > hi THEN w * greatest(0.0::DOUBLE, 1.0::DOUBLE - (a - hi) / z)
         ELSE w END;
-- spreadsheet ROUND(x, 2) for 0 < x < 1000: m holds x's 15 significant digits,
-- e its decimal exponent (log10 may be one off at powers of ten); the 12 - e
-- digits of m below the 2nd decimal are rounded half away from zero
CREATE OR REPLACE TEMP MACRO round2_digits(x, e) AS round(x * pow(10.0, 14 - e));
CREATE OR REPLACE TEMP MACRO round2_exp(x, e0) AS
    e0 + CASE WHEN round2_digits(x, e0) >= 1e15 THEN 1
              WHEN round2_digits(x, e0) < 1e14 THEN -1 ELSE 0 END;
CREATE OR REPLACE TEMP MACRO round2_m(m, drop_) AS
    (m // pow(10, drop_)::BIGINT
     + CASE WHEN (m % pow(10, drop_)::BIGINT) * 2 >= pow(10, drop_)::BIGINT THEN 1 ELSE 0 END);
CREATE OR REPLACE TEMP MACRO round2_e(x, e) AS
    round2_m(round2_digits(x, e)::BIGINT, 12 - e)::DOUBLE / 100.0::DOUBLE;
CREATE OR REPLACE TEMP MACRO round2(x) AS
    CASE WHEN x > 0 THEN round2_e(x, round2_exp(x, floor(log10(x))::BIGINT)) ELSE 0.0::DOUBLE END;

CREATE OR REPLACE TEMP VIEW scored AS
WITH
batch AS (
    SELECT row_number() OVER () AS rid, *
    FROM read_csv(${DATA}, header = true, auto_detect = false, delim = ',', quote = '"',
        escape = '"', columns = {
            'dept_id': 'VARCHAR', 'dept_name': 'VARCHAR',
            'budget.total': 'DOUBLE', 'budget.adjusted': 'DOUBLE', 'spend.total': 'DOUBLE',
            'spend.public': 'DOUBLE', 'carryover': 'DOUBLE',
            'staff.authorized': 'DOUBLE', 'staff.in_post': 'DOUBLE', 'disclosure.rate': 'DOUBLE',
            'tasks.planned': 'DOUBLE', 'tasks.done': 'DOUBLE', 'events.held': 'DOUBLE',
            'service.count': 'DOUBLE', 'center.count': 'DOUBLE',
            'complaints.received': 'DOUBLE', 'complaints.resolved': 'DOUBLE',
            'training.hours': 'DOUBLE', 'online.users': 'DOUBLE', 'incidents': 'DOUBLE',
            'delay.days': 'DOUBLE', 'cost.per_service': 'DOUBLE', 'response.hours': 'DOUBLE',
            'coverage.rate': 'DOUBLE', 'satisfaction.rate': 'DOUBLE'
        })
),
-- the indicators' values
v AS (
    SELECT rid, dept_id, dept_name,
        "spend.total" / "budget.total" AS a_exec,
        "budget.adjusted" / "budget.total" AS a_adjust,
        "staff.in_post" / "staff.authorized" AS a_staff,
        "carryover" / "budget.total" AS a_carry,
        "spend.public" / "staff.in_post" AS a_public_cost,
        "spend.public" / "spend.total" AS a_public_share,
        "disclosure.rate" AS a_disclosure,
        "tasks.done" / "tasks.planned" AS a_task,
        "events.held" / 60.0::DOUBLE AS c_events,
        "service.count" / 5000.0::DOUBLE AS c_service,
        "center.count" AS a_center,
        "complaints.resolved" / "complaints.received" / 0.9::DOUBLE AS c_resolution,
        "training.hours" / 40.0::DOUBLE AS c_training,
        "online.users" / 10000.0::DOUBLE AS c_online,
        "incidents" AS a_incidents,
        "delay.days" AS a_delay,
        "cost.per_service" AS a_cost,
        "response.hours" AS a_response,
        "coverage.rate" AS a_coverage,
        "satisfaction.rate" / 0.9::DOUBLE AS c_satisfaction
    FROM batch
),
-- the scores, clamped to [0, w]
p AS (
    SELECT rid, dept_id, dept_name,
        -- range [90%, 110%], zero_at 20%
        clamp(range_score(a_exec, 0.9::DOUBLE, 1.1::DOUBLE, 6.0::DOUBLE, 0.2::DOUBLE), 6.0::DOUBLE) AS budget_exec,
        -- bands on the value
        clamp(CASE WHEN at_most(a_adjust, 0.0::DOUBLE) THEN 3.0::DOUBLE
                   WHEN above(a_adjust, 0.0::DOUBLE) AND at_most(a_adjust, 0.1::DOUBLE) THEN 2.0::DOUBLE
                   WHEN above(a_adjust, 0.1::DOUBLE) AND at_most(a_adjust, 0.2::DOUBLE) THEN 1.0::DOUBLE
                   WHEN above(a_adjust, 0.2::DOUBLE) AND at_most(a_adjust, 0.3::DOUBLE) THEN 0.5::DOUBLE
                   ELSE 0.0::DOUBLE END, 3.0::DOUBLE) AS budget_adjust,
        -- deduct <= 100%, per 1%, points 0.1
        clamp(2.0::DOUBLE - 0.1::DOUBLE * (greatest(0.0::DOUBLE, a_staff - 1.0::DOUBLE) / 0.01::DOUBLE),
              2.0::DOUBLE) AS staff_control,
        -- deduct <= 5%, per 1%, points 0.5, step: whole pers, forgiving binary error
        clamp(3.0::DOUBLE - 0.5::DOUBLE * floor(greatest(0.0::DOUBLE, a_carry - 0.05::DOUBLE) / 0.01::DOUBLE
                  + (1e-9::DOUBLE + 64.0::DOUBLE * 2.220446049250313e-16::DOUBLE
                     * ((abs(a_carry) + 0.05::DOUBLE) / 0.01::DOUBLE
                        + greatest(0.0::DOUBLE, a_carry - 0.05::DOUBLE) / 0.01::DOUBLE))),
              3.0::DOUBLE) AS carryover_rate,
        -- inverse <= 2 万元
        clamp(CASE WHEN at_most(a_public_cost, 2.0::DOUBLE) THEN 4.0::DOUBLE
                   ELSE 4.0::DOUBLE * 2.0::DOUBLE / a_public_cost END, 4.0::DOUBLE) AS public_cost,
        -- threshold <= 10%, partial 0.3
        CASE WHEN at_most(a_public_share, 0.1::DOUBLE) THEN 3.0::DOUBLE
             ELSE 3.0::DOUBLE * 0.3::DOUBLE END AS public_share,
        -- threshold >= 95%, partial 0.5
        CASE WHEN at_least(a_disclosure, 0.95::DOUBLE) THEN 4.0::DOUBLE
             ELSE 4.0::DOUBLE * 0.5::DOUBLE END AS disclosure,
        -- equal = 100%
        clamp(CASE WHEN abs(a_task - 1.0::DOUBLE) <= noise(a_task, 1.0::DOUBLE) THEN 8.0::DOUBLE
                   ELSE 8.0::DOUBLE * greatest(0.0::DOUBLE, 1.0::DOUBLE - abs(a_task - 1.0::DOUBLE) / 1.0::DOUBLE) END,
              8.0::DOUBLE) AS task_completion,
        -- ratio >= 60 with overshoot {above 1.5, floor 0.6}
        clamp(6.0::DOUBLE * CASE WHEN c_events > 1.5::DOUBLE
                                 THEN greatest(0.6::DOUBLE, 1.0::DOUBLE - (c_events - 1.5::DOUBLE))
                                 ELSE least(c_events, 1.0::DOUBLE) END, 6.0::DOUBLE) AS events_held,
        -- linear through (0, 0), (0.5, 0.4), (1, 1), held beyond the ends
        clamp(6.0::DOUBLE * CASE WHEN c_service <= 0.0::DOUBLE THEN 0.0::DOUBLE
                                 WHEN c_service >= 1.0::DOUBLE THEN 1.0::DOUBLE
                                 WHEN c_service < 0.5::DOUBLE
                                 THEN 0.0::DOUBLE + (c_service - 0.0::DOUBLE) / (0.5::DOUBLE - 0.0::DOUBLE) * (0.4::DOUBLE - 0.0::DOUBLE)
                                 ELSE 0.4::DOUBLE + (c_service - 0.5::DOUBLE) / (1.0::DOUBLE - 0.5::DOUBLE) * (1.0::DOUBLE - 0.4::DOUBLE)
                            END, 6.0::DOUBLE) AS service_count,
        -- threshold >= 1, partial 0.25
        CASE WHEN at_least(a_center, 1.0::DOUBLE) THEN 4.0::DOUBLE
             ELSE 4.0::DOUBLE * 0.25::DOUBLE END AS center_built,
        -- bands over the completion c = a / 90%
        CASE WHEN at_least(c_resolution, 1.0::DOUBLE) THEN 8.0::DOUBLE * 1.0::DOUBLE
             WHEN at_least(c_resolution, 0.9::DOUBLE) AND below(c_resolution, 1.0::DOUBLE) THEN 8.0::DOUBLE * 0.8::DOUBLE
             WHEN at_least(c_resolution, 0.75::DOUBLE) AND below(c_resolution, 0.9::DOUBLE) THEN 8.0::DOUBLE * 0.5::DOUBLE
             ELSE 0.0::DOUBLE END AS complaint_resolution,
        -- ratio >= 40 小时, cap 0.95
        clamp(8.0::DOUBLE * least(c_training, 0.95::DOUBLE), 8.0::DOUBLE) AS training_hours,
        -- ratio >= 10000 人次
        clamp(4.0::DOUBLE * least(c_online, 1.0::DOUBLE), 4.0::DOUBLE) AS online_reach,
        -- threshold <= 0
        CASE WHEN at_most(a_incidents, 0.0::DOUBLE) THEN 5.0::DOUBLE ELSE 0.0::DOUBLE END AS incidents,
        -- range [0, 3 天], zero_at 10
        clamp(range_score(a_delay, 0.0::DOUBLE, 3.0::DOUBLE, 4.0::DOUBLE, 10.0::DOUBLE), 4.0::DOUBLE) AS delay_days,
        -- inverse <= 120 元
        clamp(CASE WHEN at_most(a_cost, 120.0::DOUBLE) THEN 5.0::DOUBLE
                   ELSE 5.0::DOUBLE * 120.0::DOUBLE / a_cost END, 5.0::DOUBLE) AS cost_per_service,
        -- deduct <= 24 小时, per 1, points 0.25
        clamp(4.0::DOUBLE - 0.25::DOUBLE * (greatest(0.0::DOUBLE, a_response - 24.0::DOUBLE) / 1.0::DOUBLE),
              4.0::DOUBLE) AS response_hours,
        -- deduct >= 95%, per 1%, points 0.5
        clamp(5.0::DOUBLE - 0.5::DOUBLE * (greatest(0.0::DOUBLE, 0.95::DOUBLE - a_coverage) / 0.01::DOUBLE),
              5.0::DOUBLE) AS coverage,
        -- ratio >= 90%
        clamp(8.0::DOUBLE * least(c_satisfaction, 1.0::DOUBLE), 8.0::DOUBLE) AS satisfaction
    FROM v
),
-- the total: the unrounded scores added in indicator order, then ROUND(x, 2)
t AS (
    SELECT *, budget_exec + budget_adjust + staff_control + carryover_rate + public_cost
              + public_share + disclosure + task_completion + events_held + service_count
              + center_built + complaint_resolution + training_hours + online_reach
              + incidents + delay_days + cost_per_service + response_hours + coverage
              + satisfaction AS total
    FROM p
),
t2 AS (
    SELECT * EXCLUDE (total), round2(total) AS score FROM t
)
SELECT *,
    CASE WHEN score >= 90 THEN '优' WHEN score >= 80 THEN '良'
         WHEN score >= 60 THEN '中' ELSE '差' END AS grade,
    rank() OVER (ORDER BY score DESC) AS rank
FROM t2;

-- @columns all
-- the table `jixiao score --format csv` writes (docs/data.md §6.2), without its
-- two diagnostic text columns (flags, reason); in the input's order
COPY (SELECT dept_id, dept_name, 'scored' AS status, score::DECIMAL(5, 2) AS score, grade, rank,
             COLUMNS(* EXCLUDE (rid, dept_id, dept_name, score, grade, rank))::DECIMAL(5, 2)
      FROM scored ORDER BY rid)
TO ${OUT} (HEADER, DELIMITER ',');
-- @columns total
-- the total, grade and rank only
COPY (SELECT dept_id, score::DECIMAL(5, 2) AS score, grade, rank FROM scored ORDER BY rid)
TO ${OUT} (HEADER, DELIMITER ',');
-- @columns end
