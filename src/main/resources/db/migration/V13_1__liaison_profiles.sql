-- 亮身份、亮承诺、亮职责: what a liaison shows on the village's public board. Owned by the liaison module.
CREATE TABLE liaison_profile (
    person_id  bigint        PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,
    position   varchar(100),
    commitment varchar(500),
    duties     varchar(500),
    photo_url  varchar(500),
    since      timestamptz   NOT NULL,
    updated_at timestamptz   NOT NULL,
    updated_by bigint        REFERENCES person (id)
);
