-- What every statement that writes petitions paid in triggers, whatever it changed (issue 19,
-- round six). PostgreSQL's own function statistics (track_functions = 'pl') over bench/run's
-- submissions at 1,000,000 petitions, and EXPLAIN ANALYZE of an UPDATE of petition that changes no
-- row at all (every statement-level trigger fires once per statement, even for no rows):
--   petition_close_hours_apply 0.4 ms and petition_h3_count_apply 0.3 ms a call with nothing to do:
--   both EXECUTEd their merge statement (V22_1, V22_2), so PostgreSQL parsed and planned it again on
--   every INSERT, UPDATE and DELETE of petitions, as the rollups did before V10;
--   petition_touched_by_events (V16), on every INSERT of timeline events, sent an UPDATE of petition
--   even when no petition's updated_at was behind its events (a submission's SUBMITTED event is at
--   its submission time, which is already its updated_at): the five trigger families of petition ran
--   for nothing, about 1 ms per statement.

-- 1. The two merges written into their trigger functions, where PL/pgSQL keeps their plans for the
--    session (as V10 did for the rollups), generated from the same merge_sql functions the backfills
--    use, so there is still one text of each statement.
CREATE FUNCTION pg_temp.write_merge_trigger(trigger_function name, merge_sql regproc, on_insert text,
    on_update text, on_delete text) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
    insert_sql text;
    update_sql text;
    delete_sql text;
BEGIN
    EXECUTE format('SELECT %1$s($1), %1$s($2), %1$s($3)', merge_sql)
        INTO insert_sql, update_sql, delete_sql
        USING on_insert, on_update, on_delete;
    -- Each branch is parsed at its first run only, so an INSERT trigger never meets old_rows.
    EXECUTE format($f$
CREATE OR REPLACE FUNCTION %I() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    IF TG_OP = 'INSERT' THEN
        %s;
    ELSIF TG_OP = 'UPDATE' THEN
        %s;
    ELSE
        %s;
    END IF;
    RETURN NULL;
END
$body$$f$, trigger_function, insert_sql, update_sql, delete_sql);
END
$fn$;

-- The changes as V22_2 gave them; on an update only closed petitions count (the merge's own WHERE),
-- so a dispatch or a note reads its rows and writes nothing.
SELECT pg_temp.write_merge_trigger('petition_close_hours_apply', 'petition_close_hours_merge_sql',
    'SELECT 1 AS sign, n.* FROM new_rows n',
    'SELECT 1 AS sign, n.* FROM new_rows n UNION ALL SELECT -1, o.* FROM old_rows o',
    'SELECT -1 AS sign, o.* FROM old_rows o');

-- The changes as V22_1 gave them: cells are computed (about a quarter of a millisecond a petition)
-- only for rows whose place or time changed.
SELECT pg_temp.write_merge_trigger('petition_h3_count_apply', 'petition_h3_count_merge_sql',
    'SELECT 1 AS sign, n.area_code, n.submitted_at, n.point FROM new_rows n',
    'SELECT s.* FROM new_rows n JOIN old_rows o ON o.id = n.id
            CROSS JOIN LATERAL (VALUES (1, n.area_code, n.submitted_at, n.point),
                                       (-1, o.area_code, o.submitted_at, o.point)) AS s(sign, area_code, submitted_at, point)
            WHERE (n.area_code, n.submitted_at, n.point) IS DISTINCT FROM (o.area_code, o.submitted_at, o.point)',
    'SELECT -1 AS sign, o.area_code, o.submitted_at, o.point FROM old_rows o');

-- 2. A petition's updated_at follows its timeline; the UPDATE is sent only when some petition of the
--    inserted events is behind them. The service writes updated_at with the change itself where it
--    can (one row version, not two), so this mostly finds nothing to do.
CREATE OR REPLACE FUNCTION petition_touched_by_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM inserted_events e JOIN petition p ON p.id = e.petition_id WHERE p.updated_at < e.at) THEN
        UPDATE petition p SET updated_at = e.at
          FROM (SELECT petition_id, max(at) AS at FROM inserted_events GROUP BY petition_id) e
         WHERE p.id = e.petition_id AND p.updated_at < e.at;
    END IF;
    RETURN NULL;
END $$;
