-- People of the programme and where they work.

CREATE TABLE person (
    id             bigserial    PRIMARY KEY,
    username       varchar(64)  NOT NULL UNIQUE,
    name           varchar(50)  NOT NULL,
    -- Role names (io.tiexin.people.Role); a person may hold several.
    roles          varchar(20)[] NOT NULL CHECK (cardinality(roles) > 0),
    phone          varchar(20),
    home_area_code varchar(15)  REFERENCES area (code),
    on_duty        boolean      NOT NULL DEFAULT true,
    created_at     timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX person_home_area_idx ON person (home_area_code);

CREATE TABLE person_duty_area (
    person_id bigint      NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    area_code varchar(15) NOT NULL REFERENCES area (code),
    PRIMARY KEY (person_id, area_code)
);
CREATE INDEX person_duty_area_code_idx ON person_duty_area (area_code);
