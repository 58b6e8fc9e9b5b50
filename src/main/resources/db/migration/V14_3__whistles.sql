-- The whistle (村组吹哨、部门报到): a village cadre or township officer summons county departments to
-- a case; each must report (报到) within its time limit (2 working hours, 30 clock minutes for an
-- emergency) and then do its part. Written by the department module.
CREATE TABLE whistle (
    id          bigserial     PRIMARY KEY,
    petition_id bigint        NOT NULL REFERENCES petition (id),
    -- The case's area when the whistle was blown: whose whistles they are in lists.
    area_code   varchar(15)   NOT NULL REFERENCES area (code),
    blown_by    bigint        NOT NULL REFERENCES person (id),
    blown_at    timestamptz   NOT NULL,
    reason      varchar(2000) NOT NULL,
    emergency   boolean       NOT NULL
);
CREATE INDEX whistle_petition_idx ON whistle (petition_id);
CREATE INDEX whistle_area_idx ON whistle (area_code varchar_pattern_ops, id);

CREATE TABLE whistle_response (
    id              bigserial     PRIMARY KEY,
    whistle_id      bigint        NOT NULL REFERENCES whistle (id),
    department_code varchar(32)   NOT NULL REFERENCES department (code),
    -- io.tiexin.department.WhistleResponseStatus
    status          varchar(10)   NOT NULL CHECK (status IN ('SUMMONED', 'REPORTED', 'DONE')),
    report_due_at   timestamptz   NOT NULL,
    reported_at     timestamptz,
    reported_by     bigint        REFERENCES person (id),
    done_at         timestamptz,
    done_by         bigint        REFERENCES person (id),
    note            varchar(2000),
    -- 督办: the escalation job found it unreported past its deadline.
    supervised_at   timestamptz,
    version         integer       NOT NULL DEFAULT 0,
    UNIQUE (whistle_id, department_code),
    CHECK ((status = 'SUMMONED') = (reported_at IS NULL)),
    CHECK ((status = 'DONE') = (done_at IS NOT NULL))
);
CREATE INDEX whistle_response_department_idx ON whistle_response (department_code, whistle_id);
-- The escalation job's search: unreported summons past their deadline, not yet supervised.
CREATE INDEX whistle_response_unreported_idx ON whistle_response (report_due_at, id)
    WHERE status = 'SUMMONED' AND supervised_at IS NULL;
