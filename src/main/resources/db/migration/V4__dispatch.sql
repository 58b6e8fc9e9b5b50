-- Dispatch (派单): returns (退单) and supervision (督办) on petitions, the working calendar, and the
-- time limits per category and urgency.

-- How often assignees sent the case back; at the third return a village case goes to the township queue.
ALTER TABLE petition ADD COLUMN return_count integer NOT NULL DEFAULT 0 CHECK (return_count >= 0);
-- 督办: the time limit passed. Kept after the case is finished, as its history.
ALTER TABLE petition ADD COLUMN supervised boolean NOT NULL DEFAULT false;

-- The escalation job's search (open cases whose deadline passed, earliest first) and the deadline
-- ordering of the work lists; finished cases, the bulk of the table, are not in it.
CREATE INDEX petition_open_due_idx ON petition (due_at, id)
    WHERE status IN ('SUBMITTED', 'ASSIGNED', 'ACCEPTED', 'IN_PROGRESS');

-- The working calendar: one row per day. A day missing from the table follows the plain rule
-- (Monday to Friday working), so the table must hold each year's holiday arrangement once the
-- State Council publishes it (usually in November of the year before).
CREATE TABLE work_calendar (
    day     date    PRIMARY KEY,
    working boolean NOT NULL,
    note    text
);

-- 2026, from 国务院办公厅关于2026年部分节假日安排的通知 (General Office of the State Council,
-- 4 November 2025; Xinhua, e.g. https://politics.gmw.cn/2025-11/04/content_38391083.htm):
--   元旦 1月1日至3日放假调休,1月4日(周日)上班;
--   春节 2月15日至23日放假调休,2月14日(周六)、2月28日(周六)上班;
--   清明节 4月4日至6日放假;
--   劳动节 5月1日至5日放假调休,5月9日(周六)上班;
--   端午节 6月19日至21日放假;
--   中秋节 9月25日至27日放假;
--   国庆节 10月1日至7日放假调休,9月20日(周日)、10月10日(周六)上班.
INSERT INTO work_calendar (day, working, note)
SELECT d::date, false, h.note
FROM (VALUES
        ('2026-01-01'::date, '2026-01-03'::date, '元旦 (New Year''s Day)'),
        ('2026-02-15', '2026-02-23', '春节 (Spring Festival)'),
        ('2026-04-04', '2026-04-06', '清明节 (Qingming Festival)'),
        ('2026-05-01', '2026-05-05', '劳动节 (Labour Day)'),
        ('2026-06-19', '2026-06-21', '端午节 (Dragon Boat Festival)'),
        ('2026-09-25', '2026-09-27', '中秋节 (Mid-Autumn Festival)'),
        ('2026-10-01', '2026-10-07', '国庆节 (National Day)')) AS h(first_day, last_day, note)
CROSS JOIN LATERAL generate_series(h.first_day, h.last_day, interval '1 day') AS d;

INSERT INTO work_calendar (day, working, note) VALUES
    ('2026-01-04', true, '调休上班 (working Sunday for 元旦)'),
    ('2026-02-14', true, '调休上班 (working Saturday for 春节)'),
    ('2026-02-28', true, '调休上班 (working Saturday for 春节)'),
    ('2026-05-09', true, '调休上班 (working Saturday for 劳动节)'),
    ('2026-09-20', true, '调休上班 (working Sunday for 国庆节)'),
    ('2026-10-10', true, '调休上班 (working Saturday for 国庆节)'),
    -- 2027's arrangement was not yet published when this was written; 1 January is a statutory
    -- holiday every year (全国年节及纪念日放假办法, art. 2), so it is known already.
    ('2027-01-01', false, '元旦 (New Year''s Day; statutory, 2027 arrangement not yet published)');

-- Every other day of 2026, by the plain rule, so the year reads complete in the table.
INSERT INTO work_calendar (day, working, note)
SELECT d::date, extract(isodow FROM d) < 6, NULL
FROM generate_series('2026-01-01'::date, '2026-12-31'::date, interval '1 day') AS d
ON CONFLICT (day) DO NOTHING;

-- Time limits (办理时限), counted in working time from submission (and again from each escalation).
-- The most specific rule wins: category and urgency, then urgency alone, then category alone, then
-- the default; an urgency rule outranks a category rule because an emergency is one whatever it
-- is about. Exactly one of working_hours and working_days is set: hours run inside the working
-- periods of working days; N days end at the close of the N-th working day after the day of
-- submission (the day itself not counted, as in 民法典 art. 201).
CREATE TABLE time_limit_policy (
    id            serial      PRIMARY KEY,
    category_code varchar(32) REFERENCES category (code),
    urgency       varchar(10) CHECK (urgency IN ('NORMAL', 'URGENT', 'EMERGENCY')),
    working_hours integer     CHECK (working_hours > 0),
    working_days  integer     CHECK (working_days > 0),
    note          text,
    CHECK ((working_hours IS NULL) <> (working_days IS NULL)),
    UNIQUE NULLS NOT DISTINCT (category_code, urgency)
);

-- Defaults from common 12345 hotline practice: emergencies within 4 working hours the same day,
-- help requests (求助) 3 working days, complaints and disputes (投诉、纠纷) 13 working days.
INSERT INTO time_limit_policy (category_code, urgency, working_hours, working_days, note) VALUES
    (NULL,               'EMERGENCY', 4,    NULL, '紧急:当日 4 个工作小时内 (emergency: 4 working hours)'),
    (NULL,               'URGENT',    NULL, 1,    '加急:1 个工作日 (urgent: 1 working day)'),
    ('ELDERLY_DISABLED', NULL,        NULL, 3,    '求助:助老助残 (help request)'),
    ('WATER_SUPPLY',     NULL,        NULL, 3,    '求助:停水影响生活 (help request: water is a daily need)'),
    ('SAFETY_HAZARD',    NULL,        NULL, 3,    '安全隐患须尽快排除 (hazards are removed quickly)'),
    ('STREET_LIGHT',     NULL,        NULL, 5,    '一般维修 (routine repair)'),
    ('ENVIRONMENT',      NULL,        NULL, 5,    '环境卫生 (sanitation)'),
    (NULL,               NULL,        NULL, 13,   '投诉、纠纷及其他 (complaints, disputes and everything else)');
