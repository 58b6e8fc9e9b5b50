-- The signed-in person is cached per replica (people/internal/SignedInPeople), so every change to
-- what the cache holds (username, roles, home area, duty areas; or the person's removal) notifies
-- the channel tiexin_people_changed at commit, whoever writes: the service, a people import, an
-- administrator in psql. The payload is the changed persons' ids, comma-separated, or '*' (forget
-- everyone) for a TRUNCATE or a change to more than 200 persons at once.
--
-- Statement-level triggers with transition tables: one NOTIFY per statement, whatever its rows.
-- No NOTIFY when nothing the cache holds changed: PostgreSQL serializes the commits of notifying
-- transactions (docs/scaling.md), so marking someone on or off duty, or changing a name or phone,
-- stays free of it. An inserted person needs none: the cache never holds an unknown username.
-- Nothing on the hot paths (submission, dispatch, a petition's lifecycle) writes these tables.

CREATE FUNCTION person_changed_notify(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    PERFORM pg_notify('tiexin_people_changed',
        CASE WHEN cardinality(ids) > 200 THEN '*' ELSE array_to_string(ids, ',') END);
END
$$;

CREATE FUNCTION person_changed_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- By the old row's id: an entry is found by the id it was cached with.
    PERFORM person_changed_notify(ARRAY(
        SELECT DISTINCT o.id FROM old_rows o
        WHERE NOT EXISTS (SELECT 1 FROM new_rows n
                          WHERE n.id = o.id
                            AND (n.username, n.roles, n.home_area_code)
                                IS NOT DISTINCT FROM (o.username, o.roles, o.home_area_code))));
    RETURN NULL;
END
$$;

CREATE FUNCTION person_changed_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM person_changed_notify(ARRAY(SELECT DISTINCT o.id FROM old_rows o));
    RETURN NULL;
END
$$;

CREATE FUNCTION person_changed_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('tiexin_people_changed', '*');
    RETURN NULL;
END
$$;

CREATE TRIGGER person_changed_after_update AFTER UPDATE ON person
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION person_changed_after_update();
CREATE TRIGGER person_changed_after_delete AFTER DELETE ON person
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION person_changed_after_delete();
CREATE TRIGGER person_changed_after_truncate AFTER TRUNCATE ON person
    FOR EACH STATEMENT EXECUTE FUNCTION person_changed_after_truncate();

CREATE FUNCTION person_duty_area_changed_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM person_changed_notify(ARRAY(SELECT DISTINCT n.person_id FROM new_rows n));
    RETURN NULL;
END
$$;

CREATE FUNCTION person_duty_area_changed_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM person_changed_notify(ARRAY(
        SELECT o.person_id FROM old_rows o UNION SELECT n.person_id FROM new_rows n));
    RETURN NULL;
END
$$;

CREATE FUNCTION person_duty_area_changed_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM person_changed_notify(ARRAY(SELECT DISTINCT o.person_id FROM old_rows o));
    RETURN NULL;
END
$$;

CREATE TRIGGER person_duty_area_changed_after_insert AFTER INSERT ON person_duty_area
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION person_duty_area_changed_after_insert();
CREATE TRIGGER person_duty_area_changed_after_update AFTER UPDATE ON person_duty_area
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION person_duty_area_changed_after_update();
CREATE TRIGGER person_duty_area_changed_after_delete AFTER DELETE ON person_duty_area
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION person_duty_area_changed_after_delete();
CREATE TRIGGER person_duty_area_changed_after_truncate AFTER TRUNCATE ON person_duty_area
    FOR EACH STATEMENT EXECUTE FUNCTION person_changed_after_truncate();
