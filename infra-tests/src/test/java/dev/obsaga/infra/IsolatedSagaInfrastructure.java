package dev.obsaga.infra;

import java.util.List;
import java.util.Map;

import dev.obsaga.testsupport.TestInfrastructure;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.SqlClient;

/**
 * A database and a RabbitMQ virtual host of these tests' own, fresh for every run: the services started here never
 * share state with the other modules' tests (which use obsaga_test / obsaga-test and reset them when they start),
 * and the broker metrics Prometheus keeps are only those of this vhost. Same machine services and overrides
 * (TEST_DB_HOST, TEST_RABBITMQ_HOST, ...) as {@link TestInfrastructure}; fails loudly when they are missing.
 */
final class IsolatedSagaInfrastructure {

    /** INFRA_TEST_DB_NAME / INFRA_TEST_RABBITMQ_VHOST: for two runs side by side on one machine. */
    static final String DATABASE = env("INFRA_TEST_DB_NAME", "obsaga_infra_test");
    static final String VHOST = env("INFRA_TEST_RABBITMQ_VHOST", "obsaga-infra-test");

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private IsolatedSagaInfrastructure() {
    }

    /** Environment for SagaProcesses: our database and vhost instead of the shared test ones. */
    static Map<String, String> serviceEnvironment() {
        // The administrator accounts: these tests check the telemetry pipeline, not privileges (the per-service
        // users and roles of TestCredentials are made for the shared test vhost and database).
        return Map.of("DB_URL", "postgresql://" + TestInfrastructure.DB_HOST + ":" + TestInfrastructure.DB_PORT + "/"
                + DATABASE, "RABBITMQ_VHOST", VHOST, "RABBITMQ_USER", "guest", "RABBITMQ_PASSWORD", "guest",
                "DB_USER", TestInfrastructure.DB_USER, "DB_PASSWORD", "");
    }

    /** An empty vhost (deleted and created again) and a database without the services' schemas. */
    static void reset() {
        TestInfrastructure.ensureTestVhost(); // also proves the broker is there
        rabbitmqctl(true, "delete_vhost", VHOST);
        rabbitmqctl(false, "add_vhost", VHOST);
        rabbitmqctl(false, "set_permissions", "-p", VHOST, "guest", ".*", ".*", ".*");
        Long exists = sql("postgres", "SELECT count(*) FROM pg_database WHERE datname = '" + DATABASE + "'");
        if (exists == 0) {
            sql("postgres", "CREATE DATABASE " + DATABASE);
        }
        for (String schema : List.of("customers", "orders", "payments", "notifications")) {
            sql(DATABASE, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static void rabbitmqctl(boolean mayBeMissing, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "rabbitmqctl";
        System.arraycopy(args, 0, command, 1, args.length);
        Tools.Result result;
        try {
            result = Tools.run(120, Tools.repositoryRoot(), command);
        } catch (RuntimeException e) {
            throw new AssertionError("These tests create their RabbitMQ vhost with rabbitmqctl, which is not "
                    + "available: install rabbitmq-server (apt-get install rabbitmq-server) or run them where it is", e);
        }
        if (result.exitCode() != 0 && !(mayBeMissing && result.output().contains("not"))) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + result.output());
        }
    }

    private static Long sql(String database, String statement) {
        Vertx vertx = Vertx.vertx();
        try {
            SqlClient client = PgBuilder.client().connectingTo(new PgConnectOptions().setHost(TestInfrastructure.DB_HOST)
                    .setPort(TestInfrastructure.DB_PORT).setUser(TestInfrastructure.DB_USER).setDatabase(database))
                    .using(vertx).build();
            try {
                var rows = client.query(statement).execute().toCompletionStage().toCompletableFuture().get();
                return rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : null;
            } finally {
                client.close();
            }
        } catch (Exception e) {
            throw new AssertionError("PostgreSQL at " + TestInfrastructure.DB_HOST + ":" + TestInfrastructure.DB_PORT
                    + " is required and failed on: " + statement + " — " + e, e);
        } finally {
            vertx.close();
        }
    }
}
