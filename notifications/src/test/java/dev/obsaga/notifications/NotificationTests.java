package dev.obsaga.notifications;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.obsaga.contracts.events.CustomerRegistered;
import dev.obsaga.contracts.events.DomainEvent;
import dev.obsaga.contracts.events.OrderRejected;
import dev.obsaga.contracts.telemetry.MetricNames;
import dev.obsaga.testsupport.BrokerProbe;
import dev.obsaga.testsupport.RealInfrastructureResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class NotificationTests {

    static BrokerProbe broker;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    void publish(String exchange, String routingKey, DomainEvent event) throws JsonProcessingException {
        broker.publish(exchange, routingKey, event.eventId().toString(), json.writeValueAsString(event));
    }

    /** The order outcomes notifications acknowledged, that is handled and committed. */
    double acknowledged() {
        Counter acks = registry.find(MetricNames.CONSUME)
                .tags("queue", "notifications.order-outcomes", "outcome", "ack").counter();
        return acks == null ? 0 : acks.count();
    }

    @BeforeAll
    static void open() {
        broker = new BrokerProbe();
    }

    @AfterAll
    static void close() {
        broker.close();
    }

    @Test
    void aRegisteredCustomerIsWelcomedWithAMaskedRecipient() throws Exception {
        UUID customerId = UUID.randomUUID();
        publish("customers", "customer.registered",
                new CustomerRegistered(UUID.randomUUID(), Instant.now(), customerId, "Pat"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/notifications?customerId=" + customerId)
                .then().statusCode(200).body("size()", equalTo(1)).body("[0].type", equalTo("WELCOME"))
                .body("[0].recipient", equalTo("p***@example.org"))
                .body(not(containsString(StandInCustomers.emailOf(customerId.toString())))));
    }

    @Test
    void eachOrderOutcomeIsNotifiedOnceHoweverOftenItIsDelivered() throws Exception {
        UUID customerId = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        OrderRejected rejected = new OrderRejected(eventId, Instant.now(), orderId, customerId, new BigDecimal("10.00"),
                "EUR", Instant.now(), "card_declined");
        double handledBefore = acknowledged();
        for (int i = 0; i < 3; i++) {
            publish("orders", "order.rejected", rejected);
        }

        // All three copies handled (acknowledged after their transaction), not just taken off the queue.
        await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged() >= handledBefore + 3);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/notifications?orderId=" + orderId)
                .then().body("size()", equalTo(1)).body("[0].type", equalTo("ORDER_REJECTED")));
    }

    @Test
    void listingNeedsAFilter() {
        given().get("/notifications").then().statusCode(400).contentType("application/problem+json");
        given().get("/notifications?orderId=nope").then().statusCode(400).contentType("application/problem+json");
    }
}
