package dev.obsaga.orders.api;

import static dev.obsaga.orders.api.OrderRequests.card;
import static dev.obsaga.orders.api.OrderRequests.item;
import static dev.obsaga.orders.api.OrderRequests.items;
import static dev.obsaga.orders.api.OrderRequests.order;
import static dev.obsaga.orders.api.OrderRequests.validCard;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.util.Collections;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import dev.obsaga.orders.StandInCustomers;
import dev.obsaga.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The bad-input catalogue of the issue: every case is a 4xx problem, never a 500 or a stack trace. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class OrderValidationTests {

    static final UUID CUSTOMER = StandInCustomers.KNOWN;

    static java.util.stream.Stream<Arguments> invalidOrders() {
        String deep = "[".repeat(40) + "]".repeat(40);
        return java.util.stream.Stream.of(
                Arguments.of("malformed JSON", "{\"customerId\":", 400, null),
                Arguments.of("wrong type", order(CUSTOMER, items(item("\"two\"", "1.00")), validCard()), 400, "items[0].quantity"),
                Arguments.of("string for a price", order(CUSTOMER, items(item("1", "\"1.00\"")), validCard()), 400, "items[0].unitPrice"),
                Arguments.of("missing customer", "{\"currency\":\"EUR\",\"items\":" + items(item("1", "1")) + ",\"card\":" + validCard() + "}", 400, "customerId"),
                Arguments.of("missing card", "{\"customerId\":\"" + CUSTOMER + "\",\"currency\":\"EUR\",\"items\":" + items(item("1", "1")) + "}", 400, "card"),
                Arguments.of("unknown field", order(CUSTOMER, items(item("1", "1")), validCard()).replaceFirst("\\{", "{\"coupon\":\"FREE\","), 400, "coupon"),
                Arguments.of("no items", order(CUSTOMER, "[]", validCard()), 400, "items"),
                Arguments.of("too many items", order(CUSTOMER, items(Collections.nCopies(101, item("1", "1")).toArray(String[]::new)), validCard()), 400, "items"),
                Arguments.of("zero quantity", order(CUSTOMER, items(item("0", "1")), validCard()), 400, "items[0].quantity"),
                Arguments.of("negative quantity", order(CUSTOMER, items(item("-1", "1")), validCard()), 400, "items[0].quantity"),
                Arguments.of("absurd quantity", order(CUSTOMER, items(item("1000000", "1")), validCard()), 400, "items[0].quantity"),
                Arguments.of("fractional quantity", order(CUSTOMER, items(item("1.5", "1")), validCard()), 400, "items[0].quantity"),
                Arguments.of("zero price", order(CUSTOMER, items(item("1", "0")), validCard()), 400, "items[0].unitPrice"),
                Arguments.of("negative price", order(CUSTOMER, items(item("1", "-5")), validCard()), 400, "items[0].unitPrice"),
                Arguments.of("three decimals", order(CUSTOMER, items(item("1", "1.234")), validCard()), 400, "items[0].unitPrice"),
                Arguments.of("absurd price", order(CUSTOMER, items(item("1", "99999999.00")), validCard()), 400, "items[0].unitPrice"),
                Arguments.of("unsupported currency", order(CUSTOMER, items(item("1", "1")), validCard()).replace("EUR", "XXX"), 400, "currency"),
                Arguments.of("Luhn failure", order(CUSTOMER, items(item("1", "1")), card("4242424242424241", 12, 2099)), 400, "card.number"),
                Arguments.of("letters in card", order(CUSTOMER, items(item("1", "1")), card("4242abcd42424242", 12, 2099)), 400, "card.number"),
                Arguments.of("expired card", order(CUSTOMER, items(item("1", "1")), card(OrderRequests.APPROVING_CARD, 1, 2020)), 400, "card.expiryYear"),
                Arguments.of("month 13", order(CUSTOMER, items(item("1", "1")), card(OrderRequests.APPROVING_CARD, 13, 2099)), 400, "card.expiryMonth"),
                Arguments.of("non-UUID customer", order(CUSTOMER, items(item("1", "1")), validCard()).replace(CUSTOMER.toString(), "42"), 400, "customerId"),
                Arguments.of("deep nesting", "{\"customerId\":" + deep + "}", 400, null),
                Arguments.of("array body", "[]", 400, null),
                Arguments.of("null body", "null", 400, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOrders")
    void invalidOrdersAreProblems(String name, String body, int status, String field) {
        var response = given().contentType("application/json").body(body).post("/orders")
                .then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status))
                .body(not(containsString("Exception")))
                .body(not(containsString("at dev.obsaga")));
        if (field != null) {
            response.body("errors.field", hasItem(field));
        }
    }

    @Test
    void theCardNumberNeverComesBackInAProblem() {
        given().contentType("application/json")
                .body(order(CUSTOMER, items(item("0", "1")), card("4242 4242 4242 4242", 1, 2020))).post("/orders")
                .then().statusCode(400).body(not(containsString("4242 4242"))).body(not(containsString("4242424242424242")));
    }

    @Test
    void transportLevelProblems() {
        given().contentType("text/plain").body("hello").post("/orders").then().statusCode(415)
                .contentType("application/problem+json");
        given().contentType("application/json").body("{\"x\":\"" + "y".repeat(300_000) + "\"}").post("/orders")
                .then().statusCode(413).contentType("application/problem+json");
        given().get("/orders/not-a-uuid").then().statusCode(400).contentType("application/problem+json");
        given().get("/orders/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        given().delete("/orders/" + UUID.randomUUID()).then().statusCode(405).contentType("application/problem+json");
    }
}
