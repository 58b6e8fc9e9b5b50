-- County departments (职能部门) that answer the whistle (吹哨报到): water, roads, housing,
-- environment, public security, market supervision, ... Each has staff (persons with the role
-- DEPARTMENT_STAFF) and the petition categories it answers for by default. Written by the
-- department module (io.tiexin.department), from its import file.
CREATE TABLE department (
    code       varchar(32)  PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    name       varchar(100) NOT NULL,
    -- The duty phone of a public body: public.
    duty_phone varchar(20),
    sort_order integer      NOT NULL
);

CREATE TABLE department_category (
    department_code varchar(32) NOT NULL REFERENCES department (code) ON DELETE CASCADE,
    category_code   varchar(32) NOT NULL REFERENCES category (code),
    PRIMARY KEY (department_code, category_code)
);
CREATE INDEX department_category_category_idx ON department_category (category_code);

CREATE TABLE department_staff (
    department_code varchar(32) NOT NULL REFERENCES department (code) ON DELETE CASCADE,
    person_id       bigint      NOT NULL REFERENCES person (id),
    PRIMARY KEY (department_code, person_id)
);
CREATE INDEX department_staff_person_idx ON department_staff (person_id);
