-- A cancelled long batch stops: statement_timeout on jixiao_score_table
-- over 4.2 million rows (big 1 000 times) returns the cancel error within
-- a few seconds, and the backend goes on.
CREATE FUNCTION cancelled_within(seconds int, query text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz := clock_timestamp();
BEGIN
    EXECUTE query;
    RETURN 'not cancelled';
EXCEPTION WHEN query_canceled THEN
    RETURN format('cancelled (%s) within %s s: %s', SQLERRM, seconds,
                  clock_timestamp() - t0 < make_interval(secs => seconds));
END $$;

SET statement_timeout = '1s';
SELECT cancelled_within(5, $q$
    SELECT count(*) FROM jixiao_score_table(
        (SELECT yaml FROM rule_sets WHERE name = 'yueyang'),
        'SELECT b.* FROM big b, generate_series(1, 1000) g')
$q$);

-- With the results asked for, 4 200 departments read and scored in a
-- fraction of a second: cancelled while their JSON is written.
SELECT cancelled_within(5, $q$
    SELECT count(*) FROM jixiao_score_table(
        (SELECT yaml FROM rule_sets WHERE name = 'yueyang'), 'SELECT * FROM big')
$q$);

-- jixiao_score over many rows stops the same way (the executor checks
-- between rows).
SELECT cancelled_within(5, $q$
    SELECT count(jixiao_score((SELECT yaml FROM rule_sets WHERE name = 'yueyang'), to_jsonb(b)))
      FROM big b, generate_series(1, 100) g
$q$);
RESET statement_timeout;

SELECT count(*) AS still_working
  FROM jixiao_score_table((SELECT yaml FROM rule_sets WHERE name = 'yueyang'),
                          'SELECT * FROM demo', false);
