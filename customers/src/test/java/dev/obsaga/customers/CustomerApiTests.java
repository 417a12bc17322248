package dev.obsaga.customers;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.obsaga.testsupport.BrokerProbe;
import dev.obsaga.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class CustomerApiTests {

    static BrokerProbe broker;

    @BeforeAll
    static void listen() {
        broker = new BrokerProbe().listen("customers", "customer.registered");
    }

    @AfterAll
    static void close() {
        broker.close();
    }

    static String email() {
        return "c" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    @Test
    void registeringAnswers201WithLocationAndPublishesCustomerRegistered() {
        String email = email();
        String id = given().contentType("application/json").body("{\"name\":\"Ann\",\"email\":\"" + email + "\"}")
                .post("/customers")
                .then().statusCode(201)
                .header("Location", notNullValue())
                .body("name", equalTo("Ann")).body("email", equalTo(email)).body("createdAt", notNullValue())
                .extract().path("id");

        given().get("/customers/" + id).then().statusCode(200).body("id", equalTo(id)).body("email", equalTo(email));

        await().atMost(Duration.ofSeconds(10)).until(() -> !broker.receivedContaining(id).isEmpty());
        BrokerProbe.Received event = broker.receivedContaining(id).get(0);
        assertEquals("customer.registered", event.routingKey());
        assertEquals(2, event.properties().getDeliveryMode());
        // The event carries no e-mail address: customers is the one owner of it.
        assertEquals(false, event.body().contains(email));
    }

    @Test
    void aDuplicateEmailIsAConflictWhateverItsCase() {
        String email = email();
        given().contentType("application/json").body("{\"name\":\"A\",\"email\":\"" + email + "\"}")
                .post("/customers").then().statusCode(201);
        given().contentType("application/json").body("{\"name\":\"B\",\"email\":\"" + email.toUpperCase() + "\"}")
                .post("/customers")
                .then().statusCode(409).contentType("application/problem+json").body("status", equalTo(409));
    }

    @Test
    void unknownAndMalformedIds() {
        given().get("/customers/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        given().get("/customers/not-a-uuid").then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/invalid-id"));
    }

    @Test
    void invalidRegistrationsAreProblemsWithFieldErrors() {
        given().contentType("application/json").body("{\"name\":\"\",\"email\":\"nope\"}").post("/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("email")).body("errors.field", hasItem("name"));
        given().contentType("application/json").body("{\"name\":\"A\"").post("/customers")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType("application/json").body("{\"name\":\"A\",\"email\":\"a@b.org\",\"admin\":true}")
                .post("/customers").then().statusCode(400).body("detail", equalTo("Unknown field 'admin'."));
        given().contentType("text/plain").body("hello").post("/customers").then().statusCode(415)
                .contentType("application/problem+json");
        given().contentType("application/json").body("{\"name\":\"" + "x".repeat(300_000) + "\"}")
                .post("/customers").then().statusCode(413).contentType("application/problem+json");
    }
}
