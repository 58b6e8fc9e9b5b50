-- 服务报到: visits liaisons and grid members report from their phones. Owned by the liaison module.
CREATE TABLE visit (
    id               bigserial     PRIMARY KEY,
    person_id        bigint        NOT NULL REFERENCES person (id),
    at               timestamptz   NOT NULL,
    point            geometry(Point, 4326) NOT NULL,
    grid_code        varchar(15)   REFERENCES area (code),
    -- The grid cell of the point, else the person's nearest area: what "visits of an area" filters on.
    area_code        varchar(15)   NOT NULL REFERENCES area (code),
    match_method     varchar(10)   NOT NULL,
    match_distance_m double precision NOT NULL,
    note             varchar(1000),
    household_count  integer       CHECK (household_count >= 0),
    petition_id      bigint        REFERENCES petition (id),
    recorded_at      timestamptz   NOT NULL
);
CREATE INDEX visit_area_idx ON visit ((area_code COLLATE "C"), at DESC);
CREATE INDEX visit_person_idx ON visit (person_id, at DESC);
CREATE INDEX visit_point_idx ON visit USING gist (point);
