package dev.obsaga.commons.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.liquibase.LiquibaseDataSource;
import io.quarkus.liquibase.LiquibaseFactory;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.ui.LoggerUIService;
import liquibase.exception.LiquibaseException;

/**
 * Brings the service's schema to the version its changelog ({@code db/changelog.xml}) describes, when SchemaAtStart
 * finds something to apply, before any consumer or request can touch a table. Liquibase does the versioning; this class adds what it lacks
 * for us: the schema itself is created when missing (Liquibase keeps its own tables inside it), and instances that
 * start at once take turns under a PostgreSQL advisory lock, so a second instance finds the migration done
 * instead of racing to create Liquibase's lock table.
 */
@ApplicationScoped
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);

    private final AgroalDataSource dataSource;
    private final LiquibaseFactory liquibase;
    private final PersistenceConfig config;

    /** The datasource (and its Liquibase) that exist for migrations only; everything else is reactive. */
    static final String DATASOURCE = "migration";


    public SchemaMigration(@io.quarkus.agroal.DataSource(DATASOURCE) AgroalDataSource dataSource,
            @LiquibaseDataSource(DATASOURCE) LiquibaseFactory liquibase, PersistenceConfig config) {
        this.dataSource = dataSource;
        this.liquibase = liquibase;
        this.config = config;
    }

    public void migrate() {
        migrate(dataSource, config.schema(), config.bootstrapTimeout(), liquibase::createLiquibase);
        // The JDBC pool served the migration only: its connections are not kept open next to the reactive pool's.
        dataSource.flush(AgroalDataSource.FlushMode.IDLE);
        LOG.infof("Schema %s is up to date", config.schema());
    }

    /** The changelog a service brings, ready to run against its schema. */
    @FunctionalInterface
    public interface Changelog {
        Liquibase open() throws LiquibaseException;
    }

    /** Creates {@code schema} when missing and applies {@code changelog} to it, one instance at a time. */
    public static void migrate(DataSource dataSource, String schemaName, Duration lockTimeout, Changelog changelog) {
        String schema = SchemaNames.checked(schemaName);
        try (Connection connection = dataSource.getConnection()) {
            try (Statement timeout = connection.createStatement()) {
                timeout.execute("SET lock_timeout = '" + lockTimeout.toMillis() + "ms'");
            }
            lock(connection, schema);
            try {
                createSchemaIfMissing(connection, schema);
                update(changelog);
            } finally {
                unlock(connection, schema);
            }
        } catch (SQLException | LiquibaseException e) {
            throw new IllegalStateException("Could not migrate schema " + schema + ": " + e.getMessage(), e);
        }
    }

    /**
     * Liquibase's console output (change sets run, the update summary) goes through the log instead, so that the
     * service's output stays JSON lines.
     */
    private static void update(Changelog changelog) throws LiquibaseException {
        try {
            Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService(),
                    "liquibase.command.showSummaryOutput", "LOG"), () -> {
                try (Liquibase migration = changelog.open()) {
                    migration.update(new Contexts(), new LabelExpression());
                }
            });
        } catch (LiquibaseException e) {
            throw e;
        } catch (Exception e) {
            throw new LiquibaseException(e);
        }
    }

    private static void lock(Connection connection, String schema) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
            lock.setString(1, lockKey(schema));
            lock.execute();
        }
    }

    private static void unlock(Connection connection, String schema) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
            unlock.setString(1, lockKey(schema));
            unlock.execute();
        }
    }

    /**
     * Looks before it creates: {@code CREATE SCHEMA IF NOT EXISTS} needs the right to create schemas even when the
     * schema exists, which a role that only owns its schema does not have.
     */
    private static void createSchemaIfMissing(Connection connection, String schema) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            exists.setString(1, schema);
            if (exists.executeQuery().next()) {
                return;
            }
        }
        try (Statement create = connection.createStatement()) {
            create.execute("CREATE SCHEMA " + schema);
        }
    }

    private static String lockKey(String schema) {
        return "obsaga-schema-" + schema;
    }
}
