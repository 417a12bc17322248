package dev.obsaga.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

import dev.obsaga.commons.persistence.ChangelogContents;
import dev.obsaga.commons.persistence.SchemaMigration;
import dev.obsaga.testsupport.TestInfrastructure;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;

/**
 * The services' Liquibase changelogs, run by commons' {@link SchemaMigration} as the services run them at
 * start-up: the first changesets give exactly the schema the earlier schema scripts gave, they take over a
 * database those scripts created, and instances starting at once migrate one after the other.
 */
class SchemaChangelogsTests {

    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(60);
    static PGSimpleDataSource dataSource;
    final List<String> schemas = new ArrayList<>();

    @BeforeAll
    static void database() {
        TestInfrastructure.ensureTestDatabase();
        dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {TestInfrastructure.DB_HOST});
        dataSource.setPortNumbers(new int[] {TestInfrastructure.DB_PORT});
        dataSource.setDatabaseName(TestInfrastructure.TEST_DATABASE);
        dataSource.setUser(TestInfrastructure.DB_USER);
    }

    @AfterEach
    void dropSchemas() throws SQLException {
        for (String schema : schemas) {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"customers", "orders", "payments", "notifications"})
    void theFirstChangesetsGiveTheSchemaTheScriptsGave(String service) throws Exception {
        String scripted = newSchema("scripted_" + service);
        execute("CREATE SCHEMA " + scripted + "; SET search_path TO " + scripted + "; " + scriptsBeforeLiquibase(service));
        String migrated = newSchema("migrated_" + service);
        execute("CREATE SCHEMA " + migrated);

        try (Liquibase firstTwo = changelog(service, migrated)) {
            firstTwo.update(2, new Contexts(), new LabelExpression());
        }

        assertEquals(catalog(scripted), catalog(migrated));
        assertEquals(List.of("messaging-001", service + "-001").stream().sorted().toList(), changesets(migrated));
    }

    @ParameterizedTest
    @ValueSource(strings = {"customers", "orders", "payments", "notifications"})
    void theChangelogAsReadWithoutLiquibaseNamesWhatLiquibaseRecords(String service) throws Exception {
        // a start skips Liquibase when every change set ChangelogContents reads is recorded: the two must agree
        String schema = newSchema("read_" + service);
        SchemaMigration.migrate(dataSource, schema, LOCK_TIMEOUT, () -> changelog(service, schema));

        try (URLClassLoader resources = new URLClassLoader(new URL[] {resources(service), resources("commons")},
                null)) {
            List<String> read = ChangelogContents.of(resources, "db/changelog.xml").stream()
                    .map(c -> c.id() + " " + c.author() + " " + c.file()).sorted().toList();
            assertEquals(rows(schema, "SELECT id || ' ' || author || ' ' || filename FROM %1$s.databasechangelog "
                    + "ORDER BY 1"), read);
            assertTrue(read.stream().anyMatch(c -> c.startsWith("messaging-001 "))
                    && read.stream().anyMatch(c -> c.startsWith(service + "-001 ")), "the first two: " + read);
        }
    }

    private static URL resources(String module) throws IOException {
        return Path.of("..", module, "src", "main", "resources").toAbsolutePath().toUri().toURL();
    }

    @Test
    void aDatabaseTheScriptsCreatedIsTakenOverWithItsRows() throws Exception {
        String schema = newSchema("existing_orders");
        execute("CREATE SCHEMA " + schema + "; SET search_path TO " + schema + "; " + scriptsBeforeLiquibase("orders")
                + "; INSERT INTO " + schema + ".inbox (event_id, subscription) VALUES (gen_random_uuid(), 'kept')");

        SchemaMigration.migrate(dataSource, schema, LOCK_TIMEOUT, () -> changelog("orders", schema));

        assertEquals(1, count("SELECT count(*) FROM " + schema + ".inbox WHERE subscription = 'kept'"));
        assertEquals(List.of("messaging-001", "orders-001"), changesets(schema));
    }

    @Test
    void instancesStartingAtOnceBothStartAndApplyEachChangesetOnce() throws Exception {
        String schema = newSchema("concurrent_payments");
        int instances = 3;
        CyclicBarrier start = new CyclicBarrier(instances);
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            runs.add(CompletableFuture.runAsync(() -> {
                await(start);
                SchemaMigration.migrate(dataSource, schema, LOCK_TIMEOUT, () -> changelog("payments", schema));
            }));
        }
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);

        assertEquals(List.of("messaging-001", "payments-001", "payments-002"), changesets(schema));
        assertEquals(0, count("SELECT count(*) FROM " + schema + ".payments"), "the migrated tables exist");
    }

    @Test
    void aLaterChangesetEvolvesASchemaThatAlreadyHoldsRows() throws Exception {
        String schema = newSchema("evolving_payments");
        execute("CREATE SCHEMA " + schema);
        try (Liquibase baseline = changelog("payments", schema)) {
            baseline.update(2, new Contexts(), new LabelExpression());
        }
        execute("INSERT INTO " + schema + ".payments (id, order_id, status, amount, currency, card_last4, created_at)"
                + " VALUES (gen_random_uuid(), gen_random_uuid(), 'SUCCEEDED', 25.00, 'EUR', '4242', now())");

        SchemaMigration.migrate(dataSource, schema, LOCK_TIMEOUT, () -> changelog("payments", schema));

        assertEquals(List.of("messaging-001", "payments-001", "payments-002"), changesets(schema));
        assertEquals(1, count("SELECT count(*) FROM " + schema + ".payments WHERE customer_id IS NULL"),
                "the payment recorded before the change is kept, with no customer");
        assertTrue(catalog(schema).contains("column payments.customer_id uuid   nullable=YES default="),
                catalog(schema).toString());
    }

    @Test
    void aSchemaNameThatIsNotAPlainIdentifierNeverReachesSql() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SchemaMigration.migrate(dataSource, "x; DROP TABLE y", LOCK_TIMEOUT,
                        () -> changelog("orders", "x")));
        assertTrue(e.getMessage().contains("lower-case SQL identifier"), e.getMessage());
    }

    /** What a schema is made of, with its own name taken out so that two schemas compare equal. */
    List<String> catalog(String schema) throws SQLException {
        List<String> rows = new ArrayList<>();
        rows.addAll(rows(schema, """
                SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' '
                       || coalesce(character_maximum_length::text, '') || ' '
                       || coalesce(numeric_precision::text || ',' || numeric_scale::text, '') || ' nullable=' || is_nullable
                       || ' default=' || coalesce(column_default, '')
                FROM information_schema.columns WHERE table_schema = '%1$s' AND table_name NOT LIKE 'databasechangelog%%'
                ORDER BY 1"""));
        rows.addAll(rows(schema, """
                SELECT 'index ' || tablename || ' ' || indexdef FROM pg_indexes
                WHERE schemaname = '%1$s' AND tablename NOT LIKE 'databasechangelog%%' ORDER BY 1"""));
        rows.addAll(rows(schema, """
                SELECT 'constraint ' || c.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid)
                FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = '%1$s' AND c.relname NOT LIKE 'databasechangelog%%' ORDER BY 1"""));
        rows.addAll(rows(schema, """
                SELECT 'sequence ' || sequence_name || ' ' || data_type FROM information_schema.sequences
                WHERE sequence_schema = '%1$s' ORDER BY 1"""));
        assertTrue(rows.size() > 5, "a schema with tables: " + rows);
        return rows;
    }

    List<String> rows(String schema, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(query.formatted(schema))) {
            while (r.next()) {
                rows.add(r.getString(1).replace(schema + ".", ""));
            }
        }
        return rows;
    }

    List<String> changesets(String schema) throws SQLException {
        return rows(schema, "SELECT id FROM %1$s.databasechangelog ORDER BY id");
    }

    long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    static Liquibase changelog(String service, String schema) throws LiquibaseException {
        try {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(dataSource.getConnection()));
            database.setDefaultSchemaName(schema);
            database.setLiquibaseSchemaName(schema);
            return new Liquibase("db/changelog.xml", new CompositeResourceAccessor(
                    new DirectoryResourceAccessor(Path.of("..", service, "src", "main", "resources")),
                    new DirectoryResourceAccessor(Path.of("..", "commons", "src", "main", "resources"))), database);
        } catch (SQLException | IOException e) {
            throw new LiquibaseException(e);
        }
    }

    String newSchema(String prefix) {
        String schema = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        schemas.add(schema);
        return schema;
    }

    /** What SchemaBootstrap ran, in its order: the messaging tables, then the service's own. */
    static String scriptsBeforeLiquibase(String service) throws IOException {
        Path scripts = Path.of("src", "test", "resources", "schema-before-liquibase");
        return Files.readString(scripts.resolve("messaging-schema.sql"), StandardCharsets.UTF_8)
                + Files.readString(scripts.resolve(service + "-schema.sql"), StandardCharsets.UTF_8);
    }

    void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static void await(CyclicBarrier barrier) {
        try {
            barrier.await(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
