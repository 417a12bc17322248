package dev.obsaga.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;

import dev.obsaga.contracts.access.ServiceNames;
import dev.obsaga.contracts.topology.Exchange;
import dev.obsaga.testsupport.ServiceIdentities;
import dev.obsaga.testsupport.TestInfrastructure;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.SqlClient;

/**
 * Each service's own broker user and database role may do what its topology and schema need and nothing else:
 * with payments' credentials, publishing to the orders exchange, consuming orders' queue or declaring a queue of
 * its own choosing is ACCESS_REFUSED; with each role, reading or writing another service's schema is refused.
 */
class ServiceIdentitiesIT {

    @BeforeAll
    static void createIdentities() throws IOException, TimeoutException {
        TestInfrastructure.resetTestDatabase();
        ServiceIdentities.ensure();
        // The services' tables and exchanges, as each service would make them with its own identity, so that a
        // refusal is about privileges and not about something missing (the test runs alone as well).
        for (String service : ServiceNames.ALL) {
            asRole(service, "CREATE TABLE IF NOT EXISTS " + service + ".probe (id int)");
            Optional<Exchange> own = Exchange.ownedBy(service);
            if (own.isPresent()) {
                try (Connection connection = broker(service)) {
                    connection.createChannel().exchangeDeclare(own.get().exchangeName(), "topic", true);
                }
            }
        }
    }

    @Test
    void paymentsMayPublishOnlyToItsOwnExchange() throws Exception {
        try (Connection connection = broker("payments")) {
            Channel own = connection.createChannel();
            own.confirmSelect();
            // An unbound routing key: allowed, and no consumer sees it.
            own.basicPublish("payments", "probe.unbound", null, "{}".getBytes(StandardCharsets.UTF_8));
            own.waitForConfirmsOrDie(10_000);

            Channel foreign = connection.createChannel();
            foreign.confirmSelect();
            foreign.basicPublish("orders", "order.confirmed", null, "{}".getBytes(StandardCharsets.UTF_8));
            ShutdownSignalException refused = assertThrows(ShutdownSignalException.class,
                    () -> foreign.waitForConfirmsOrDie(10_000));
            assertRefused(refused);
        }
    }

    @Test
    void paymentsMayNotConsumeOrdersQueueNorDeclareAQueueOutsideItsTopology() throws Exception {
        try (Connection connection = broker("payments")) {
            IOException consume = assertThrows(IOException.class,
                    () -> connection.createChannel().basicConsume("orders.payment-results", true, (tag, m) -> { },
                            tag -> { }));
            assertRefused(consume.getCause());
            IOException declare = assertThrows(IOException.class,
                    () -> connection.createChannel().queueDeclare("payments.extra", true, false, false, Map.of()));
            assertRefused(declare.getCause());
            IOException deleteOthers = assertThrows(IOException.class,
                    () -> connection.createChannel().queueDelete("notifications.order-outcomes"));
            assertRefused(deleteOthers.getCause());
        }
    }

    @Test
    void noServiceUserMayUseAnotherServicesExchangeOrQueue() throws Exception {
        for (String service : ServiceNames.ALL) {
            try (Connection connection = broker(service)) {
                for (String other : ServiceNames.ALL) {
                    if (other.equals(service) || other.equals("notifications")) {
                        continue; // notifications publishes nothing: it has no exchange
                    }
                    Channel channel = connection.createChannel();
                    channel.confirmSelect();
                    channel.basicPublish(other, "probe.unbound", null, new byte[0]);
                    assertRefused(assertThrows(ShutdownSignalException.class, () -> channel.waitForConfirmsOrDie(10_000)));
                }
            }
        }
    }

    @Test
    void eachRoleOwnsItsSchemaAndCannotReadOrWriteAnother() {
        for (String service : ServiceNames.ALL) {
            asRole(service, "INSERT INTO " + service + ".probe VALUES (1)");
            for (String other : ServiceNames.ALL) {
                if (other.equals(service)) {
                    continue;
                }
                for (String sql : new String[] { "SELECT * FROM " + other + ".probe",
                        "INSERT INTO " + other + ".probe VALUES (2)", "DROP TABLE " + other + ".probe",
                        "CREATE TABLE " + other + ".intruder (id int)" }) {
                    assertRefused(service, sql);
                }
            }
            // Nothing outside its schema either: no second schema, no table in public.
            assertRefused(service, "CREATE SCHEMA " + service + "_second");
            assertRefused(service, "CREATE TABLE public.intruder (id int)");
            assertEquals(0, TestInfrastructure.count("SELECT count(*) FROM pg_roles WHERE rolname = '"
                    + ServiceIdentities.databaseRole(service) + "' AND (rolsuper OR rolcreatedb OR rolcreaterole)"),
                    service + "'s role has an administrator's attribute");
        }
    }

    private static void assertRefused(String service, String sql) {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> asRole(service, sql),
                service + ": " + sql);
        assertTrue(String.valueOf(refused.getMessage()).contains("permission denied")
                || String.valueOf(refused.getMessage()).contains("must be owner"), service + ": " + refused);
    }

    private static void assertRefused(Throwable error) {
        assertTrue(error instanceof ShutdownSignalException, "expected a channel closed by the broker: " + error);
        String reason = error.getMessage();
        assertTrue(reason.contains("ACCESS_REFUSED"), reason);
        assertFalse(((ShutdownSignalException) error).isHardError(), "the channel closes, not the connection: " + reason);
    }

    private static Connection broker(String service) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(TestInfrastructure.RABBITMQ_HOST);
        factory.setPort(TestInfrastructure.RABBITMQ_PORT);
        factory.setVirtualHost(TestInfrastructure.RABBITMQ_VHOST);
        factory.setUsername(ServiceIdentities.brokerUser(service));
        factory.setPassword(ServiceIdentities.brokerPassword(service));
        return factory.newConnection("least-privilege-" + service);
    }

    /** Runs {@code sql} connected as the service's role; a refusal is an IllegalStateException with the reason. */
    private static void asRole(String service, String sql) {
        Vertx vertx = Vertx.vertx();
        try {
            PgConnectOptions options = new PgConnectOptions().setHost(TestInfrastructure.DB_HOST)
                    .setPort(TestInfrastructure.DB_PORT).setDatabase(TestInfrastructure.TEST_DATABASE)
                    .setUser(ServiceIdentities.databaseRole(service))
                    .setPassword(ServiceIdentities.databasePassword(service));
            SqlClient client = PgBuilder.client().connectingTo(options).using(vertx).build();
            try {
                client.query(sql).execute().toCompletionStage().toCompletableFuture().get();
            } finally {
                client.close();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            vertx.close();
        }
    }
}
