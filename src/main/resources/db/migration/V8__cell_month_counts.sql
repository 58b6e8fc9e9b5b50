-- Petitions per grid cell and month, for grid hot spots over whole months.
--
-- Grid hot spots count the petitions of every cell in a period, whatever their status. At the cell
-- grain the daily rollup (V5) holds about one row per petition (cells × days × categories × statuses
-- is sparse), so a county's history summed about 100,000 rollup rows at 100,000 petitions: 3.3 s for
-- hotspots(unit: GRID) on the county in bench/run, and it grows with the petitions. Per cell and month
-- with no other key, a year is at most 2,339 × 12 rows however many petitions there are.
--
-- Kept like the rollup, by statement-level triggers with transition tables. Status changes (the
-- lifecycle's only updates) net to zero per key and write nothing, so they take no row lock here.
CREATE TABLE petition_cell_month (
    -- The grid cell's code: petitions whose area code is a cell (15 digits).
    area_code varchar(15) NOT NULL,
    -- The first day of the month of submission, in China Standard Time as the rollup's days.
    month     date        NOT NULL,
    petitions integer     NOT NULL,
    PRIMARY KEY (area_code, month)
);

CREATE FUNCTION petition_cell_month_merge_sql(changes text) RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($sql$
    INSERT INTO petition_cell_month AS m (area_code, month, petitions)
    SELECT c.area_code, date_trunc('month', c.submitted_at AT TIME ZONE 'Asia/Shanghai')::date, sum(c.sign)
    FROM (%s) c
    WHERE length(c.area_code) = 15
    GROUP BY 1, 2
    HAVING sum(c.sign) <> 0
    ORDER BY 1, 2
    ON CONFLICT (area_code, month) DO UPDATE SET petitions = m.petitions + excluded.petitions
$sql$, changes)
$fn$;

CREATE FUNCTION petition_cell_month_apply() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    EXECUTE petition_cell_month_merge_sql(CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, n.* FROM new_rows n'
        WHEN 'UPDATE' THEN 'SELECT 1 AS sign, n.* FROM new_rows n UNION ALL SELECT -1, o.* FROM old_rows o'
        ELSE 'SELECT -1 AS sign, o.* FROM old_rows o' END);
    RETURN NULL;
END
$fn$;

CREATE TRIGGER petition_cell_month_after_insert AFTER INSERT ON petition
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION petition_cell_month_apply();
CREATE TRIGGER petition_cell_month_after_update AFTER UPDATE ON petition
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION petition_cell_month_apply();
CREATE TRIGGER petition_cell_month_after_delete AFTER DELETE ON petition
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION petition_cell_month_apply();

-- Petitions written before this migration.
DO $$ BEGIN EXECUTE petition_cell_month_merge_sql('SELECT 1 AS sign, p.* FROM petition p'); END $$;
