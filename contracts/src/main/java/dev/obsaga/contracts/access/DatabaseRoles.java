package dev.obsaga.contracts.access;

import java.util.List;

/**
 * One PostgreSQL role per service that owns its schema and nothing else: LOGIN, no superuser, no CREATEDB, no
 * CREATEROLE; the set-up (run as an administrator, idempotent) creates role and schema and takes every other
 * privilege away. CREATE on the database stays granted, so that a service can make its schema again when it is
 * missing (the tests drop the schemas between runs); the set-up makes it first, and the migration at start-up
 * (commons' SchemaMigration) only looks it up when it exists. Revoke it where schemas are never dropped.
 */
public final class DatabaseRoles {

    private DatabaseRoles() {
    }

    /** The statements that give {@code role} the schema {@code service} of {@code database}, and only that. */
    public static List<String> setUp(String database, String service, String role, String password) {
        String r = identifier(role);
        String schema = identifier(service);
        return List.of(
                "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = " + literal(role) + ") THEN "
                        + "CREATE ROLE " + r + " LOGIN; END IF; END $$",
                "ALTER ROLE " + r + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD "
                        + literal(password),
                "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
                "GRANT CONNECT, CREATE ON DATABASE " + identifier(database) + " TO " + r,
                "CREATE SCHEMA IF NOT EXISTS " + schema + " AUTHORIZATION " + r,
                "ALTER SCHEMA " + schema + " OWNER TO " + r,
                // Tables made before the role existed (by an administrator) become the role's too.
                "DO $$ DECLARE t record; BEGIN FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = "
                        + literal(service) + " AND tableowner <> " + literal(role) + " LOOP EXECUTE format("
                        + "'ALTER TABLE %I.%I OWNER TO %I', " + literal(service) + ", t.tablename, " + literal(role)
                        + "); END LOOP; END $$",
                "REVOKE ALL ON SCHEMA " + schema + " FROM PUBLIC");
    }

    static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain identifier: " + name);
        }
        return name;
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
