-- bench/score.sql — bench/rules.yaml written by hand in DuckDB SQL.
--
-- Run by bench/duckdb_score.mjs, which replaces ${DATA}, ${OUT} and ${SUMMARY}
-- with quoted paths and executes the statements in order. Scores every
-- department exactly as jixiao does (docs/rules.md §6-§10 and the edge rules
-- in the top comment of engine/evaluate/method.c); see bench/pandas_score.py
-- for the same in pandas. Change bench/rules.yaml and this file must change too.
--
-- Values: a_<id> is the indicator's actual value (NULL unless a number) and
-- s_<id> its state: 0 number, 1 missing, 2 undefined, 3 not applicable. An
-- operation takes the state of its first non-number operand (left to right);
-- division by zero is undefined. Raw scores r_<id> are NULL when the method
-- cannot score; p_<id> is the clamped score (0 when missing/undefined);
-- excluded indicators (不适用, or on_missing: exclude) leave the total.
-- Every literal is a DOUBLE (a bare 0.35 would be a DECIMAL in DuckDB).

-- Comparisons that switch a score forgive binary noise (method.c noise()).
CREATE OR REPLACE TEMP MACRO noise(x, y) AS
    64.0::DOUBLE * 2.220446049250313e-16::DOUBLE * greatest(abs(x), abs(y)) + 1e-12::DOUBLE;
CREATE OR REPLACE TEMP MACRO at_least(x, lo) AS x >= lo - noise(x, lo);
CREATE OR REPLACE TEMP MACRO at_most(x, hi) AS x <= hi + noise(x, hi);
CREATE OR REPLACE TEMP MACRO above(x, lo) AS x > lo + noise(x, lo);
CREATE OR REPLACE TEMP MACRO below(x, hi) AS x < hi - noise(x, hi);
-- state of a number column read as DOUBLE: blank is missing
CREATE OR REPLACE TEMP MACRO st(x) AS CASE WHEN x IS NULL THEN 1 ELSE 0 END;
-- a / b with states
CREATE OR REPLACE TEMP MACRO div_state(sa, sb, b) AS
    CASE WHEN sa <> 0 THEN sa WHEN sb <> 0 THEN sb WHEN b = 0 THEN 2 ELSE 0 END;
-- text cells: blank → missing, 不适用 → n/a, 是/否 → 1/0, "93.5%" → 93.5e-2,
-- "14,000" → 14000, a word used as a number → undefined
CREATE OR REPLACE TEMP MACRO txt_state(c, num) AS
    CASE WHEN c IS NULL OR trim(c) = '' THEN 1
         WHEN trim(c) IN ('不适用', 'n/a', 'N/A', 'na', 'NA') THEN 3
         WHEN num IS NULL THEN 2 ELSE 0 END;
CREATE OR REPLACE TEMP MACRO yesno(c) AS
    CASE trim(c) WHEN '是' THEN 1.0::DOUBLE WHEN '否' THEN 0.0::DOUBLE
         ELSE TRY_CAST(trim(c) AS DOUBLE) END;
CREATE OR REPLACE TEMP MACRO pct(c) AS
    CASE WHEN ends_with(trim(c), '%') THEN TRY_CAST(rtrim(trim(c), '%') || 'e-2' AS DOUBLE)
         ELSE TRY_CAST(trim(c) AS DOUBLE) END;
-- the clamp of every method; NULL or non-finite raw → 0 (undefined)
CREATE OR REPLACE TEMP MACRO clamp_score(s, raw, w) AS
    CASE WHEN s = 0 AND raw IS NOT NULL AND isfinite(raw) THEN least(greatest(raw, 0.0::DOUBLE), w)
         ELSE 0.0::DOUBLE END;
-- spreadsheet ROUND(x, 2) for x >= 0: m holds x's 15 significant digits, drop_ of
-- them lie below the 2nd decimal; round those half away from zero
CREATE OR REPLACE TEMP MACRO round2_m(m, drop_) AS
    CASE WHEN drop_ > 15 THEN 0::BIGINT
         ELSE m // pow(10, drop_)::BIGINT
              + CASE WHEN (m % pow(10, drop_)::BIGINT) * 2 >= pow(10, drop_)::BIGINT THEN 1 ELSE 0 END
    END;

