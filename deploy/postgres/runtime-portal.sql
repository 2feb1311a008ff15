-- The Runtime Portal's own PostgreSQL role (runtime.environments[].postgres.user): it creates each
-- team's database and that database's login role (runtime:database:create) and drops them again
-- (runtime:database:delete), and nothing more. Apply it as a superuser, once per server:
--
--   psql -v ON_ERROR_STOP=1 -f deploy/postgres/runtime-portal.sql
--   psql -c '\password runtime_portal'
--
-- `\password` sends a SCRAM-SHA-256 verifier computed by psql, so the password never appears in a
-- statement or the server's log. No password is written here.

-- The least privilege below rests on PostgreSQL 16's CREATEROLE rules; on an older server
-- CREATEROLE would let the portal alter or drop every non-superuser role, so refuse to install there.
DO $$
BEGIN
  IF current_setting('server_version_num')::int < 160000 THEN
    RAISE EXCEPTION 'runtime_portal needs PostgreSQL 16 or later (this is %)',
      current_setting('server_version');
  END IF;
END
$$;

CREATE ROLE runtime_portal WITH
  -- The portal connects as this role (to the maintenance database `postgres`, which PUBLIC may
  -- connect to).
  LOGIN
  -- CREATE DATABASE ... OWNER <team role>: a team's database.
  CREATEDB
  -- CREATE ROLE for each database's login role. Since PostgreSQL 16 a CREATEROLE role may alter,
  -- grant, comment on or drop only the roles it holds ADMIN OPTION on, which it is given on exactly
  -- the roles it creates: it cannot touch the platform's other roles, and cannot give any role
  -- SUPERUSER, REPLICATION or BYPASSRLS, which it does not have itself. The portal also becomes a
  -- member (SET, INHERIT) of each role it creates (its session sets createrole_self_grant): to make
  -- it a database's owner and to drop that database later, and of no other role.
  CREATEROLE
  -- Everything else is explicitly off: no superuser (which would bypass every check above), no
  -- replication connections, no bypassing of row-level security.
  NOSUPERUSER
  NOREPLICATION
  NOBYPASSRLS;

-- For a database administrator who finds the role: who it is.
COMMENT ON ROLE runtime_portal IS 'Runtime Portal: creates and drops teams'' databases and their login roles';

-- A team's login role may connect to its own database and to no other. PostgreSQL lets PUBLIC
-- connect to every new database, including the maintenance database `postgres` and `template1`;
-- runtime:database:create revokes that on each database it makes, and here the server's own two
-- are closed the same way (the portal keeps `postgres`, where it connects). A platform whose other
-- applications connect to `postgres` grants them CONNECT by name.
REVOKE CONNECT ON DATABASE postgres FROM PUBLIC;
REVOKE CONNECT ON DATABASE template1 FROM PUBLIC;
GRANT CONNECT ON DATABASE postgres TO runtime_portal;
