package dev.obsaga.systemtests;

import static dev.obsaga.systemtests.SagaClient.APPROVING_CARD;
import static dev.obsaga.systemtests.SagaClient.DECLINING_CARD;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.obsaga.testsupport.BrokerProbe;
import dev.obsaga.testsupport.SagaProcesses;
import dev.obsaga.testsupport.SagaService;
import dev.obsaga.testsupport.TestInfrastructure;

/** The four packaged services as separate processes on the real broker and database, driven from outside. */
class SagaSystemIT {

    static final Duration SAGA_TIMEOUT = Duration.ofSeconds(60);
    static SagaProcesses services;

    @BeforeAll
    static void startSystem() {
        TestInfrastructure.resetTestDatabase();
        TestInfrastructure.purgeQueues();
        services = new SagaProcesses(Path.of("target", "service-logs", "saga"), Map.of()).startAll();
        warmUp();
    }

    /**
     * A few sequential orders first: four cold JVMs on two cores answer their first calls slowly (class loading,
     * JIT), and a cold burst could hit the 800 ms customers deadline, which is not what these tests are about.
     */
    static void warmUp() {
        String customerId = SagaClient.registerCustomer("Warm", SagaClient.uniqueEmail("warm"));
        for (int i = 0; i < 20; i++) {
            SagaClient.placeAcceptedOrder(customerId, APPROVING_CARD);
        }
        // Then a few concurrent ones, whose answers do not matter: the burst test below is about the saga, not
        // about how fast a cold gRPC path gets compiled (on a slow 2-core machine it can take longer than 800 ms).
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                answers.add(pool.submit(() -> SagaClient.placeOrder(customerId, APPROVING_CARD).statusCode()));
            }
            for (Future<Integer> answer : answers) {
                answer.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("warm-up failed", e);
        } finally {
            pool.shutdown();
        }
    }

    @AfterAll
    static void stopSystem() {
        System.out.println("[system-tests] SagaSystemIT placements answered 503 and retried: " + SagaClient.RETRIED_503);
        if (services != null) {
            services.close();
        }
    }

    @Test
    void aRegisteredCustomersOrderIsConfirmedAndNotified() {
        String customerId = SagaClient.registerCustomer("Ada", SagaClient.uniqueEmail("ada"));
        String orderId = SagaClient.placeAcceptedOrder(customerId, APPROVING_CARD).then()
                .body("status", equalTo("PENDING")).body("total", equalTo(25.0f)).extract().path("id");

        await().atMost(SAGA_TIMEOUT).until(() -> "CONFIRMED".equals(SagaClient.status(orderId)));
        await().atMost(SAGA_TIMEOUT).untilAsserted(() -> SagaClient.notificationsOfOrder(orderId).then()
                .body("size()", equalTo(1)).body("[0].type", equalTo("ORDER_CONFIRMED")));
        await().atMost(SAGA_TIMEOUT).untilAsserted(() -> SagaClient.notificationsOfCustomer(customerId).then()
                .body("type", org.hamcrest.Matchers.hasItems("WELCOME", "ORDER_CONFIRMED")));
        assertEquals(1, SagaClient.paymentCount(orderId));
    }

    @Test
    void aDecliningCardIsRejectedWithItsReason() {
        String customerId = SagaClient.registerCustomer("Bo", SagaClient.uniqueEmail("bo"));
        String orderId = SagaClient.placeAcceptedOrder(customerId, DECLINING_CARD).then().extract().path("id");

        await().atMost(SAGA_TIMEOUT).until(() -> "REJECTED".equals(SagaClient.status(orderId)));
        io.restassured.RestAssured.given().baseUri(dev.obsaga.testsupport.SagaService.ORDERS.baseUrl())
                .get("/orders/" + orderId).then().body("rejectionReason", equalTo("card_declined"));
        await().atMost(SAGA_TIMEOUT).untilAsserted(() -> SagaClient.notificationsOfOrder(orderId).then()
                .body("size()", equalTo(1)).body("[0].type", equalTo("ORDER_REJECTED")));
    }

    @Test
    void anUnknownCustomerIsUnprocessable() {
        SagaClient.placeOrderPastOverload(UUID.randomUUID().toString(), APPROVING_CARD).then().statusCode(422)
                .contentType("application/problem+json");
    }

    @Test
    void twoHundredConcurrentOrdersAllEndWithExactlyOnePayment() throws Exception {
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            customers.add(SagaClient.registerCustomer("Load" + i, SagaClient.uniqueEmail("load" + i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<String>> placed = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String customer = customers.get(i % customers.size());
            String card = i % 5 == 0 ? DECLINING_CARD : APPROVING_CARD;
            placed.add(pool.submit(() -> SagaClient.placeAcceptedOrder(customer, card).then().extract()
                    .<String>path("id")));
        }
        List<String> orderIds = new ArrayList<>();
        for (Future<String> f : placed) {
            orderIds.add(f.get());
        }
        pool.shutdown();
        assertEquals(200, Set.copyOf(orderIds).size());

        await().atMost(SAGA_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> TestInfrastructure.count(
                "SELECT count(*) FROM orders.orders WHERE status <> 'PENDING' AND id IN ("
                        + quoted(orderIds) + ")") == 200);
        assertEquals(40, TestInfrastructure.count("SELECT count(*) FROM orders.orders WHERE status = 'REJECTED' AND id IN ("
                + quoted(orderIds) + ")"));
        assertEquals(200, TestInfrastructure.count("SELECT count(*) FROM payments.payments WHERE order_id IN ("
                + quoted(orderIds) + ")"));
        assertEquals(0, TestInfrastructure.count("SELECT count(*) FROM (SELECT order_id FROM payments.payments "
                + "GROUP BY order_id HAVING count(*) > 1) dup"));
        await().atMost(SAGA_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> TestInfrastructure.count(
                "SELECT count(*) FROM notifications.notifications WHERE order_id IN (" + quoted(orderIds) + ")") == 200);
    }

    @Test
    void anOrderCreatedDeliveredTwiceIsPaidAndNotifiedOnce() {
        try (BrokerProbe probe = new BrokerProbe().listen("orders", "order.created")) {
            String customerId = SagaClient.registerCustomer("Dup", SagaClient.uniqueEmail("dup"));
            String orderId = SagaClient.placeAcceptedOrder(customerId, APPROVING_CARD).then().extract().path("id");
            await().atMost(SAGA_TIMEOUT).until(() -> !probe.receivedContaining(orderId).isEmpty());
            BrokerProbe.Received original = probe.receivedContaining(orderId).get(0);

            // The very same message again: same message id, same body, as a redelivery after a lost ack would be.
            await().atMost(SAGA_TIMEOUT).until(() -> "CONFIRMED".equals(SagaClient.status(orderId)));
            double paymentsBefore = SagaClient.acknowledged(SagaService.PAYMENTS, "payments.order-created");
            probe.publish("orders", "order.created", original.properties(), original.rawBody());

            // The copy was handled (acknowledged after its transaction), not just taken off the queue.
            await().atMost(SAGA_TIMEOUT).until(() -> SagaClient.acknowledged(SagaService.PAYMENTS,
                    "payments.order-created") >= paymentsBefore + 1);
            await().atMost(SAGA_TIMEOUT).untilAsserted(() -> SagaClient.notificationsOfOrder(orderId).then()
                    .body("size()", equalTo(1)));
            assertEquals(1, SagaClient.paymentCount(orderId));
            assertEquals(1, TestInfrastructure.count("SELECT count(*) FROM payments.inbox i JOIN payments.payments p "
                    + "ON true WHERE p.order_id = '" + orderId + "' AND i.event_id = '" + original.messageId() + "'"));
        }
    }

    @Test
    void noServiceLoggedAnErrorOrACardNumber() {
        for (var service : dev.obsaga.testsupport.SagaService.values()) {
            for (String line : services.logLines(service)) {
                assertTrue(!line.contains("4242424242424242") && !line.contains("4242 4242 4242 4242"),
                        service + " logged a card number: " + line);
            }
        }
    }

    private static String quoted(List<String> ids) {
        return String.join(",", ids.stream().map(id -> "'" + id + "'").toList());
    }
}
