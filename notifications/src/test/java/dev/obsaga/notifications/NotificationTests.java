package dev.obsaga.notifications;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.obsaga.testsupport.BrokerProbe;
import dev.obsaga.testsupport.RealInfrastructureResource;
import dev.obsaga.testsupport.TestInfrastructure;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class NotificationTests {

    static BrokerProbe broker;

    @BeforeAll
    static void open() {
        broker = new BrokerProbe();
    }

    @AfterAll
    static void close() {
        broker.close();
    }

    @Test
    void aRegisteredCustomerIsWelcomedWithAMaskedRecipient() {
        UUID customerId = UUID.randomUUID();
        broker.publish("customers", "customer.registered", UUID.randomUUID().toString(), "{\"eventId\":\""
                + UUID.randomUUID() + "\",\"occurredAt\":\"" + Instant.now() + "\",\"customerId\":\"" + customerId
                + "\",\"name\":\"Pat\"}");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/notifications?customerId=" + customerId)
                .then().statusCode(200).body("size()", equalTo(1)).body("[0].type", equalTo("WELCOME"))
                .body("[0].recipient", equalTo("p***@example.org"))
                .body(not(containsString(StandInCustomers.emailOf(customerId.toString())))));
    }

    @Test
    void eachOrderOutcomeIsNotifiedOnceHoweverOftenItIsDelivered() {
        UUID customerId = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        String rejected = "{\"eventId\":\"" + eventId + "\",\"occurredAt\":\"" + Instant.now() + "\",\"orderId\":\""
                + orderId + "\",\"customerId\":\"" + customerId
                + "\",\"total\":10.00,\"currency\":\"EUR\",\"reason\":\"card_declined\"}";
        for (int i = 0; i < 3; i++) {
            broker.publish("orders", "order.rejected", eventId.toString(), rejected);
        }

        await().atMost(Duration.ofSeconds(10))
                .until(() -> TestInfrastructure.messageCount("notifications.order-outcomes") == 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/notifications?orderId=" + orderId)
                .then().body("size()", equalTo(1)).body("[0].type", equalTo("ORDER_REJECTED")));
    }

    @Test
    void listingNeedsAFilter() {
        given().get("/notifications").then().statusCode(400).contentType("application/problem+json");
        given().get("/notifications?orderId=nope").then().statusCode(400).contentType("application/problem+json");
    }
}