CREATE OR REPLACE TEMP TABLE batch AS
SELECT * FROM read_csv(${DATA}, header = true, auto_detect = false, quote = '"', escape = '"',
    columns = {
        'dept_id': 'VARCHAR', 'dept_name': 'VARCHAR', 'fiscal_year': 'VARCHAR',
        'budget.total': 'DOUBLE', 'budget.initial': 'DOUBLE', 'budget.adjusted': 'DOUBLE',
        'spend.total': 'DOUBLE', 'spend.public': 'DOUBLE', 'spend.project': 'DOUBLE',
        'carryover': 'DOUBLE', 'staff.authorized': 'DOUBLE', 'staff.in_post': 'DOUBLE',
        'mgmt.rules': 'VARCHAR', 'mgmt.assets': 'VARCHAR', 'mgmt.disclosure': 'VARCHAR',
        'screening.assigned': 'VARCHAR', 'screening.done': 'DOUBLE',
        'mediation.received': 'DOUBLE', 'mediation.accepted': 'DOUBLE',
        'mediation.succeeded': 'DOUBLE', 'training.sessions': 'DOUBLE', 'events.held': 'DOUBLE',
        'family.served': 'DOUBLE', 'center.count': 'DOUBLE', 'criminal.cases': 'DOUBLE',
        'publicity.grade': 'VARCHAR', 'project.quality': 'VARCHAR', 'online.users': 'VARCHAR',
        'delay.days': 'DOUBLE', 'response.hours': 'DOUBLE', 'satisfaction.rate': 'VARCHAR'
    });

