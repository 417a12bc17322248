package dev.obsaga.orders.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.obsaga.orders.StandInCustomers;
import dev.obsaga.orders.saga.OrderOutcomes;
import dev.obsaga.testsupport.BrokerProbe;
import dev.obsaga.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class OrderSagaTests {

    static BrokerProbe broker;

    @Inject
    OrderOutcomes outcomes;

    @BeforeAll
    static void listen() {
        broker = new BrokerProbe().listen("orders", "order.*");
    }

    @AfterAll
    static void close() {
        broker.close();
    }

    String place() {
        return given().contentType("application/json").body(OrderRequests.valid(StandInCustomers.KNOWN))
                .post("/orders")
                .then().statusCode(202)
                .header("Location", notNullValue())
                .body("status", equalTo("PENDING")).body("total", equalTo(20.03f)).body("currency", equalTo("EUR"))
                .extract().path("id");
    }

    @Test
    void anAcceptedOrderIsPendingAndAnnouncedWithoutTheCardNumber() {
        String id = place();
        given().get("/orders/" + id).then().statusCode(200)
                .body("status", equalTo("PENDING")).body("customerId", equalTo(StandInCustomers.KNOWN.toString()))
                .body("cardLast4", equalTo("4242")).body("items.size()", equalTo(2));

        await().atMost(Duration.ofSeconds(10)).until(() -> !broker.receivedContaining(id).isEmpty());
        BrokerProbe.Received created = broker.receivedContaining(id).get(0);
        assertEquals("order.created", created.routingKey());
        assertTrue(created.body().contains("\"last4\":\"4242\""), created.body());
        assertFalse(created.body().contains(OrderRequests.APPROVING_CARD), "the card number must not travel");
    }

    @Test
    void anUnknownCustomerIsUnprocessable() {
        given().contentType("application/json").body(OrderRequests.valid(UUID.randomUUID())).post("/orders")
                .then().statusCode(422).contentType("application/problem+json").body("type", endsWith("/unknown-customer"));
    }

    @Test
    void aCustomersServiceTooSlowIs503WithRetryAfterAndNoHangingRequest() {
        Instant start = Instant.now();
        given().contentType("application/json").body(OrderRequests.valid(StandInCustomers.SLOW)).post("/orders")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", notNullValue());
        // The deadline is 1 s in tests; the stand-in would answer after 6 s. Generous bound for a loaded CI machine.
        assertTrue(Duration.between(start, Instant.now()).compareTo(Duration.ofSeconds(4)) < 0);
    }

    @Test
    void aLongPollAnswersAsSoonAsTheOrderIsFinal() throws Exception {
        String id = place();
        CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(
                () -> given().get("/orders/" + id + "?wait=20s"));
        // The reader is waiting (the test profile re-reads only every minute: only the signal can end the wait).
        await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.isAwaited(UUID.fromString(id)));
        broker.publish("payments", "payment.succeeded", UUID.randomUUID().toString(), "{\"eventId\":\""
                + UUID.randomUUID() + "\",\"occurredAt\":\"" + Instant.now() + "\",\"paymentId\":\"" + UUID.randomUUID()
                + "\",\"orderId\":\"" + id + "\",\"amount\":20.03,\"currency\":\"EUR\"}");
        waiting.get(15, TimeUnit.SECONDS).then().statusCode(200).body("status", equalTo("CONFIRMED"))
                .body("items.size()", equalTo(2));
        assertFalse(outcomes.isAwaited(UUID.fromString(id)), "the reader stopped waiting");
        // Already final: answered at once, whatever the wait.
        given().get("/orders/" + id + "?wait=20s").then().statusCode(200).body("status", equalTo("CONFIRMED"));
    }

    @Test
    void aWaitThatIsNotADurationFromZeroToTheMaximumIsABadRequest() {
        String id = place();
        for (String wait : List.of("soon", "-1s", "31s")) {
            given().get("/orders/" + id + "?wait=" + wait).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("wait"));
        }
        given().get("/orders/" + id + "?wait=0").then().statusCode(200).body("status", equalTo("PENDING"));
        // A wait that runs out within a millisecond answers too (a sub-millisecond timer is refused by Vert.x).
        given().get("/orders/" + id + "?wait=1ms").then().statusCode(200).body("status", equalTo("PENDING"));
    }

    @Test
    void aPaymentResultEndsTheSagaOnceAndNeverGoesBack() {
        String id = place();
        String paymentId = UUID.randomUUID().toString();
        String succeeded = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"" + Instant.now()
                + "\",\"paymentId\":\"" + paymentId + "\",\"orderId\":\"" + id
                + "\",\"amount\":20.03,\"currency\":\"EUR\"}";
        broker.publish("payments", "payment.succeeded", UUID.randomUUID().toString(), succeeded);
        broker.publish("payments", "payment.succeeded", UUID.randomUUID().toString(), succeeded);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/orders/" + id).then()
                .body("status", equalTo("CONFIRMED")));

        String failed = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"" + Instant.now()
                + "\",\"paymentId\":\"" + paymentId + "\",\"orderId\":\"" + id
                + "\",\"amount\":20.03,\"currency\":\"EUR\",\"reason\":\"card_declined\"}";
        broker.publish("payments", "payment.failed", UUID.randomUUID().toString(), failed);

        await().atMost(Duration.ofSeconds(10)).until(() -> broker.receivedContaining(id).stream()
                .anyMatch(m -> m.routingKey().equals("order.confirmed")));
        // Let the late payment.failed be consumed: it is, once the queue is empty again.
        await().atMost(Duration.ofSeconds(10)).until(() -> dev.obsaga.testsupport.TestInfrastructure
                .messageCount("orders.payment-results") == 0);
        given().get("/orders/" + id).then().body("status", equalTo("CONFIRMED"));
        assertEquals(1, broker.receivedContaining(id).stream()
                .filter(m -> m.routingKey().startsWith("order.confirmed") || m.routingKey().equals("order.rejected"))
                .count(), "exactly one outcome event");
    }
}
