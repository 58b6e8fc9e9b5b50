-- Partners: petitions' updated_at (Open311's updated_datetime), Open311 API keys and service
-- metadata, webhooks and their outbox of deliveries.

-- When a petition last changed. Every change is a timeline event, so the column follows the
-- timeline: set at insert to the submission time, moved to an event's time by a statement-level
-- trigger (one UPDATE per statement, however many events a bulk import or demo history writes).
-- The times are the service clock's, as the events' are, not the database's now().
ALTER TABLE petition ADD COLUMN updated_at timestamptz;
UPDATE petition p
   SET updated_at = greatest(p.submitted_at, p.closed_at,
                             (SELECT max(e.at) FROM petition_event e WHERE e.petition_id = p.id));
ALTER TABLE petition ALTER COLUMN updated_at SET NOT NULL;

CREATE FUNCTION petition_updated_at_default() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := coalesce(NEW.updated_at, NEW.submitted_at);
    RETURN NEW;
END $$;
CREATE TRIGGER petition_updated_at_default BEFORE INSERT ON petition
    FOR EACH ROW EXECUTE FUNCTION petition_updated_at_default();

CREATE FUNCTION petition_touched_by_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE petition p SET updated_at = e.at
      FROM (SELECT petition_id, max(at) AS at FROM inserted_events GROUP BY petition_id) e
     WHERE p.id = e.petition_id AND p.updated_at < e.at;
    RETURN NULL;
END $$;
CREATE TRIGGER petition_touched_by_events AFTER INSERT ON petition_event
    REFERENCING NEW TABLE AS inserted_events
    FOR EACH STATEMENT EXECUTE FUNCTION petition_touched_by_events();

-- Open311 api_keys. Each belongs to a partner system, which is a person (it submits as one);
-- only a SHA-256 of the key is kept: keys are 32 random bytes, so no slow hash is needed.
CREATE TABLE api_key (
    id           bigserial   PRIMARY KEY,
    partner_id   bigint      NOT NULL REFERENCES person (id),
    key_hash     varchar(64) NOT NULL UNIQUE,
    -- The first characters of the key, so an administrator can tell keys apart.
    key_prefix   varchar(12) NOT NULL,
    -- The channel of the petitions submitted with the key (io.tiexin.petition.Channel).
    channel      varchar(16) NOT NULL,
    created_by   bigint      NOT NULL REFERENCES person (id),
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz
);

-- What Open311 says about a category (a service) beyond its name; categories without a row are
-- served with their name as description.
CREATE TABLE open311_service (
    category_code varchar(32)  PRIMARY KEY REFERENCES category (code),
    description   varchar(500) NOT NULL,
    keywords      varchar(200) NOT NULL DEFAULT '',
    group_name    varchar(50)  NOT NULL
);

-- The extra questions a category asks (Open311 service definition attributes).
CREATE TABLE open311_service_attribute (
    category_code        varchar(32)  NOT NULL REFERENCES open311_service (category_code),
    code                 varchar(32)  NOT NULL,
    sort_order           integer      NOT NULL,
    datatype             varchar(16)  NOT NULL
        CHECK (datatype IN ('string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist')),
    required             boolean      NOT NULL,
    description          varchar(500) NOT NULL,
    datatype_description varchar(200),
    -- [{"key": ..., "name": ...}] for the list datatypes
    value_list           jsonb,
    PRIMARY KEY (category_code, code)
);