CREATE OR REPLACE TEMP TABLE scored AS
WITH
-- pass 1: actual values and their states
v0 AS (
    SELECT rowid AS rid, b.*,
        yesno("mgmt.rules") AS m1, yesno("mgmt.assets") AS m2, yesno("mgmt.disclosure") AS m3,
        TRY_CAST(trim("screening.assigned") AS DOUBLE) AS sc_a,
        TRY_CAST(replace(trim("online.users"), ',', '') AS DOUBLE) AS ou,
        pct("satisfaction.rate") AS sat,
        trim("publicity.grade", ' 　') AS pub,
        trim("project.quality", ' 　') AS pq
    FROM batch b
),
v1 AS (
    SELECT *,
        txt_state("mgmt.rules", m1) AS sm1, txt_state("mgmt.assets", m2) AS sm2,
        txt_state("mgmt.disclosure", m3) AS sm3,
        txt_state("screening.assigned", sc_a) AS s_sc_a,
        txt_state("online.users", ou) AS s_ou,
        txt_state("satisfaction.rate", sat) AS s_sat,
        regexp_extract(pq, '^(.*?)[ 　]*([0-9.]+%?)?$', 1) AS pq_word,
        regexp_extract(pq, '^(.*?)[ 　]*([0-9.]+%?)?$', 2) AS pq_frac_text
    FROM v0
),
v AS (
    SELECT rid, dept_id, dept_name,
        div_state(st("spend.total"), st("budget.total"), "budget.total") AS s_budget_exec,
        "spend.total" / "budget.total" AS a_budget_exec,
        div_state(st("budget.adjusted"), st("budget.initial"), "budget.initial") AS s_budget_adjust,
        "budget.adjusted" / "budget.initial" AS a_budget_adjust,
        div_state(st("staff.in_post"), st("staff.authorized"), "staff.authorized") AS s_staff_control,
        "staff.in_post" / "staff.authorized" AS a_staff_control,
        div_state(st("carryover"), st("budget.total"), "budget.total") AS s_carryover_rate,
        "carryover" / "budget.total" AS a_carryover_rate,
        div_state(st("spend.public"), st("staff.in_post"), "staff.in_post") AS s_public_cost,
        "spend.public" / "staff.in_post" AS a_public_cost,
        CASE WHEN sm1 <> 0 THEN sm1 WHEN sm2 <> 0 THEN sm2 ELSE sm3 END AS s_mgmt_checklist,
        m1 + m2 + m3 AS a_mgmt_checklist,
        div_state(st("screening.done"), s_sc_a, sc_a) AS s_screening,
        "screening.done" / sc_a AS a_screening,
        div_state(st("mediation.succeeded"), st("mediation.accepted"), "mediation.accepted") AS s_mediation_success,
        "mediation.succeeded" / "mediation.accepted" AS a_mediation_success,
        st("training.sessions") AS s_training_sessions, "training.sessions" AS a_training_sessions,
        st("events.held") AS s_events_held, "events.held" AS a_events_held,
        st("family.served") AS s_family_served, "family.served" AS a_family_served,
        st("center.count") AS s_center_built, "center.count" AS a_center_built,
        div_state(st("mediation.accepted"), st("mediation.received"), "mediation.received") AS s_acceptance_rate,
        "mediation.accepted" / "mediation.received" AS a_acceptance_rate,
        st("criminal.cases") AS s_criminal_cases, "criminal.cases" AS a_criminal_cases,
        CASE WHEN pub IS NULL OR pub = '' THEN 1 ELSE 0 END AS s_publicity, pub,
        CASE WHEN pq IS NULL OR pq = '' THEN 1 ELSE 0 END AS s_project_quality, pq_word,
        CASE WHEN ends_with(pq_frac_text, '%') THEN TRY_CAST(rtrim(pq_frac_text, '%') || 'e-2' AS DOUBLE)
             ELSE TRY_CAST(NULLIF(pq_frac_text, '') AS DOUBLE) END AS pq_frac,
        s_ou AS s_online_reach, ou AS a_online_reach,
        st("delay.days") AS s_delay_days, "delay.days" AS a_delay_days,
        div_state(st("spend.project"), st("family.served"), "family.served") AS s_cost_per_service,
        "spend.project" / "family.served" * 10000.0::DOUBLE AS a_cost_per_service,
        st("response.hours") AS s_response_hours, "response.hours" AS a_response_hours,
        s_sat AS s_satisfaction, sat AS a_satisfaction
    FROM v1
),
-- pass 2: the batch's best for `relative`
best AS (
    SELECT max(a_training_sessions) FILTER (WHERE s_training_sessions = 0) AS best_training,
           min(a_response_hours) FILTER (WHERE s_response_hours = 0) AS best_response
    FROM v
),
-- pass 3: raw scores (NULL: the method cannot score)
r AS (
    SELECT v.*,
        -- range [90%, 110%], zero_at 20%
        CASE WHEN a_budget_exec < 0.9::DOUBLE THEN 0.9::DOUBLE - a_budget_exec
             WHEN a_budget_exec > 1.1::DOUBLE THEN a_budget_exec - 1.1::DOUBLE ELSE 0.0::DOUBLE END AS d_budget_exec,
        -- bands on the value
        CASE WHEN at_most(a_budget_adjust, 0.0::DOUBLE) THEN 3.0::DOUBLE
             WHEN above(a_budget_adjust, 0.0::DOUBLE) AND at_most(a_budget_adjust, 0.1::DOUBLE) THEN 2.0::DOUBLE
             WHEN above(a_budget_adjust, 0.1::DOUBLE) AND at_most(a_budget_adjust, 0.2::DOUBLE) THEN 1.0::DOUBLE
             WHEN above(a_budget_adjust, 0.2::DOUBLE) AND at_most(a_budget_adjust, 0.3::DOUBLE) THEN 0.5::DOUBLE
             ELSE 0.0::DOUBLE END AS r_budget_adjust,
        -- deduct <= 100%, per 1%, points 0.1
        2.0::DOUBLE - 0.1::DOUBLE * (greatest(0.0::DOUBLE, a_staff_control - 1.0::DOUBLE) / 0.01::DOUBLE) AS r_staff_control,
        -- deduct <= 5%, per 1%, points 0.5, step
        greatest(0.0::DOUBLE, a_carryover_rate - 0.05::DOUBLE) / 0.01::DOUBLE AS q_carryover_rate,
        -- inverse <= 15
        CASE WHEN at_most(a_public_cost, 15.0::DOUBLE) THEN 4.0::DOUBLE
             ELSE 4.0::DOUBLE * 15.0::DOUBLE / a_public_cost END AS r_public_cost,
        -- expr if(a >= t, w, w * a / t * 0.8)
        CASE WHEN a_mgmt_checklist >= 3.0::DOUBLE THEN 3.0::DOUBLE
             ELSE 3.0::DOUBLE * a_mgmt_checklist / 3.0::DOUBLE * 0.8::DOUBLE END AS r_mgmt_checklist,
        -- equal = 100%
        CASE WHEN abs(a_screening - 1.0::DOUBLE) <= 0.0::DOUBLE + noise(a_screening, 1.0::DOUBLE) THEN 6.0::DOUBLE
             ELSE 6.0::DOUBLE * greatest(0.0::DOUBLE, 1.0::DOUBLE - abs(a_screening - 1.0::DOUBLE) / 1.0::DOUBLE) END AS r_screening,
        -- ratio >= 35%, cap 0.95
        6.0::DOUBLE * least(a_mediation_success / 0.35::DOUBLE, 0.95::DOUBLE) AS r_mediation_success,
        -- relative, more is better
        CASE WHEN at_least(a_training_sessions, best_training) THEN 4.0::DOUBLE
             WHEN best_training > 0 THEN 4.0::DOUBLE * a_training_sessions / best_training END AS r_training_sessions,
        -- ratio >= 60 with overshoot {above 1.5, floor 0.6}
        a_events_held / 60.0::DOUBLE AS c_events_held,
        -- linear through (0, 0), (0.5, 0.4), (1, 1) over c = a / 5000
        a_family_served / 5000.0::DOUBLE AS c_family_served,
        -- threshold >= 1, partial 0.2
        CASE WHEN at_least(a_center_built, 1.0::DOUBLE) THEN 5.0::DOUBLE ELSE 5.0::DOUBLE * 0.2::DOUBLE END AS r_center_built,
        -- bands over c = a / 50% with overshoot {above 1.8, floor 0.5}
        a_acceptance_rate / 0.5::DOUBLE AS c_acceptance_rate,
        -- threshold <= 0
        CASE WHEN at_most(a_criminal_cases, 0.0::DOUBLE) THEN 4.0::DOUBLE ELSE 4.0::DOUBLE * 0.0::DOUBLE END AS r_criminal_cases,
        -- grade, fixed levels
        5.0::DOUBLE * CASE regexp_extract(pub, '^(.*?)[ 　]*([0-9.]+%?)?$', 1)
            WHEN '达成' THEN 1.0::DOUBLE WHEN '部分达成' THEN 0.7::DOUBLE WHEN '未达成' THEN 0.3::DOUBLE END AS r_publicity,
        -- ratio >= 10000
        4.0::DOUBLE * least(a_online_reach / 10000.0::DOUBLE, 1.0::DOUBLE) AS r_online_reach,
        -- range [0, 3], zero_at 10
        CASE WHEN a_delay_days < 0.0::DOUBLE THEN 0.0::DOUBLE - a_delay_days
             WHEN a_delay_days > 3.0::DOUBLE THEN a_delay_days - 3.0::DOUBLE ELSE 0.0::DOUBLE END AS d_delay_days,
        -- inverse <= 120
        CASE WHEN at_most(a_cost_per_service, 120.0::DOUBLE) THEN 4.0::DOUBLE
             ELSE 4.0::DOUBLE * 120.0::DOUBLE / a_cost_per_service END AS r_cost_per_service,
        -- relative, less is better
        CASE WHEN at_most(a_response_hours, best_response) THEN 3.0::DOUBLE
             WHEN best_response > 0 THEN 3.0::DOUBLE * best_response / a_response_hours END AS r_response_hours,
        -- ratio >= 90%
        8.0::DOUBLE * least(a_satisfaction / 0.9::DOUBLE, 1.0::DOUBLE) AS r_satisfaction
    FROM v, best
),
r2 AS (
    SELECT *,
        CASE WHEN d_budget_exec = 0 THEN 10.0::DOUBLE
             ELSE 10.0::DOUBLE * greatest(0.0::DOUBLE, 1.0::DOUBLE - d_budget_exec / 0.2::DOUBLE) END AS r_budget_exec,
        3.0::DOUBLE - 0.5::DOUBLE * floor(q_carryover_rate + (1e-9::DOUBLE + 64.0::DOUBLE * 2.220446049250313e-16::DOUBLE
            * ((abs(a_carryover_rate) + 0.05::DOUBLE) / 0.01::DOUBLE + q_carryover_rate))) AS r_carryover_rate,
        6.0::DOUBLE * CASE WHEN c_events_held > 1.5::DOUBLE
                           THEN greatest(0.6::DOUBLE, 1.0::DOUBLE - (c_events_held - 1.5::DOUBLE))
                           ELSE least(c_events_held, 1.0::DOUBLE) END AS r_events_held,
        6.0::DOUBLE * CASE WHEN c_family_served <= 0.0::DOUBLE THEN 0.0::DOUBLE
                           WHEN c_family_served >= 1.0::DOUBLE THEN 1.0::DOUBLE
                           WHEN c_family_served < 0.5::DOUBLE
                           THEN 0.0::DOUBLE + (c_family_served - 0.0::DOUBLE) / (0.5::DOUBLE - 0.0::DOUBLE) * (0.4::DOUBLE - 0.0::DOUBLE)
                           ELSE 0.4::DOUBLE + (c_family_served - 0.5::DOUBLE) / (1.0::DOUBLE - 0.5::DOUBLE) * (1.0::DOUBLE - 0.4::DOUBLE)
                      END AS r_family_served,
        CASE WHEN c_acceptance_rate > 1.8::DOUBLE
                 THEN 5.0::DOUBLE * greatest(0.5::DOUBLE, 1.0::DOUBLE - (c_acceptance_rate - 1.8::DOUBLE))
             WHEN at_least(c_acceptance_rate, 1.0::DOUBLE) THEN 5.0::DOUBLE * 1.0::DOUBLE
             WHEN at_least(c_acceptance_rate, 0.8::DOUBLE) AND below(c_acceptance_rate, 1.0::DOUBLE) THEN 5.0::DOUBLE * 0.8::DOUBLE
             WHEN at_least(c_acceptance_rate, 0.6::DOUBLE) AND below(c_acceptance_rate, 0.8::DOUBLE) THEN 5.0::DOUBLE * 0.5::DOUBLE
             ELSE 0.0::DOUBLE END AS r_acceptance_rate,
        -- grade with level bands; the department's own fraction must lie in the band
        5.0::DOUBLE * CASE
            WHEN pq_word = '达成' THEN
                CASE WHEN pq_frac IS NULL THEN 1.0::DOUBLE
                     WHEN at_least(pq_frac, 0.8::DOUBLE) AND at_most(pq_frac, 1.0::DOUBLE) THEN pq_frac END
            WHEN pq_word = '部分达成' THEN
                CASE WHEN pq_frac IS NULL THEN 0.8::DOUBLE
                     WHEN at_least(pq_frac, 0.6::DOUBLE) AND at_most(pq_frac, 0.8::DOUBLE) THEN pq_frac END
            WHEN pq_word = '未达成' THEN
                CASE WHEN pq_frac IS NULL THEN 0.6::DOUBLE
                     WHEN at_least(pq_frac, 0.0::DOUBLE) AND at_most(pq_frac, 0.6::DOUBLE) THEN pq_frac END
            END AS r_project_quality,
        CASE WHEN d_delay_days = 0 THEN 4.0::DOUBLE
             ELSE 4.0::DOUBLE * greatest(0.0::DOUBLE, 1.0::DOUBLE - d_delay_days / 10.0::DOUBLE) END AS r_delay_days
    FROM r
),
p AS (
    SELECT rid, dept_id, dept_name,
        clamp_score(s_budget_exec, r_budget_exec, 10.0::DOUBLE) AS p_budget_exec,
        clamp_score(s_budget_adjust, r_budget_adjust, 3.0::DOUBLE) AS p_budget_adjust,
        clamp_score(s_staff_control, r_staff_control, 2.0::DOUBLE) AS p_staff_control,
        clamp_score(s_carryover_rate, r_carryover_rate, 3.0::DOUBLE) AS p_carryover_rate,
        clamp_score(s_public_cost, r_public_cost, 4.0::DOUBLE) AS p_public_cost,
        clamp_score(s_mgmt_checklist, r_mgmt_checklist, 3.0::DOUBLE) AS p_mgmt_checklist,
        clamp_score(s_screening, r_screening, 6.0::DOUBLE) AS p_screening,
        clamp_score(s_mediation_success, r_mediation_success, 6.0::DOUBLE) AS p_mediation_success,
        clamp_score(s_training_sessions, r_training_sessions, 4.0::DOUBLE) AS p_training_sessions,
        clamp_score(s_events_held, r_events_held, 6.0::DOUBLE) AS p_events_held,
        clamp_score(s_family_served, r_family_served, 6.0::DOUBLE) AS p_family_served,
        clamp_score(s_center_built, r_center_built, 5.0::DOUBLE) AS p_center_built,
        clamp_score(s_acceptance_rate, r_acceptance_rate, 5.0::DOUBLE) AS p_acceptance_rate,
        clamp_score(s_criminal_cases, r_criminal_cases, 4.0::DOUBLE) AS p_criminal_cases,
        clamp_score(s_publicity, r_publicity, 5.0::DOUBLE) AS p_publicity,
        clamp_score(s_project_quality, r_project_quality, 5.0::DOUBLE) AS p_project_quality,
        clamp_score(s_online_reach, r_online_reach, 4.0::DOUBLE) AS p_online_reach,
        clamp_score(s_delay_days, r_delay_days, 4.0::DOUBLE) AS p_delay_days,
        clamp_score(s_cost_per_service, r_cost_per_service, 4.0::DOUBLE) AS p_cost_per_service,
        clamp_score(s_response_hours, r_response_hours, 3.0::DOUBLE) AS p_response_hours,
        clamp_score(s_satisfaction, r_satisfaction, 8.0::DOUBLE) AS p_satisfaction,
        -- excluded: 不适用 anywhere; missing/undefined too for on_missing: exclude
        s_screening = 3 AS e_screening,
        s_satisfaction <> 0 AS e_satisfaction,
        -- completions (for the statistics): c = a / t where the method scored
        CASE WHEN s_mediation_success = 0 THEN a_mediation_success / 0.35::DOUBLE END AS c_mediation_success,
        CASE WHEN s_events_held = 0 THEN c_events_held END AS c_events_held,
        CASE WHEN s_family_served = 0 THEN c_family_served END AS c_family_served,
        CASE WHEN s_acceptance_rate = 0 THEN c_acceptance_rate END AS c_acceptance_rate,
        CASE WHEN s_online_reach = 0 THEN a_online_reach / 10000.0::DOUBLE END AS c_online_reach,
        CASE WHEN s_satisfaction = 0 THEN a_satisfaction / 0.9::DOUBLE END AS c_satisfaction,
        CASE WHEN s_screening = 0 THEN a_screening / 1.0::DOUBLE END AS c_screening,
        CASE WHEN s_public_cost = 0 THEN a_public_cost / 15.0::DOUBLE END AS c_public_cost,
        CASE WHEN s_cost_per_service = 0 THEN a_cost_per_service / 120.0::DOUBLE END AS c_cost_per_service
    FROM r2
),
-- the total: unrounded scores summed in indicator order, rescaled to 100 over
-- the applicable weights (按百分制折算)
t AS (
    SELECT *,
        p_budget_exec + p_budget_adjust + p_staff_control + p_carryover_rate + p_public_cost
        + p_mgmt_checklist + CASE WHEN e_screening THEN 0.0::DOUBLE ELSE p_screening END
        + p_mediation_success + p_training_sessions + p_events_held + p_family_served
        + p_center_built + p_acceptance_rate + p_criminal_cases + p_publicity + p_project_quality
        + p_online_reach + p_delay_days + p_cost_per_service + p_response_hours
        + CASE WHEN e_satisfaction THEN 0.0::DOUBLE ELSE p_satisfaction END AS raw_total,
        CASE WHEN e_screening THEN 6.0::DOUBLE ELSE 0.0::DOUBLE END
        + CASE WHEN e_satisfaction THEN 8.0::DOUBLE ELSE 0.0::DOUBLE END AS excluded_w
    FROM p
),
t2 AS (
    SELECT *,
        CASE WHEN excluded_w > 0 THEN raw_total * 100.0::DOUBLE / (100.0::DOUBLE - excluded_w)
             ELSE raw_total END AS total
    FROM t
),
t3a AS (
    SELECT *, CASE WHEN total > 0 THEN floor(log10(total))::BIGINT END AS e0 FROM t2
),
t3b AS (
    SELECT *, round(total * pow(10.0, 14 - e0)) AS m0 FROM t3a
),
-- 15 significant digits: log10 may be one off at powers of ten
t3 AS (
    SELECT *, e0 + CASE WHEN m0 >= 1e15 THEN 1 WHEN m0 < 1e14 THEN -1 ELSE 0 END AS e15 FROM t3b
),
t4 AS (
    SELECT *,
        CASE WHEN total > 0
             THEN round2_m(round(total * pow(10.0, 14 - e15))::BIGINT, 12 - e15)::DOUBLE / 100.0::DOUBLE
             ELSE 0.0::DOUBLE END AS total_r
    FROM t3
)
SELECT *,
    CASE WHEN total_r >= 90 THEN '优' WHEN total_r >= 80 THEN '良'
         WHEN total_r >= 60 THEN '中' WHEN total_r >= 0 THEN '差' ELSE '' END AS grade,
    rank() OVER (ORDER BY total_r DESC) AS rank
