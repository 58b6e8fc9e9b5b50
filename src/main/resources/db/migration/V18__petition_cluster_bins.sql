-- Petitions binned for the clusters of the petitions tile (map/VectorTileRepository), issue 17.
--
-- Below z13 the petitions tile is clusters: one per cell of 256 tile units (16 x 16 a tile). Built
-- from the points, the county's z10 tile read, placed and grouped every petition of the year on each
-- request (171 ms at the demo's volume). Every cluster cell of a tile at z12 or below is a whole
-- block of the cluster cells of z12 (2^16 x 2^16 over the world, about 540 m here), so this table
-- holds the petitions per z12 cluster cell, China day of submission and status, with the sums of
-- their Web Mercator coordinates (a cluster is drawn at its points' mean, as before); a tile sums
-- the rows of its block. sensitive_area is '' for categories whose points are shown, and the area
-- code for sensitive ones: who does not handle such a case sees it at its area's point, which the
-- tile works out per area, not per petition.
--
-- Kept like the rollups (V5, V8, V10): statement-level triggers with transition tables, in the
-- transaction that writes the petition; an update that moves nothing nets to zero and writes nothing.
CREATE TABLE petition_cluster_bin (
    -- Column and row of the z12 cluster cell of the exact point (x east, y south, 0..65535).
    bin_x          integer      NOT NULL,
    bin_y          integer      NOT NULL,
    -- Day of submission in China Standard Time, as the rollups' days.
    day            date         NOT NULL,
    status         varchar(12)  NOT NULL,
    sensitive_area varchar(15)  NOT NULL,
    petitions      integer      NOT NULL,
    -- Sums of the points' Web Mercator x and y (EPSG:3857 metres).
    sum_x          double precision NOT NULL,
    sum_y          double precision NOT NULL,
    PRIMARY KEY (bin_x, bin_y, day, status, sensitive_area)
);

-- The sensitive rows of every area, wherever their exact points lie (they are drawn at the area's).
CREATE INDEX petition_cluster_bin_sensitive_idx ON petition_cluster_bin (day, sensitive_area)
    WHERE sensitive_area <> '';

CREATE FUNCTION petition_cluster_bin_merge_sql(changes text) RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($sql$
    WITH placed AS (
        SELECT c.sign, (c.submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS day, c.status,
               CASE WHEN k.sensitive THEN c.area_code ELSE '' END AS sensitive_area,
               ST_X(c.point) * 20037508.342789244 / 180 AS x,
               ln(tan(radians(90 + ST_Y(c.point)) / 2)) * 6378137 AS y
        FROM (%s) c JOIN category k ON k.code = c.category_code)
    INSERT INTO petition_cluster_bin AS b (bin_x, bin_y, day, status, sensitive_area, petitions, sum_x, sum_y)
    SELECT least(greatest(floor((p.x + 20037508.342789244) * 65536 / 40075016.685578488), 0), 65535)::int,
           least(greatest(floor((20037508.342789244 - p.y) * 65536 / 40075016.685578488), 0), 65535)::int,
           p.day, p.status, p.sensitive_area, sum(p.sign), sum(p.sign * p.x), sum(p.sign * p.y)
    FROM placed p
    GROUP BY 1, 2, 3, 4, 5
    -- A new assignee, a note: nothing this table holds changed.
    HAVING sum(p.sign) <> 0 OR sum(p.sign * p.x) <> 0 OR sum(p.sign * p.y) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (bin_x, bin_y, day, status, sensitive_area) DO UPDATE SET
        petitions = b.petitions + excluded.petitions,
        sum_x     = b.sum_x + excluded.sum_x,
        sum_y     = b.sum_y + excluded.sum_y
$sql$, changes)
$fn$;

-- The statements written into the trigger function (PL/pgSQL keeps their plans), as V10 does (its
-- pg_temp helper may still exist in this session: Flyway runs every pending migration in one).
CREATE OR REPLACE FUNCTION pg_temp.write_merge_trigger(trigger_function name, merge_sql regproc) RETURNS void
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

SELECT pg_temp.write_merge_trigger('petition_cluster_bin_apply', 'petition_cluster_bin_merge_sql');

CREATE TRIGGER petition_cluster_bin_after_insert AFTER INSERT ON petition
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION petition_cluster_bin_apply();
CREATE TRIGGER petition_cluster_bin_after_update AFTER UPDATE ON petition
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION petition_cluster_bin_apply();
CREATE TRIGGER petition_cluster_bin_after_delete AFTER DELETE ON petition
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION petition_cluster_bin_apply();

-- Petitions written before this migration.
DO $$ BEGIN EXECUTE petition_cluster_bin_merge_sql('SELECT 1 AS sign, p.* FROM petition p'); END $$;
