package dev.obsaga.testsupport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.obsaga.contracts.topology.Subscription;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.SqlClient;

/**
 * The machine's real PostgreSQL and RabbitMQ, prepared for tests: a database of their own (so a developer's
 * local data is never touched) and empty saga queues (so no test sees another's leftovers).
 */
public final class TestInfrastructure {

    /** The Maven module whose tests run (set by the build): each has its own database and virtual host. */
    static final String MODULE = System.getProperty("obsaga.test.module", "");
    public static final String TEST_DATABASE = env("TEST_DB_NAME", "obsaga_test") + moduleSuffix('_');
    public static final String DB_HOST = env("TEST_DB_HOST", "127.0.0.1");
    public static final int DB_PORT = Integer.parseInt(env("TEST_DB_PORT", "5432"));
    public static final String DB_USER = env("TEST_DB_USER", "postgres");
    public static final String RABBITMQ_HOST = env("TEST_RABBITMQ_HOST", "127.0.0.1");
    public static final int RABBITMQ_PORT = Integer.parseInt(env("TEST_RABBITMQ_PORT", "5672"));
    /** A virtual host of the tests' own: a locally running system on "/" neither sees nor steals test messages. */
    public static final String RABBITMQ_VHOST = env("TEST_RABBITMQ_VHOST", "obsaga-test") + moduleSuffix('-');

    private static final List<String> SCHEMAS = List.of("customers", "orders", "payments", "notifications");

    private TestInfrastructure() {
    }

    private static String moduleSuffix(char separator) {
        return MODULE.isBlank() ? "" : separator + MODULE.replace('-', separator);
    }

    public static String testDatabaseUrl() {
        return "postgresql://" + DB_HOST + ":" + DB_PORT + "/" + TEST_DATABASE;
    }

    /** Creates the test database when it is missing. Fails loudly when PostgreSQL is not reachable. */
    public static void ensureTestDatabase() {
        ensureDatabase(TEST_DATABASE);
    }

    /** Drops every service schema in the test database: the services recreate them at start-up. */
    public static void resetTestDatabase() {
        resetDatabase(TEST_DATABASE);
    }

    /** {@code database} (created when missing) without the services' schemas, for a test that has its own. */
    public static void resetDatabase(String database) {
        ensureDatabase(database);
        for (String schema : SCHEMAS) {
            run(database, "DROP SCHEMA IF EXISTS " + schema + " CASCADE", false);
        }
    }

    private static void ensureDatabase(String database) {
        Long count = run("postgres", "SELECT count(*) AS n FROM pg_database WHERE datname = '" + database + "'", true);
        if (count == 0) {
            run("postgres", "CREATE DATABASE " + database, false);
        }
    }

    /** An empty virtual host of a test's own (deleted with everything in it, created again, guest allowed in). */
    public static void recreateVhost(String vhost) {
        ensureTestVhost(); // proves the broker is there
        rabbitmqctl("delete_vhost", vhost);
        rabbitmqctl("add_vhost", vhost);
        rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
    }

    /** Runs one statement in the test database as the administrator (set-up steps). */
    public static void execute(String sql) {
        run(TEST_DATABASE, sql, false);
    }

    public static long count(String sql) {
        return run(TEST_DATABASE, sql, true);
    }

    /**
     * Deletes every saga queue and dead-letter queue, so no test sees another's leftovers and the services declare
     * them afresh with the current topology (a queue's type cannot change: a vhost holding an earlier run's classic
     * queues would refuse the quorum declaration). Call it only while no service of the run is up. Fails loudly when
     * RabbitMQ is not reachable.
     */
    public static void purgeQueues() {
        withChannel(channel -> {
            for (Subscription s : Subscription.values()) {
                for (String queue : List.of(s.queue(), s.deadLetterQueue())) {
                    channel.queueDelete(queue);
                }
            }
        });
    }

    public static long messageCount(String queue) {
        long[] count = new long[1];
        withChannel(channel -> count[0] = channel.messageCount(queue));
        return count[0];
    }

    /**
     * Creates the tests' virtual host with rabbitmqctl when it is missing (the broker of this machine kind has no
     * management API). Fails loudly when neither the vhost nor rabbitmqctl is there.
     */
    public static synchronized void ensureTestVhost() {
        if (vhostReady) {
            return;
        }
        try {
            connectionFactory().newConnection("obsaga-tests-probe").close();
        } catch (IOException | TimeoutException e) {
            rabbitmqctl("add_vhost", RABBITMQ_VHOST);
            rabbitmqctl("set_permissions", "-p", RABBITMQ_VHOST, "guest", ".*", ".*", ".*");
        }
        vhostReady = true;
    }

    private static volatile boolean vhostReady;

    /**
     * rabbitmqctl against the machine's broker (it has no management API): the tests' one way to make vhosts and
     * users. Something that is already there, or already gone, is not a failure; anything else fails loudly.
     */
    public static void rabbitmqctl(String... args) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0 && !output.contains("already exists") && !output.contains("does not exist")
                    && !output.contains("not found") && !output.contains("no_such_vhost")) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("The tests set up RabbitMQ with rabbitmqctl, which is not available "
                    + "(install rabbitmq-server): " + String.join(" ", command) + " — " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static ConnectionFactory connectionFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(RABBITMQ_HOST);
        factory.setPort(RABBITMQ_PORT);
        factory.setVirtualHost(RABBITMQ_VHOST);
        return factory;
    }

    public interface ChannelWork {
        void run(Channel channel) throws IOException;
    }

    public static void withChannel(ChannelWork work) {
        ensureTestVhost();
        try (Connection connection = connectionFactory().newConnection("obsaga-tests"); Channel channel = connection.createChannel()) {
            work.run(channel);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("RabbitMQ at " + RABBITMQ_HOST + ":" + RABBITMQ_PORT
                    + " is required by the tests and is not usable: " + e, e);
        }
    }

    private static Long run(String database, String sql, boolean single) {
        Vertx vertx = Vertx.vertx();
        try {
            PgConnectOptions options = new PgConnectOptions().setHost(DB_HOST).setPort(DB_PORT).setUser(DB_USER)
                    .setDatabase(database);
            SqlClient client = PgBuilder.client().connectingTo(options).using(vertx).build();
            try {
                var rows = client.query(sql).execute().toCompletionStage().toCompletableFuture().get();
                return single ? rows.iterator().next().getLong(0) : null;
            } finally {
                client.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL at " + DB_HOST + ":" + DB_PORT
                    + " is required by the tests and failed on: " + sql + " — " + e, e);
        } finally {
            vertx.close();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
