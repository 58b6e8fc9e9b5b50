-- Two roles (docs/security.md): Flyway runs as the owner of the schema, the service as
-- ${service_role}, which must not own audit_log: an owner may ALTER TABLE ... DISABLE TRIGGER and
-- so switch the append-only rule off. The service gets ordinary rights on every table, and only
-- INSERT and SELECT on the audit trail. Where Flyway and the service are still one role (no
-- spring.flyway.user) the grants change nothing and the owner only gives up its own UPDATE, DELETE
-- and TRUNCATE on the trail (it could take them back: run the service as a role of its own).
GRANT USAGE ON SCHEMA public TO ${service_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${service_role};
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${service_role};
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${service_role};
GRANT SELECT, INSERT ON audit_log TO ${service_role};

-- Tables and sequences later migrations create (run by this same owner) come with the same rights.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${service_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${service_role};
