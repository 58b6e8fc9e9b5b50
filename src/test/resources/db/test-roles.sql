-- The tests' database as production has it (docs/security.md): Flyway as the owner role, the
-- service as a role of its own that owns nothing. Run once by Testcontainers as the superuser.
CREATE ROLE tiexin_owner LOGIN PASSWORD 'owner-test';
CREATE ROLE tiexin LOGIN PASSWORD 'tiexin-test';
DO $$ BEGIN EXECUTE format('ALTER DATABASE %I OWNER TO tiexin_owner', current_database()); END $$;
