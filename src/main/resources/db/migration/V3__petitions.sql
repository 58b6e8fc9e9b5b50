-- Petitions (诉求), their categories and their timelines.

CREATE TABLE category (
    code          varchar(32) PRIMARY KEY,
    name          varchar(50) NOT NULL,
    default_level varchar(10) NOT NULL CHECK (default_level IN ('VILLAGE', 'TOWNSHIP', 'COUNTY')),
    -- Sensitive categories hide exact locations and contacts from everyone not handling the case.
    sensitive     boolean     NOT NULL DEFAULT false,
    sort_order    integer     NOT NULL
);

-- What the county's platform handles, with the level that normally solves it
-- ("小事不出村,大事不出镇": most things stay in the village).
INSERT INTO category (code, name, default_level, sensitive, sort_order) VALUES
    ('STREET_LIGHT',     '路灯照明',     'VILLAGE',  false, 1),
    ('WATER_SUPPLY',     '供水用水',     'VILLAGE',  false, 2),
    ('SEWAGE',           '污水排放',     'TOWNSHIP', false, 3),
    ('ROADS',            '道路交通',     'TOWNSHIP', false, 4),
    ('ENVIRONMENT',      '环境卫生',     'VILLAGE',  false, 5),
    ('DISPUTE',          '矛盾纠纷调解', 'VILLAGE',  true,  6),
    ('ELDERLY_DISABLED', '助老助残',     'VILLAGE',  true,  7),
    ('WAGES_EMPLOYMENT', '劳资就业',     'TOWNSHIP', false, 8),
    ('SAFETY_HAZARD',    '安全隐患',     'TOWNSHIP', false, 9),
    ('OTHER',            '其他',         'VILLAGE',  false, 10);

-- Numbers behind tracking numbers; gaps (rolled-back submissions) are harmless.
CREATE SEQUENCE petition_tracking_seq;

CREATE TABLE petition (
    id                  bigserial     PRIMARY KEY,
    tracking_number     varchar(20)   NOT NULL UNIQUE,
    title               varchar(100)  NOT NULL,
    description         varchar(2000),
    category_code       varchar(32)   NOT NULL REFERENCES category (code),
    channel             varchar(16)   NOT NULL,
    urgency             varchar(10)   NOT NULL,
    status              varchar(12)   NOT NULL,
    level               varchar(10)   NOT NULL,
    -- WGS84; for petitions located by area or place name, a point inside that area.
    point               geometry(Point, 4326) NOT NULL,
    grid_code           varchar(15)   REFERENCES area (code),
    -- The finest area known: the grid cell, else the village or township named, else the county.
    area_code           varchar(15)   NOT NULL REFERENCES area (code),
    match_method        varchar(10)   NOT NULL,
    match_distance_m    double precision NOT NULL DEFAULT 0,
    address             varchar(200),
    contact_name        varchar(50),
    contact_phone       varchar(20),
    media_urls          text[]        NOT NULL DEFAULT '{}',
    submitter_id        bigint        NOT NULL REFERENCES person (id),
    assignee_id         bigint        REFERENCES person (id),
    liaison_id          bigint        REFERENCES person (id),
    idempotency_key     varchar(100),
    submitted_at        timestamptz   NOT NULL,
    due_at              timestamptz,
    closed_at           timestamptz,
    satisfaction        varchar(24),
    version             integer       NOT NULL DEFAULT 0,
    UNIQUE (submitter_id, idempotency_key)
);

-- Nearby search: KNN (<->) and ST_DWithin on the spheroid both use this index.
CREATE INDEX petition_point_geog_gix ON petition USING gist ((point::geography));
-- Map boxes.
CREATE INDEX petition_point_gix ON petition USING gist (point);
-- Lists newest first, by area prefix.
CREATE INDEX petition_submitted_idx ON petition (submitted_at DESC, id DESC);
CREATE INDEX petition_area_idx ON petition (area_code varchar_pattern_ops);
CREATE INDEX petition_assignee_idx ON petition (assignee_id) WHERE assignee_id IS NOT NULL;
CREATE INDEX petition_liaison_idx ON petition (liaison_id) WHERE liaison_id IS NOT NULL;
CREATE INDEX petition_submitter_idx ON petition (submitter_id);

-- The timeline: one row per transition, written in the transaction that made it.
CREATE TABLE petition_event (
    id          bigserial    PRIMARY KEY,
    petition_id bigint       NOT NULL REFERENCES petition (id),
    at          timestamptz  NOT NULL,
    type        varchar(32)  NOT NULL,
    from_status varchar(12),
    to_status   varchar(12),
    actor_id    bigint       REFERENCES person (id),
    note        varchar(2000)
);
CREATE INDEX petition_event_petition_idx ON petition_event (petition_id, id);
