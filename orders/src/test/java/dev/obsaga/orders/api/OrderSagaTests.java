package dev.obsaga.orders.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.obsaga.contracts.events.DomainEvent;
import dev.obsaga.contracts.events.PaymentFailed;
import dev.obsaga.contracts.events.PaymentSucceeded;
import dev.obsaga.contracts.telemetry.MetricNames;
import dev.obsaga.orders.StandInCustomers;
import dev.obsaga.orders.saga.OrderOutcomes;
import dev.obsaga.testsupport.BrokerProbe;
import dev.obsaga.testsupport.RealInfrastructureResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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

    static final BigDecimal AMOUNT = new BigDecimal("20.03");

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    void publish(String routingKey, DomainEvent event) throws JsonProcessingException {
        broker.publish("payments", routingKey, event.eventId().toString(), json.writeValueAsString(event));
    }

    /** The payment results orders acknowledged, that is handled and committed. */
    double acknowledged() {
        Counter acks = registry.find(MetricNames.CONSUME).tags("queue", "orders.payment-results", "outcome", "ack")
                .counter();
        return acks == null ? 0 : acks.count();
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
        publish("payment.succeeded", new PaymentSucceeded(UUID.randomUUID(), Instant.now(), UUID.randomUUID(),
                UUID.fromString(id), AMOUNT, "EUR"));
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
    void aPaymentResultEndsTheSagaOnceAndNeverGoesBack() throws Exception {
        String id = place();
        UUID orderId = UUID.fromString(id);
        UUID paymentId = UUID.randomUUID();
        PaymentSucceeded succeeded = new PaymentSucceeded(UUID.randomUUID(), Instant.now(), paymentId, orderId,
                AMOUNT, "EUR");
        double handledBefore = acknowledged();
        publish("payment.succeeded", succeeded);
        publish("payment.succeeded", succeeded);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/orders/" + id).then()
                .body("status", equalTo("CONFIRMED")));

        publish("payment.failed", new PaymentFailed(UUID.randomUUID(), Instant.now(), paymentId, orderId, AMOUNT,
                "EUR", "card_declined"));

        await().atMost(Duration.ofSeconds(10)).until(() -> broker.receivedContaining(id).stream()
                .anyMatch(m -> m.routingKey().equals("order.confirmed")));
        // The duplicate and the late payment.failed were handled (acknowledged after their transaction), not just
        // taken off the queue: three more acks on the payment results' queue.
        await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged() >= handledBefore + 3);
        given().get("/orders/" + id).then().body("status", equalTo("CONFIRMED"));
        assertEquals(1, broker.receivedContaining(id).stream()
                .filter(m -> m.routingKey().startsWith("order.confirmed") || m.routingKey().equals("order.rejected"))
                .count(), "exactly one outcome event");
    }
}
