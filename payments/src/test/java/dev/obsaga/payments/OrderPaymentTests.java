package dev.obsaga.payments;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.obsaga.commons.faults.FaultKind;
import dev.obsaga.commons.faults.Faults;
import dev.obsaga.commons.messaging.IncomingChannels;
import dev.obsaga.contracts.events.CardReference;
import dev.obsaga.contracts.events.OrderCreated;
import dev.obsaga.contracts.telemetry.MetricNames;
import dev.obsaga.contracts.topology.Subscription;
import dev.obsaga.testsupport.BrokerProbe;
import dev.obsaga.testsupport.RealInfrastructureResource;
import dev.obsaga.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.ChannelRegistry;

@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class OrderPaymentTests {

    static BrokerProbe broker;

    @Inject
    Faults faults;

    @Inject
    ChannelRegistry channels;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    @BeforeAll
    static void listen() {
        broker = new BrokerProbe().listen("payments", "payment.*");
    }

    @AfterAll
    static void close() {
        broker.close();
    }

    /** An order.created as orders publishes it: the event record, written by the services' own JSON mapper. */
    String orderCreated(UUID eventId, UUID orderId, String last4) {
        return orderCreated(eventId, orderId, UUID.randomUUID(), last4);
    }

    String orderCreated(UUID eventId, UUID orderId, UUID customerId, String last4) {
        try {
            return json.writeValueAsString(new OrderCreated(eventId, Instant.now(), orderId, customerId,
                    new BigDecimal("42.50"), "EUR", new CardReference("tok_test", last4, 12, 2099)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The order.created messages payments acknowledged, that is handled and committed. */
    double acknowledged() {
        Counter acks = registry.find(MetricNames.CONSUME).tags("queue", "payments.order-created", "outcome", "ack")
                .counter();
        return acks == null ? 0 : acks.count();
    }

    @Test
    void anApprovingCardIsChargedOnceAndAnnounced() {
        UUID orderId = UUID.randomUUID();
        UUID customerId = UUID.randomUUID();
        broker.publish("orders", "order.created", UUID.randomUUID().toString(),
                orderCreated(UUID.randomUUID(), orderId, customerId, "4242"));

        await().atMost(Duration.ofSeconds(10)).until(() -> !broker.receivedContaining(orderId.toString()).isEmpty());
        BrokerProbe.Received result = broker.receivedContaining(orderId.toString()).get(0);
        assertEquals("payment.succeeded", result.routingKey());
        given().get("/payments?orderId=" + orderId).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].status", equalTo("SUCCEEDED")).body("[0].amount", equalTo(42.5f))
                .body("[0].customerId", equalTo(customerId.toString()));
    }

    @Test
    void aDecliningTestCardFailsWithItsReason() {
        UUID orderId = UUID.randomUUID();
        broker.publish("orders", "order.created", UUID.randomUUID().toString(),
                orderCreated(UUID.randomUUID(), orderId, "0002"));

        await().atMost(Duration.ofSeconds(10)).until(() -> !broker.receivedContaining(orderId.toString()).isEmpty());
        BrokerProbe.Received result = broker.receivedContaining(orderId.toString()).get(0);
        assertEquals("payment.failed", result.routingKey());
        assertEquals(true, result.body().contains("\"reason\":\"card_declined\""), result.body());
    }

    @Test
    void theSameOrderDeliveredTwiceOrAnnouncedTwiceIsPaidOnce() {
        UUID orderId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        String event = orderCreated(eventId, orderId, "4444");
        double handledBefore = acknowledged();
        broker.publish("orders", "order.created", eventId.toString(), event);
        broker.publish("orders", "order.created", eventId.toString(), event);
        // A second, different event for the same order (a producer bug): the unique order id still holds.
        broker.publish("orders", "order.created", UUID.randomUUID().toString(),
                orderCreated(UUID.randomUUID(), orderId, "4444"));

        // All three copies handled (acknowledged after their transaction), not just taken off the queue.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> acknowledged() >= handledBefore + 3 && !broker.receivedContaining(orderId.toString()).isEmpty());
        given().get("/payments?orderId=" + orderId).then().body("size()", equalTo(1));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> broker.receivedContaining(orderId.toString()).size() == 1);
    }

    @Test
    void anUnreadableMessageGoesToTheDeadLetterQueueAtOnce() {
        long before = TestInfrastructure.messageCount("payments.order-created.dlq");
        broker.publish("orders", "order.created", UUID.randomUUID().toString(), "{not json");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> TestInfrastructure.messageCount("payments.order-created.dlq") == before + 1);
    }

    @Test
    void theConsumerPausedFaultStopsEveryConsumerOfTheQueueUntilReset() {
        // Several consumers per queue (obsaga.messaging.consumer-concurrency): every one of them must pause.
        assertEquals(true, IncomingChannels.pausables(channels, Subscription.PAYMENTS_ORDER_CREATED).size() > 1);
        faults.set(FaultKind.CONSUMER_PAUSED.kind(), 1.0, 0, 0);
        try {
            List<UUID> orders = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                UUID orderId = UUID.randomUUID();
                orders.add(orderId);
                broker.publish("orders", "order.created", UUID.randomUUID().toString(),
                        orderCreated(UUID.randomUUID(), orderId, "4242"));
            }
            // Delivered (up to the prefetch) but not handled: no payment comes out while paused.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> orders.stream().allMatch(id -> broker.receivedContaining(id.toString()).isEmpty()));
            faults.reset(FaultKind.CONSUMER_PAUSED.kind());
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> orders.stream().allMatch(id -> broker.receivedContaining(id.toString()).size() == 1));
        } finally {
            faults.reset(FaultKind.CONSUMER_PAUSED.kind());
        }
    }

    @Test
    void paymentsNeedAValidOrderId() {
        given().get("/payments?orderId=x").then().statusCode(400).contentType("application/problem+json");
    }
}
