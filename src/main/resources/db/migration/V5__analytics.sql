-- Analytics: a daily rollup of petitions per area, kept up to date by statement-level triggers, and
-- the partial indexes behind the two numbers a rollup cannot hold (overdue, median time to close).

-- One row per (level of the hierarchy, area, submission day, category, current status, handling level).
-- `grain` is the code length the petition's area code was cut to: 6 county, 9 township, 12 village,
-- 15 grid cell. Each petition is counted once at every grain its area code reaches, so an area's
-- numbers are rows with grain = length(code) AND area_code = code: an equality, never a prefix scan,
-- and the county's year is a few thousand rows whatever the number of petitions.
CREATE TABLE petition_rollup (
    grain           smallint    NOT NULL CHECK (grain IN (6, 9, 12, 15)),
    area_code       varchar(15) NOT NULL,
    -- The day the petition was submitted, in China Standard Time (the service's users' calendar).
    day             date        NOT NULL,
    category_code   varchar(32) NOT NULL,
    status          varchar(12) NOT NULL,
    level           varchar(10) NOT NULL,
    petitions       integer     NOT NULL,
    -- Closed petitions that had a time limit, and those of them closed within it.
    closed_with_due integer     NOT NULL,
    closed_on_time  integer     NOT NULL,
    -- Petitions the citizen rated, and those rated SATISFIED or BASICALLY_SATISFIED.
    rated           integer     NOT NULL,
    satisfied       integer     NOT NULL,
    PRIMARY KEY (grain, area_code, day, category_code, status, level)
);
-- A key whose petitions have all moved to another status keeps a row of zeros: harmless in sums,
-- and it is the key the next petition of that day would need again.
CREATE INDEX petition_rollup_day_idx ON petition_rollup (grain, day);

-- The statement that merges a set of signed petition rows (sign +1 added, -1 removed, then the
-- petition's columns) into the rollup. One text, used by the triggers and the backfill below: the
-- triggers EXECUTE it so that it sees their transition tables. Keys are merged in key order, so
-- concurrent writers lock rollup rows in the same order.
CREATE FUNCTION petition_rollup_merge_sql(changes text) RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($sql$
    WITH signed AS (
        SELECT c.sign, c.area_code, (c.submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS day,
               c.category_code, c.status, c.level,
               CASE WHEN c.status = 'CLOSED' AND c.due_at IS NOT NULL THEN c.sign ELSE 0 END AS closed_with_due,
               CASE WHEN c.status = 'CLOSED' AND c.closed_at <= c.due_at THEN c.sign ELSE 0 END AS closed_on_time,
               CASE WHEN c.satisfaction IS NOT NULL THEN c.sign ELSE 0 END AS rated,
               CASE WHEN c.satisfaction IN ('SATISFIED', 'BASICALLY_SATISFIED') THEN c.sign ELSE 0 END AS satisfied
        FROM (%s) c)
    INSERT INTO petition_rollup AS r (grain, area_code, day, category_code, status, level,
        petitions, closed_with_due, closed_on_time, rated, satisfied)
    SELECT g.grain, left(s.area_code, g.grain), s.day, s.category_code, s.status, s.level,
           sum(s.sign), sum(s.closed_with_due), sum(s.closed_on_time), sum(s.rated), sum(s.satisfied)
    FROM signed s
    JOIN (VALUES (6), (9), (12), (15)) AS g(grain) ON g.grain <= length(s.area_code)
    GROUP BY 1, 2, 3, 4, 5, 6
    -- An update that changed nothing the rollup counts (a new assignee) nets to zero: skip it.
    HAVING sum(s.sign) <> 0 OR sum(s.closed_with_due) <> 0 OR sum(s.closed_on_time) <> 0
        OR sum(s.rated) <> 0 OR sum(s.satisfied) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (grain, area_code, day, category_code, status, level) DO UPDATE SET
        petitions       = r.petitions + excluded.petitions,
        closed_with_due = r.closed_with_due + excluded.closed_with_due,
        closed_on_time  = r.closed_on_time + excluded.closed_on_time,
        rated           = r.rated + excluded.rated,
        satisfied       = r.satisfied + excluded.satisfied
$sql$, changes)
$fn$;

CREATE FUNCTION petition_rollup_apply() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    EXECUTE petition_rollup_merge_sql(CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, n.* FROM new_rows n'
        WHEN 'UPDATE' THEN 'SELECT 1 AS sign, n.* FROM new_rows n UNION ALL SELECT -1, o.* FROM old_rows o'
        ELSE 'SELECT -1 AS sign, o.* FROM old_rows o' END);
    RETURN NULL;
END
$fn$;

-- Statement-level, with transition tables: a COPY of 27,000 rows is one set-based merge, a
-- lifecycle transition a merge of at most 8 rows. (PostgreSQL allows transition tables only on
-- single-event triggers, hence three.)
CREATE TRIGGER petition_rollup_after_insert AFTER INSERT ON petition
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION petition_rollup_apply();
CREATE TRIGGER petition_rollup_after_update AFTER UPDATE ON petition
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION petition_rollup_apply();
CREATE TRIGGER petition_rollup_after_delete AFTER DELETE ON petition
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION petition_rollup_apply();

-- Petitions written before this migration.
DO $$ BEGIN EXECUTE petition_rollup_merge_sql('SELECT 1 AS sign, p.* FROM petition p'); END $$;

-- Overdue depends on the clock, not on a write, so no rollup can hold it. Open petitions are few
-- (most close within days), and this index holds only them. Both indexes lead with the area code
-- in the "C" collation so that "in area X" is the plain range [X, X || ':') (':' sorts right
-- after '9'), which an index can answer for any number of areas in one statement.
CREATE INDEX petition_open_area_idx ON petition ((area_code COLLATE "C"), submitted_at)
    INCLUDE (due_at, category_code)
    WHERE status IN ('SUBMITTED', 'ASSIGNED', 'ACCEPTED', 'IN_PROGRESS');

-- Median hours to close: an exact percentile over the closed petitions of the area and period,
-- read from this covering index alone.
CREATE INDEX petition_closed_area_idx ON petition ((area_code COLLATE "C"), submitted_at)
    INCLUDE (closed_at, category_code)
    WHERE status = 'CLOSED';

-- Clusters and hexagon hotspots read the points of an area and period.
CREATE INDEX petition_area_submitted_idx ON petition ((area_code COLLATE "C"), submitted_at)
    INCLUDE (category_code);
