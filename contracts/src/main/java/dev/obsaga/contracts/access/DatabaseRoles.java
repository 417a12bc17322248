package dev.obsaga.contracts.access;

import java.util.List;

/**
 * One PostgreSQL role per service that owns its schema and nothing else: LOGIN, no superuser, no CREATEDB, no
 * CREATEROLE; the set-up (run as an administrator, idempotent) creates role and schema and takes every other
 * privilege away, CREATE on the database included: a role cannot make a second schema. The set-up makes the schema,
 * so the migration at start-up (commons' SchemaMigration) finds it and only looks it up; a schema dropped by hand is
 * made again by running the set-up again (the tests do before each start).
 */
public final class DatabaseRoles {

    private DatabaseRoles() {
    }

    /** The statements that give {@code role} the schema {@code service} of {@code database}, and only that. */
    public static List<String> setUp(String database, String service, String role, String password) {
        return psqlScript(identifier(database), service, role, literal(password));
    }

    /**
     * The same with the database name and the password as psql's variable references ({@code :"DB_NAME"},
     * {@code :'DB_PASSWORD_ORDERS'}), for a script that names neither and gets both on psql's command line.
     */
    public static List<String> psqlScript(String databaseReference, String service, String role,
            String passwordReference) {
        String r = identifier(role);
        String schema = identifier(service);
        return List.of(
                "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = " + literal(role) + ") THEN "
                        + "CREATE ROLE " + r + " LOGIN; END IF; END $$",
                "ALTER ROLE " + r + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD "
                        + passwordReference,
                "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
                "GRANT CONNECT ON DATABASE " + databaseReference + " TO " + r,
                // Earlier set-ups granted it: taken back, so that running the set-up again is the upgrade.
                "REVOKE CREATE ON DATABASE " + databaseReference + " FROM " + r,
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
