-- The demo's database and its two roles (docs/security.md), run by scripts/demo as the postgres
-- superuser with these psql variables set: db, owner, service, owner_password, service_password.
-- Idempotent, for a fresh machine and for one where an earlier scripts/demo made the service's role
-- the owner of everything: there, the ownership of the database and of the objects the service's
-- role owns in its schema public moves to the owner role (nothing else: no other database, no
-- object of an extension). The service's rights are granted by the migration V12, which the
-- application's Flyway (as the owner) runs right after.

SELECT format('CREATE ROLE %I LOGIN', :'owner')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I LOGIN', :'service')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'service') \gexec
ALTER ROLE :"owner" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
ALTER ROLE :"service" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'service_password';

SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
-- An earlier run made the service's role the database's owner (and so of schema public, whose
-- owner is pg_database_owner from PostgreSQL 15 on)
ALTER DATABASE :"db" OWNER TO :"owner";

\connect :"db"
CREATE EXTENSION IF NOT EXISTS postgis;

SET tiexin.owner = :'owner';
SET tiexin.service = :'service';
DO $$
DECLARE
    new_owner text := current_setting('tiexin.owner');
    old_owner oid := to_regrole(quote_ident(current_setting('tiexin.service')));
    object record;
    left_over text;
BEGIN
    -- Tables, views, materialized views (a table's indexes and column sequences move with it)
    FOR object IN
        SELECT c.oid::regclass AS name,
               CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                              WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind
        FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relowner = old_owner
          AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
          AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                                    AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO %I', object.kind, object.name, new_owner);
    END LOOP;
    -- Sequences of no column (those of a column moved with their table just now)
    FOR object IN
        SELECT c.oid::regclass AS name
        FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relowner = old_owner AND c.relkind = 'S'
          AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                                    AND d.deptype IN ('a', 'i', 'e'))
    LOOP
        EXECUTE format('ALTER SEQUENCE %s OWNER TO %I', object.name, new_owner);
    END LOOP;
    -- Functions and procedures (the audit trail's trigger functions among them)
    FOR object IN
        SELECT p.oid::regprocedure AS name,
               CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END AS kind
        FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace AND p.proowner = old_owner
          AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                                                    AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO %I', object.kind, object.name, new_owner);
    END LOOP;
    -- Types of their own (enums, domains; a table's row type moved with it)
    FOR object IN
        SELECT t.oid::regtype AS name, CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END AS kind
        FROM pg_type t
        WHERE t.typnamespace = 'public'::regnamespace AND t.typowner = old_owner AND t.typtype IN ('e', 'd', 'r')
          AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid
                                                    AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO %I', object.kind, object.name, new_owner);
    END LOOP;

    -- The service's role must own nothing here any more, or it could switch the audit trail off
    SELECT string_agg(c.oid::regclass::text, ', ') INTO left_over
    FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relowner = old_owner;
    IF left_over IS NOT NULL THEN
        RAISE EXCEPTION 'still owned by the service''s role: %', left_over;
    END IF;
END $$;
