-- Emergencies in clock time (contract, "Time limits for emergencies"): an EMERGENCY case is due
-- 4 clock hours after submission, nights, weekends and holidays included; the working calendar
-- applies to the other urgencies only. A rule now holds exactly one of working hours, working
-- days or clock hours, and a rule for emergencies holds clock hours.
ALTER TABLE time_limit_policy ADD COLUMN clock_hours integer CHECK (clock_hours > 0);
ALTER TABLE time_limit_policy DROP CONSTRAINT time_limit_policy_check;
ALTER TABLE time_limit_policy ADD CONSTRAINT time_limit_policy_one_unit
    CHECK (num_nonnulls(working_hours, working_days, clock_hours) = 1);

UPDATE time_limit_policy
SET working_hours = NULL, working_days = NULL, clock_hours = 4,
    note = '紧急:4 小时内,昼夜、周末和节假日连续计时 (emergency: 4 clock hours, nights, weekends and holidays included)'
WHERE urgency = 'EMERGENCY';

ALTER TABLE time_limit_policy ADD CONSTRAINT time_limit_policy_emergency_on_the_clock
    CHECK (urgency IS DISTINCT FROM 'EMERGENCY' OR clock_hours IS NOT NULL);