INSERT INTO open311_service (category_code, description, keywords, group_name) VALUES
    ('STREET_LIGHT',     '路灯不亮、闪烁或损坏 (street lights out, flickering or damaged)', '路灯,照明,灯', '基础设施'),
    ('WATER_SUPPLY',     '停水、水压低、水质问题、管道漏水 (no water, low pressure, water quality, leaking pipes)', '供水,停水,水管', '基础设施'),
    ('SEWAGE',           '污水直排、下水道堵塞 (sewage discharge, blocked drains)', '污水,下水道,排水', '环境'),
    ('ROADS',            '道路破损、交通设施、通行安全 (damaged roads, traffic facilities, road safety)', '道路,坑洼,交通', '基础设施'),
    ('ENVIRONMENT',      '垃圾堆放、卫生死角、焚烧 (rubbish, unclean spots, burning)', '垃圾,卫生,环境', '环境'),
    ('DISPUTE',          '邻里、婚姻家庭、土地山林等矛盾纠纷调解 (mediation of neighbour, family and land disputes)', '纠纷,调解,矛盾', '社会服务'),
    ('ELDERLY_DISABLED', '独居老人、残疾人的帮扶与照料 (help for elderly people living alone and disabled people)', '老人,残疾,帮扶', '社会服务'),
    ('WAGES_EMPLOYMENT', '欠薪、劳动合同、就业帮扶 (unpaid wages, labour contracts, help finding work)', '欠薪,工资,就业', '社会服务'),
    ('SAFETY_HAZARD',    '房屋、山体、用电、消防等安全隐患 (unsafe buildings, slopes, wiring, fire risks)', '隐患,安全,危房', '公共安全'),
    ('OTHER',            '其他诉求 (anything else)', '其他', '其他');

INSERT INTO open311_service_attribute
    (category_code, code, sort_order, datatype, required, description, datatype_description, value_list) VALUES
    ('STREET_LIGHT', 'POLE_NUMBER', 1, 'string', false, '灯杆编号 (the number on the pole)', '灯杆上喷涂的编号', NULL),
    ('STREET_LIGHT', 'LIGHT_STATE', 2, 'singlevaluelist', true, '路灯状态 (what the light does)', NULL,
     '[{"key": "OFF", "name": "不亮 (out)"}, {"key": "FLICKERING", "name": "闪烁 (flickering)"}, {"key": "ON_BY_DAY", "name": "白天常亮 (on by day)"}, {"key": "DAMAGED", "name": "灯杆损坏 (pole damaged)"}]'),
    ('SAFETY_HAZARD', 'HAZARD_KIND', 1, 'multivaluelist', true, '隐患类型 (kind of hazard)', NULL,
     '[{"key": "BUILDING", "name": "危房 (unsafe building)"}, {"key": "SLOPE", "name": "山体滑坡 (landslide risk)"}, {"key": "ELECTRICITY", "name": "用电 (wiring)"}, {"key": "FIRE", "name": "消防 (fire)"}]'),
    ('SAFETY_HAZARD', 'PEOPLE_AT_RISK', 2, 'number', false, '受影响人数 (people at risk)', '整数 (a whole number)', NULL);

-- Webhooks registered by county administrators. The secret signs every body (HMAC-SHA256),
-- so it is kept as given: the service must be able to compute the signature.
CREATE TABLE webhook (
    id         bigserial     PRIMARY KEY,
    url        varchar(2000) NOT NULL,
    secret     varchar(200)  NOT NULL,
    -- Timeline event types (PetitionEvent.type), or '*' for all.
    events     varchar(32)[] NOT NULL CHECK (cardinality(events) > 0),
    created_by bigint        NOT NULL REFERENCES person (id),
    created_at timestamptz   NOT NULL
);

-- The outbox: one row per (webhook, timeline event), written in the event's own transaction,
-- its body fixed then (what is signed and sent, on every attempt). The id orders the events of
-- a petition; a delivery waits while an earlier one of its webhook and petition is PENDING.
CREATE TABLE webhook_delivery (
    id              bigserial     PRIMARY KEY,
    webhook_id      bigint        NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
    event_id        bigint        NOT NULL,
    petition_id     bigint        NOT NULL,
    event_type      varchar(32)   NOT NULL,
    tracking_number varchar(32)   NOT NULL,
    body            text          NOT NULL,
    state           varchar(10)   NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'DELIVERED', 'FAILED')),
    created_at      timestamptz   NOT NULL,
    attempts        integer       NOT NULL DEFAULT 0,
    next_attempt_at timestamptz   NOT NULL,
    last_attempt_at timestamptz,
    -- The receiver's last answer: its HTTP status (null: no answer, see last_response) and the
    -- start of its body or the error.
    last_status     integer,
    last_response   varchar(1000),
    delivered_at    timestamptz,
    UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at, id) WHERE state = 'PENDING';
CREATE INDEX webhook_delivery_chain_idx ON webhook_delivery (webhook_id, petition_id, id) WHERE state = 'PENDING';
CREATE INDEX webhook_delivery_recent_idx ON webhook_delivery (webhook_id, id DESC);
