-- 屋场贴心会: house-yard meetings, their attendees and items, and a daily rollup of what was held
-- and raised, for the area statistics at every level. Owned by the meeting module.

CREATE TABLE meeting (
    id               bigserial     PRIMARY KEY,
    title            varchar(100)  NOT NULL,
    status           varchar(10)   NOT NULL CHECK (status IN ('PLANNED', 'HELD', 'CANCELLED')),
    version          integer       NOT NULL DEFAULT 0,
    -- Located as petitions are: a WGS84 point, the grid cell it falls in (when known) and the
    -- finest area known; how it was located decides how its items are filed.
    point            geometry(Point, 4326) NOT NULL,
    grid_code        varchar(15)   REFERENCES area (code),
    area_code        varchar(15)   NOT NULL REFERENCES area (code),
    match_method     varchar(10)   NOT NULL,
    match_distance_m double precision NOT NULL,
    located_by       varchar(5)    NOT NULL CHECK (located_by IN ('POINT', 'AREA', 'PLACE')),
    place_text       varchar(100),
    scheduled_at     timestamptz   NOT NULL,
    held_at          timestamptz,
    agenda           varchar(2000),
    summary          varchar(4000),
    convener_id      bigint        NOT NULL REFERENCES person (id),
    household_count  integer       CHECK (household_count >= 0),
    attendance       integer       CHECK (attendance >= 0),
    cancel_reason    varchar(500),
    created_at       timestamptz   NOT NULL,
    CHECK ((status = 'HELD') = (held_at IS NOT NULL))
);
CREATE INDEX meeting_area_idx ON meeting ((area_code COLLATE "C"), scheduled_at);
CREATE INDEX meeting_point_idx ON meeting USING gist (point);

-- The programme's people present (household representatives are counted, not named).
CREATE TABLE meeting_attendee (
    meeting_id bigint NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    person_id  bigint NOT NULL REFERENCES person (id),
    PRIMARY KEY (meeting_id, person_id)
);

-- Every opinion or request raised: answered on the spot, or filed as a petition and followed
-- (FILED until the petition is closed or withdrawn, then CLOSED). The meeting's area and time are
-- repeated here so the rollup trigger needs no join.
CREATE TABLE meeting_item (
    id            bigserial     PRIMARY KEY,
    meeting_id    bigint        NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    position      integer       NOT NULL,
    text          varchar(2000) NOT NULL,
    raised_by     varchar(50),
    status        varchar(16)   NOT NULL CHECK (status IN ('ANSWERED_ON_SITE', 'FILED', 'CLOSED')),
    answer        varchar(2000),
    category_code varchar(32)   REFERENCES category (code),
    petition_id   bigint        UNIQUE REFERENCES petition (id),
    area_code     varchar(15)   NOT NULL,
    held_at       timestamptz   NOT NULL,
    UNIQUE (meeting_id, position),
    CHECK ((status = 'ANSWERED_ON_SITE') = (answer IS NOT NULL)),
    CHECK ((status = 'ANSWERED_ON_SITE') = (petition_id IS NULL))
);

-- Meetings held and items raised per level of the hierarchy, area and day (China Standard Time)
-- of the meeting, like petition_rollup (V5): an area's figures are rows with
-- grain = length(code) AND area_code = code.
CREATE TABLE meeting_rollup (
    grain        smallint    NOT NULL CHECK (grain IN (6, 9, 12, 15)),
    area_code    varchar(15) NOT NULL,
    day          date        NOT NULL,
    meetings     integer     NOT NULL,
    items        integer     NOT NULL,
    -- Items answered on the spot or whose petition is closed or withdrawn.
    items_closed integer     NOT NULL,
    PRIMARY KEY (grain, area_code, day)
);

-- Merges signed rows (sign, area_code, at, meetings, items, items_closed) into the rollup.
CREATE FUNCTION meeting_rollup_merge_sql(changes text) RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($sql$
    INSERT INTO meeting_rollup AS r (grain, area_code, day, meetings, items, items_closed)
    SELECT g.grain, left(c.area_code, g.grain), (c.at AT TIME ZONE 'Asia/Shanghai')::date,
           sum(c.sign * c.meetings), sum(c.sign * c.items), sum(c.sign * c.items_closed)
    FROM (%s) c
    JOIN (VALUES (6), (9), (12), (15)) AS g(grain) ON g.grain <= length(c.area_code)
    WHERE c.at IS NOT NULL
    GROUP BY 1, 2, 3
    HAVING sum(c.sign * c.meetings) <> 0 OR sum(c.sign * c.items) <> 0 OR sum(c.sign * c.items_closed) <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT (grain, area_code, day) DO UPDATE SET
        meetings     = r.meetings + excluded.meetings,
        items        = r.items + excluded.items,
        items_closed = r.items_closed + excluded.items_closed
$sql$, changes)
$fn$;

CREATE FUNCTION meeting_rollup_apply_meeting() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    shape CONSTANT text := ' AS sign, x.area_code, x.held_at AS at, CASE WHEN x.status = ''HELD'' THEN 1 ELSE 0 END AS meetings, 0 AS items, 0 AS items_closed FROM ';
BEGIN
    EXECUTE meeting_rollup_merge_sql(CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1' || shape || 'new_rows x'
        WHEN 'UPDATE' THEN 'SELECT 1' || shape || 'new_rows x UNION ALL SELECT -1' || shape || 'old_rows x'
        ELSE 'SELECT -1' || shape || 'old_rows x' END);
    RETURN NULL;
END
$fn$;

CREATE FUNCTION meeting_rollup_apply_item() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    shape CONSTANT text := ' AS sign, x.area_code, x.held_at AS at, 0 AS meetings, 1 AS items, CASE WHEN x.status IN (''ANSWERED_ON_SITE'', ''CLOSED'') THEN 1 ELSE 0 END AS items_closed FROM ';
BEGIN
    EXECUTE meeting_rollup_merge_sql(CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1' || shape || 'new_rows x'
        WHEN 'UPDATE' THEN 'SELECT 1' || shape || 'new_rows x UNION ALL SELECT -1' || shape || 'old_rows x'
        ELSE 'SELECT -1' || shape || 'old_rows x' END);
    RETURN NULL;
END
$fn$;

CREATE TRIGGER meeting_rollup_after_insert AFTER INSERT ON meeting
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_rollup_apply_meeting();
CREATE TRIGGER meeting_rollup_after_update AFTER UPDATE ON meeting
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_rollup_apply_meeting();
CREATE TRIGGER meeting_rollup_after_delete AFTER DELETE ON meeting
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_rollup_apply_meeting();
CREATE TRIGGER meeting_item_rollup_after_insert AFTER INSERT ON meeting_item
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_rollup_apply_item();
CREATE TRIGGER meeting_item_rollup_after_update AFTER UPDATE ON meeting_item
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_rollup_apply_item();
CREATE TRIGGER meeting_item_rollup_after_delete AFTER DELETE ON meeting_item
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_rollup_apply_item();
