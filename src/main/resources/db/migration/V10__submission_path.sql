-- What a submission costs the database, from bench/run's profile (pg_stat_statements over a stream of
-- submitPetition at 100,000 petitions): about 10 ms of PostgreSQL CPU per submission, most of it in
-- two places this migration changes.

-- 1. The rollup triggers (V5, V8, V9) EXECUTEd their merge statement, so PostgreSQL parsed and planned
--    it again on every INSERT and UPDATE of a petition: 1.6 and 2.4 ms of a submission's trigger time.
--    The statements are now written into the trigger functions, where PL/pgSQL keeps their plans for
--    the session: 0.2 and 0.35 ms. They are generated here from the same merge_sql functions the
--    backfills use, so there is still one text of each statement.
CREATE FUNCTION pg_temp.write_merge_trigger(trigger_function name, merge_sql regproc) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
    on_insert text;
    on_update text;
    on_delete text;
BEGIN
    EXECUTE format('SELECT %1$s($1), %1$s($2), %1$s($3)', merge_sql)
        INTO on_insert, on_update, on_delete
        USING 'SELECT 1 AS sign, n.* FROM new_rows n',
              'SELECT 1 AS sign, n.* FROM new_rows n UNION ALL SELECT -1, o.* FROM old_rows o',
              'SELECT -1 AS sign, o.* FROM old_rows o';
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
$body$$f$, trigger_function, on_insert, on_update, on_delete);
END
$fn$;

SELECT pg_temp.write_merge_trigger('petition_rollup_apply', 'petition_rollup_merge_sql');
SELECT pg_temp.write_merge_trigger('petition_cell_month_apply', 'petition_cell_month_merge_sql');

-- 2. Dispatch looks up the grid members and liaisons of the petition's cell (PersonDirectory). The
--    lookups joined every duty area, and every home, cut to each level of the hierarchy: 5 ms each,
--    whatever the size of the answer. An area's code prefixes the codes of all areas below it, and
--    codes are digits, so "below or at 360322101" is the byte-order range [360322101, 360322101:)
--    (':' follows '9'), which these indexes answer directly.
CREATE INDEX person_duty_area_code_c_idx ON person_duty_area ((area_code COLLATE "C"));
CREATE INDEX person_home_area_c_idx ON person ((home_area_code COLLATE "C"));

-- 3. Dispatch counts each candidate's open cases to pick the least loaded; the count read every case
--    the person ever had (1 ms for a busy grid member). Only open cases are indexed here.
CREATE INDEX petition_open_assignee_idx ON petition (assignee_id)
    WHERE status IN ('ASSIGNED', 'ACCEPTED', 'IN_PROGRESS');
