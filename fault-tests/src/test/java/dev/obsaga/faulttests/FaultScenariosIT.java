package dev.obsaga.faulttests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.obsaga.contracts.topology.Subscription;
import dev.obsaga.testsupport.SagaService;
import dev.obsaga.testsupport.TestInfrastructure;

/**
 * The saga under load-gen's load while one thing breaks at a time, all four services as packaged jars. Each
 * scenario then checks that every accepted order ended final with exactly one payment and one notification of its
 * final state, that nothing was dead-lettered that should not have been, and that readiness showed the fault and
 * came back by itself. Each prints {@code scenario=… accepted=… final=… lost=… duplicates=…}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultScenariosIT {

    static final Duration RECOVERY = Duration.ofSeconds(90);
    static final Duration FAST = Duration.ofMillis(100);
    static final List<SagaService> ALL = List.of(SagaService.values());

    static SagaUnderFire saga;
    static SagaLedger ledger;
    static ScenarioResults results;

    @BeforeAll
    static void startSaga() throws IOException {
        results = new ScenarioResults(Path.of("target", "fault-results.txt"));
        saga = new SagaUnderFire(Path.of("target", "service-logs", "faults")).startAll();
        ledger = new SagaLedger(saga.db);
        assertTrue(saga.broker.connectionsAccepted() > 0 && saga.database.connectionsAccepted() > 0,
                "the services must reach RabbitMQ and PostgreSQL through the test's proxies");
        warmUp();
    }

    /** Cold JVMs answer their first calls slowly; the scenarios are about faults, not about JIT warm-up. */
    static void warmUp() {
        BackgroundLoad warm = BackgroundLoad.start(BackgroundLoad.options(Duration.ofSeconds(10))
                .ramp(Duration.ofSeconds(10)).build());
        warm.awaitReport(Duration.ofMinutes(2));
        ledger.settle("warm-up", warm.acceptedOrderIds());
    }

    @AfterEach
    void repair() {
        saga.repair();
    }

    @AfterAll
    static void stopSaga() {
        if (saga != null) {
            saga.close();
        }
    }

    @Test
    @Order(1)
    void brokerConnectionCutFor10Seconds() {
        Scenario scenario = scenario("broker-cut-10s", Duration.ofSeconds(25));

        Instant cutAt = Instant.now();
        saga.broker.cut();
        await("every service not ready without the broker").atMost(Duration.ofSeconds(8)).pollInterval(FAST)
                .until(() -> ALL.stream().noneMatch(Probes::ready));
        // Orders are still accepted: the order and its event commit to the database, the outbox holds the event.
        int acceptedAtCut = scenario.load.acceptedSoFar();
        await("orders accepted while the broker is away").atMost(Duration.ofSeconds(5))
                .until(() -> scenario.load.acceptedSoFar() > acceptedAtCut + 10);
        await("the outbox backlog shows as a metric").atMost(Duration.ofSeconds(5))
                .until(() -> Probes.sample(SagaService.ORDERS, "obsaga_outbox_pending_events", Map.of()) > 0);
        FaultClock.holdUntil(cutAt.plusSeconds(10));
        saga.broker.restore();

        await("readiness back once the broker is").atMost(RECOVERY).pollInterval(FAST).until(saga::allReady);
        scenario.finish(0);
        await("the outbox backlog metric back to 0").atMost(Duration.ofSeconds(10))
                .until(() -> Probes.sample(SagaService.ORDERS, "obsaga_outbox_pending_events", Map.of()) == 0);
        scenario.assertSawDown(ALL);
    }

    @Test
    @Order(2)
    void databaseConnectionCutFor10Seconds() {
        Scenario scenario = scenario("postgres-cut-10s", Duration.ofSeconds(25));
        String customerId = saga.db.text("SELECT id FROM customers.customers LIMIT 1");
        String orderId = scenario.load.acceptedOrderIds().iterator().next();

        Instant cutAt = Instant.now();
        saga.database.cut();
        await("every service not ready without its database").atMost(Duration.ofSeconds(8)).pollInterval(FAST)
                .until(() -> ALL.stream().noneMatch(Probes::ready));
        assertUnavailable(PublicApi.getOrder(orderId));
        assertUnavailable(PublicApi.placeOrder(customerId));
        FaultClock.holdUntil(cutAt.plusSeconds(10));
        saga.database.restore();

        await("readiness back once the database is").atMost(RECOVERY).pollInterval(FAST).until(saga::allReady);
        scenario.finish(0);
        scenario.assertSawDown(ALL);
    }

    @Test
    @Order(3)
    void paymentsKilledMidFlightAndRestarted() {
        Scenario scenario = scenario("payments-sigkill", Duration.ofSeconds(25));
        double handledBefore = consumed(SagaService.PAYMENTS, Subscription.PAYMENTS_ORDER_CREATED, "ack");
        await("payments busy when it is killed").atMost(Duration.ofSeconds(10)).pollInterval(FAST)
                .until(() -> consumed(SagaService.PAYMENTS, Subscription.PAYMENTS_ORDER_CREATED, "ack") > handledBefore);

        saga.services.kill(SagaService.PAYMENTS);
        await("order.created waits in the queue while payments is dead").atMost(Duration.ofSeconds(10))
                .until(() -> TestInfrastructure.messageCount(Subscription.PAYMENTS_ORDER_CREATED.queue()) > 0);
        saga.services.start(SagaService.PAYMENTS);

        scenario.finish(0);
        scenario.assertSawDown(List.of(SagaService.PAYMENTS));
        scenario.assertNeverDown(List.of(SagaService.CUSTOMERS, SagaService.ORDERS, SagaService.NOTIFICATIONS));
    }

    @Test
    @Order(4)
    void customersStoppedFor30Seconds() {
        Scenario scenario = scenario("customers-down-30s", Duration.ofSeconds(45));
        // A customer that ordered a moment ago: orders remembers that it exists (known-customers cache).
        String customerId = saga.db.text("SELECT customer_id FROM orders.orders ORDER BY created_at DESC LIMIT 1");
        double waitsBefore = consumed(SagaService.NOTIFICATIONS, Subscription.NOTIFICATIONS_CUSTOMER_EVENTS, "retry");

        Instant stoppedAt = Instant.now();
        saga.services.stop(SagaService.CUSTOMERS);
        PublicApi.Answer known = PublicApi.placeOrder(customerId);
        assertEquals(202, known.status(), "a known customer's order while customers is away: " + known.body());
        // Customers orders has not seen must be asked for: 503 at once, until the circuit breaker opens.
        for (int i = 0; i < 20; i++) {
            PublicApi.Answer answer = PublicApi.placeOrder(java.util.UUID.randomUUID().toString());
            assertUnavailable(answer);
            assertTrue(answer.took().compareTo(Duration.ofSeconds(1)) < 0, "503 took " + answer.took());
        }
        await("orders' circuit breaker open, as a metric").atMost(Duration.ofSeconds(15)).pollInterval(FAST)
                .until(() -> Probes.sample(SagaService.ORDERS, "ft_circuitbreaker_state_current",
                        Map.of("state", "open")) == 1);
        // An event that needs customers while it is away (a welcome, as customers publishes it): kept, not lost.
        String eventId = java.util.UUID.randomUUID().toString();
        try (var broker = new dev.obsaga.testsupport.BrokerProbe()) {
            broker.publish("customers", "customer.registered", eventId, "{\"eventId\":\"" + eventId
                    + "\",\"occurredAt\":\"" + Instant.now() + "\",\"customerId\":\"" + customerId
                    + "\",\"name\":\"Again\"}");
        }
        await("notifications waits for customers instead of dead-lettering").atMost(Duration.ofSeconds(20))
                .until(() -> consumed(SagaService.NOTIFICATIONS, Subscription.NOTIFICATIONS_CUSTOMER_EVENTS,
                        "retry") > waitsBefore);
        FaultClock.holdUntil(stoppedAt.plusSeconds(30));
        saga.services.start(SagaService.CUSTOMERS);
        await("the event that waited is delivered once customers is back").atMost(Duration.ofSeconds(90))
                .until(() -> saga.db.number("SELECT count(*) FROM notifications.notifications WHERE event_id = $1",
                        java.util.UUID.fromString(eventId)) == 1);
        // Back for good: a new customer is registered and welcomed (its events flow through the broker again).
        String newcomer = PublicApi.registerCustomer("Back");
        await("a customer registered after the restart is welcomed").atMost(Duration.ofSeconds(60))
                .until(() -> saga.db.number("SELECT count(*) FROM notifications.notifications WHERE customer_id = $1"
                        + " AND type = 'WELCOME'", java.util.UUID.fromString(newcomer)) == 1);

        scenario.finish(0);
        scenario.assertSawDown(List.of(SagaService.CUSTOMERS));
        scenario.assertNeverDown(List.of(SagaService.ORDERS, SagaService.PAYMENTS, SagaService.NOTIFICATIONS));
    }

    @Test
    @Order(5)
    void everyOrderCreatedDeliveredTwice() {
        double handledBefore = consumed(SagaService.PAYMENTS, Subscription.PAYMENTS_ORDER_CREATED, "ack");
        try (OrderCreatedDuplicator duplicator = new OrderCreatedDuplicator().start()) {
            Scenario scenario = scenario("order-created-twice", Duration.ofSeconds(15));
            SagaLedger.Verdict verdict = scenario.finish(0);
            assertTrue(duplicator.duplicated() >= verdict.accepted(),
                    "every order.created must have been sent again: " + duplicator.duplicated());
            double handled = consumed(SagaService.PAYMENTS, Subscription.PAYMENTS_ORDER_CREATED, "ack") - handledBefore;
            assertTrue(handled >= 2 * verdict.accepted(), "payments must have consumed both copies: " + handled);
            scenario.assertNeverDown(ALL);
        }
    }

    @Test
    @Order(6)
    void aBurstOfPoisonMessages() {
        Subscription payments = Subscription.PAYMENTS_ORDER_CREATED;
        double deadLetteredBefore = consumed(SagaService.PAYMENTS, payments, "dead_letter");
        long errorsBefore = logLines(SagaService.PAYMENTS, "\"log.level\":\"ERROR\"");
        long inDlqBefore = TestInfrastructure.messageCount(payments.deadLetterQueue());
        Scenario scenario = scenario("poison-burst-20", Duration.ofSeconds(15));

        assertEquals(200, Probes.put(SagaService.ORDERS, "/faults/poison-messages", "{\"count\":20}"));
        await("20 poison messages in payments' dead-letter queue").atMost(Duration.ofSeconds(20))
                .until(() -> TestInfrastructure.messageCount(payments.deadLetterQueue()) >= inDlqBefore + 20);
        assertEquals(204, Probes.delete(SagaService.ORDERS, "/faults/poison-messages"));

        scenario.finish(20);
        assertEquals(inDlqBefore + 20, TestInfrastructure.messageCount(payments.deadLetterQueue()));
        assertEquals(20, consumed(SagaService.PAYMENTS, payments, "dead_letter") - deadLetteredBefore,
                "obsaga_messaging_consume_total{outcome=dead_letter}");
        assertEquals(20, logLines(SagaService.PAYMENTS, "\"log.level\":\"ERROR\"") - errorsBefore,
                "one ERROR line per poison message, and no other");
        scenario.assertNeverDown(ALL);
    }

    @Test
    @Order(7)
    void sigtermToEveryServiceDuringLoadThenRestart() {
        Scenario scenario = scenario("sigterm-all-restart", Duration.ofSeconds(35));
        Map<SagaService, Long> errorsBefore = new java.util.EnumMap<>(SagaService.class);
        ALL.forEach(service -> errorsBefore.put(service, ourErrors(service)));

        List<CompletableFuture<Process>> exits = new ArrayList<>();
        ALL.forEach(service -> exits.add(saga.services.terminate(service)));
        Set<SagaService> sawNotReady = ConcurrentHashMap.newKeySet();
        await("readiness DOWN first, while the services still answer").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    ALL.forEach(service -> {
                        if (Probes.readiness(service) == 503) {
                            sawNotReady.add(service);
                        }
                    });
                    return sawNotReady.size() == ALL.size();
                });
        await("every service exited").atMost(Duration.ofSeconds(60))
                .until(() -> exits.stream().allMatch(CompletableFuture::isDone));
        for (SagaService service : ALL) {
            assertEquals(errorsBefore.get(service), ourErrors(service), service + " failed work while shutting down");
        }
        saga.services.startAll();

        scenario.finish(0);
        assertEquals(EnumSet.allOf(SagaService.class), EnumSet.copyOf(sawNotReady));
    }

    private static Scenario scenario(String name, Duration load) {
        return Scenario.start(name, load, ledger, results);
    }

    private static void assertUnavailable(PublicApi.Answer answer) {
        assertEquals(503, answer.status(), answer.body());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertNotNull(answer.retryAfter(), "503 without Retry-After");
    }

    private static double consumed(SagaService service, Subscription subscription, String outcome) {
        return Probes.sample(service, "obsaga_messaging_consume_total",
                Map.of("queue", subscription.queue(), "outcome", outcome));
    }

    /**
     * ERROR lines of our own code, and retries: what a shutdown that cut work short would log. (Libraries log some
     * ERRORs of their own when stopping after an outage, e.g. cancelling a consumer whose tag changed on
     * reconnection; those say nothing about our work.)
     */
    private static long ourErrors(SagaService service) {
        return saga.services.logLines(service).stream().filter(line -> line.contains("\"loggerName\":\"dev.obsaga")
                && (line.contains("\"log.level\":\"ERROR\"") || line.contains("failed (attempt"))).count();
    }

    private static long logLines(SagaService service, String containing) {
        return saga.services.logLines(service).stream().filter(line -> line.contains(containing)).count();
    }
}