FROM t4;

-- @columns all
-- the table `jixiao score --format csv` writes (docs/data.md §6), without its two
-- diagnostic text columns (flags, reason); an excluded indicator's score is blank
COPY (SELECT dept_id, dept_name,
       CASE WHEN excluded_w < 100.0::DOUBLE THEN 'scored' ELSE 'rejected' END AS status, printf('%.2f', total_r) AS score, grade, rank,
       printf('%.2f', p_budget_exec) AS budget_exec,
       printf('%.2f', p_budget_adjust) AS budget_adjust,
       printf('%.2f', p_staff_control) AS staff_control,
       printf('%.2f', p_carryover_rate) AS carryover_rate,
       printf('%.2f', p_public_cost) AS public_cost,
       printf('%.2f', p_mgmt_checklist) AS mgmt_checklist,
       CASE WHEN NOT e_screening THEN printf('%.2f', p_screening) END AS screening,
       printf('%.2f', p_mediation_success) AS mediation_success,
       printf('%.2f', p_training_sessions) AS training_sessions,
       printf('%.2f', p_events_held) AS events_held,
       printf('%.2f', p_family_served) AS family_served,
       printf('%.2f', p_center_built) AS center_built,
       printf('%.2f', p_acceptance_rate) AS acceptance_rate,
       printf('%.2f', p_criminal_cases) AS criminal_cases,
       printf('%.2f', p_publicity) AS publicity,
       printf('%.2f', p_project_quality) AS project_quality,
       printf('%.2f', p_online_reach) AS online_reach,
       printf('%.2f', p_delay_days) AS delay_days,
       printf('%.2f', p_cost_per_service) AS cost_per_service,
       printf('%.2f', p_response_hours) AS response_hours,
       CASE WHEN NOT e_satisfaction THEN printf('%.2f', p_satisfaction) END AS satisfaction
      FROM scored ORDER BY rid)
