-- Areas of the county / township / village / grid-cell hierarchy. PostGIS is the source of truth;
-- the service keeps an in-memory copy for point-in-polygon.

-- The extension must already exist when the service's role is not a superuser (scripts/demo
-- creates it as postgres); IF NOT EXISTS makes this a no-op then.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE area (
    code        varchar(15)  PRIMARY KEY CHECK (code ~ '^[0-9]{6}([0-9]{3}){0,3}$'),
    name        varchar(100) NOT NULL CHECK (length(name) > 0),
    level       varchar(10)  NOT NULL CHECK (level IN ('COUNTY', 'TOWNSHIP', 'VILLAGE', 'GRID')),
    parent_code varchar(15)  REFERENCES area (code),
    boundary    geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(boundary)),
    -- Geodesic area on the WGS84 spheroid, kept in step with the boundary by PostgreSQL itself.
    area_sq_km  double precision GENERATED ALWAYS AS (ST_Area(boundary::geography) / 1e6) STORED,
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    CHECK ((level = 'COUNTY') = (parent_code IS NULL)),
    CHECK (parent_code IS NULL OR (code LIKE parent_code || '%' AND length(code) = length(parent_code) + 3))
);

CREATE INDEX area_boundary_gix ON area USING gist (boundary);
CREATE INDEX area_parent_code_idx ON area (parent_code);
-- Descendants of an area are the codes it prefixes: code LIKE '360322101%'.
CREATE INDEX area_code_prefix_idx ON area (code varchar_pattern_ops);

-- One row per accepted area file: what was loaded, when, and what the validator reported.
CREATE TABLE area_import (
    id          bigserial   PRIMARY KEY,
    source      text        NOT NULL,
    sha256      char(64)    NOT NULL,
    features    integer     NOT NULL,
    report      jsonb       NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX area_import_sha256_idx ON area_import (sha256);
