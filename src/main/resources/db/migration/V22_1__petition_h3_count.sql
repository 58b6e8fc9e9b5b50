-- Petitions per H3 cell and month, and per H3 cell and year, at every resolution the API offers
-- (5 to 12), for H3 hot spots.
--
-- hotspots(unit: H3) used to stream every point of the area and period into Java and place each in
-- its cell: a county's year at 1,000,000 petitions read a million rows per request. Here each
-- petition is counted once per resolution, in the cell h3_cells_5_to_12 (V22) gives its point, so an
-- area's counts are the rows of its petitions' area codes (a range in the "C" collation, as
-- AreaCodeRange reads petition.area_code) summed per cell: at most cells x months (or years) rows
-- whatever the number of petitions. A period is read as its whole years, then its whole months before and after
-- them (at 200,000 petitions a county's all time at resolution 9 was 112,000 month rows, 0.16 s, and
-- is about 15,000 year rows); the months only partly covered are still counted from the points
-- (AnalyticsRepository.h3CellCounts).
--
-- Kept like petition_cell_month (V8), by statement-level triggers with transition tables, in the
-- transaction that writes the petition. Only a change of point, area or submission time moves a
-- petition between rows; every other update (the lifecycle's) is skipped before any cell is computed.
-- No category: with it a county's year would be about one row per petition, as the daily rollup is
-- at the grid cell grain (V8); hot spots of one category stream the points as before.
CREATE TABLE petition_h3_count (
    resolution smallint    NOT NULL CHECK (resolution BETWEEN 5 AND 12),
    -- 'M': the row counts a month, 'Y': a year (the same petitions again).
    span       char(1)     NOT NULL CHECK (span IN ('M', 'Y')),
    -- The petition's area code (a grid cell's, or a village's when no cell held the point).
    area_code  varchar(15) COLLATE "C" NOT NULL,
    -- The first day of the month or year of submission, in China Standard Time as the rollup's days.
    start      date        NOT NULL,
    -- The H3 index (a 64-bit integer, as H3Core's long).
    cell       bigint      NOT NULL,
    petitions  integer     NOT NULL,
    -- Covering, so that each read is an index-only range scan.
    PRIMARY KEY (resolution, span, area_code, start, cell) INCLUDE (petitions)
);

CREATE FUNCTION petition_h3_count_merge_sql(changes text) RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($sql$
    -- Materialised: each point's cells are computed once, not once per span.
    WITH binned AS MATERIALIZED (
        SELECT c.sign, c.area_code, c.submitted_at AT TIME ZONE 'Asia/Shanghai' AS local_time, h.cell,
               4 + h.ordinality AS resolution
        FROM (%s) c
        CROSS JOIN LATERAL unnest(h3_cells_5_to_12(ST_Y(c.point), ST_X(c.point))) WITH ORDINALITY AS h(cell, ordinality))
    INSERT INTO petition_h3_count AS m (resolution, span, area_code, start, cell, petitions)
    SELECT b.resolution, s.span, b.area_code, date_trunc(s.field, b.local_time)::date, b.cell, sum(b.sign)
    FROM binned b
    CROSS JOIN (VALUES ('M', 'month'), ('Y', 'year')) AS s(span, field)
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(b.sign) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (resolution, span, area_code, start, cell) DO UPDATE SET petitions = m.petitions + excluded.petitions
$sql$, changes)
$fn$;

CREATE FUNCTION petition_h3_count_apply() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    EXECUTE petition_h3_count_merge_sql(CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, n.area_code, n.submitted_at, n.point FROM new_rows n'
        -- Computing cells costs about a quarter of a millisecond a petition: only for rows whose
        -- place or time changed.
        WHEN 'UPDATE' THEN 'SELECT s.* FROM new_rows n JOIN old_rows o ON o.id = n.id
            CROSS JOIN LATERAL (VALUES (1, n.area_code, n.submitted_at, n.point),
                                       (-1, o.area_code, o.submitted_at, o.point)) AS s(sign, area_code, submitted_at, point)
            WHERE (n.area_code, n.submitted_at, n.point) IS DISTINCT FROM (o.area_code, o.submitted_at, o.point)'
        ELSE 'SELECT -1 AS sign, o.area_code, o.submitted_at, o.point FROM old_rows o' END);
    RETURN NULL;
END
$fn$;

CREATE TRIGGER petition_h3_count_after_insert AFTER INSERT ON petition
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION petition_h3_count_apply();
CREATE TRIGGER petition_h3_count_after_update AFTER UPDATE ON petition
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION petition_h3_count_apply();
CREATE TRIGGER petition_h3_count_after_delete AFTER DELETE ON petition
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION petition_h3_count_apply();

-- Petitions written before this migration: 142 s for 200,000 on the shared two-core machine.
DO $$ BEGIN
    EXECUTE petition_h3_count_merge_sql('SELECT 1 AS sign, p.area_code, p.submitted_at, p.point FROM petition p');
END $$;