TO ${OUT} (HEADER, DELIMITER ',');
-- @columns total
-- the narrower baseline (docs/performance.md): the total, grade and rank only
COPY (SELECT dept_id, printf('%.2f', total_r) AS score, grade, rank FROM scored ORDER BY rid)
TO ${OUT} (HEADER, DELIMITER ',');
-- @columns end

-- batch statistics (docs/data.md §6.1, "summary"): the total, then each indicator's score and completion
CREATE OR REPLACE TEMP TABLE summary_total AS
SELECT count(*) AS n, avg(total) AS mean, stddev_samp(total) AS sd, min(total) AS min,
       quantile_cont(total, [0.1, 0.25, 0.5, 0.75, 0.9]) AS quantiles, max(total) AS max,
       1.4826 * mad(total) AS mad,
       count(*) FILTER (WHERE grade = '优') AS n_you, count(*) FILTER (WHERE grade = '良') AS n_liang,
       count(*) FILTER (WHERE grade = '中') AS n_zhong, count(*) FILTER (WHERE grade = '差') AS n_cha
FROM scored;

CREATE OR REPLACE TEMP TABLE summary_outliers AS
SELECT count(*) FILTER (WHERE abs((total - q[3]) / m) > 3.5) AS outliers,
       max(abs((total - mean) / sd)) AS max_abs_z
FROM scored, (SELECT quantiles AS q, mad AS m, mean, sd FROM summary_total);

CREATE OR REPLACE TEMP TABLE summary_indicators AS
SELECT name, count(*) AS n, avg(x) AS mean, stddev_samp(x) AS sd, min(x) AS min,
       quantile_cont(x, [0.1, 0.25, 0.5, 0.75, 0.9]) AS quantiles, max(x) AS max,
       1.4826 * mad(x) AS mad
FROM (UNPIVOT (SELECT * EXCLUDE (p_screening, p_satisfaction),
                      CASE WHEN NOT e_screening THEN p_screening END AS p_screening,
                      CASE WHEN NOT e_satisfaction THEN p_satisfaction END AS p_satisfaction
               FROM scored)
      ON COLUMNS('^[pc]_') INTO NAME name VALUE x)
GROUP BY name ORDER BY name;

COPY (SELECT (SELECT to_json(s) FROM summary_total s) AS total,
             (SELECT to_json(o) FROM summary_outliers o) AS outliers,
             (SELECT to_json(list(i)) FROM summary_indicators i) AS indicators)
TO ${SUMMARY} (FORMAT json);
