-- The audit trail (PIPL): who read a petition's personal data and who changed what. Append-only:
-- the triggers below refuse UPDATE, DELETE and TRUNCATE for every role, the service's own included,
-- so a leak or a wrong edit cannot be covered up through the application.
CREATE TABLE audit_log (
    id             bigserial    PRIMARY KEY,
    at             timestamptz  NOT NULL DEFAULT now(),
    -- null for the service itself (the escalation job)
    actor_id       bigint,
    actor_username varchar(64),
    -- READ_PERSONAL_DATA, SET_ON_DUTY, or PETITION_<timeline event type> (PETITION_SUBMITTED, ...)
    action         varchar(48)  NOT NULL,
    petition_id    bigint,
    person_id      bigint,
    detail         varchar(2000)
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_petition_idx ON audit_log (petition_id, id) WHERE petition_id IS NOT NULL;
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id) WHERE actor_id IS NOT NULL;

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END $$;
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- Every change to a petition appends a timeline event in its transaction (the lifecycle's rule), so
-- the trail of changes follows from the timeline here, whatever code path wrote it.
CREATE FUNCTION audit_log_petition_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (at, actor_id, actor_username, action, petition_id, detail)
    SELECT NEW.at, NEW.actor_id, (SELECT username FROM person WHERE id = NEW.actor_id), 'PETITION_' || NEW.type,
           NEW.petition_id,
           left(concat_ws(' ', NEW.from_status || ' → ' || NEW.to_status, NEW.note), 2000);
    RETURN NULL;
END $$;
-- Bulk-imported history (IMPORTED events, a million at a time) is not a change made here: the
-- import's own run is what an auditor needs, not a copy of every row.
CREATE TRIGGER petition_event_audited AFTER INSERT ON petition_event
    FOR EACH ROW WHEN (NEW.type <> 'IMPORTED') EXECUTE FUNCTION audit_log_petition_event();
