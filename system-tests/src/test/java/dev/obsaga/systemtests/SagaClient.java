package dev.obsaga.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.obsaga.testsupport.SagaService;
import io.restassured.response.Response;

/** The public APIs of the four services, as a client of the system uses them. */
final class SagaClient {

    static final String APPROVING_CARD = "4242 4242 4242 4242";
    static final String DECLINING_CARD = "4000 0000 0000 0002";

    private SagaClient() {
    }

    static String registerCustomer(String name, String email) {
        return given().baseUri(SagaService.CUSTOMERS.baseUrl()).contentType("application/json")
                .body("{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}")
                .post("/customers").then().statusCode(201).extract().path("id");
    }

    static Response placeOrder(String customerId, String cardNumber) {
        return given().baseUri(SagaService.ORDERS.baseUrl()).contentType("application/json")
                .body("{\"customerId\":\"" + customerId + "\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"BOOK-1\","
                        + "\"quantity\":2,\"unitPrice\":12.50}],\"card\":{\"number\":\"" + cardNumber
                        + "\",\"expiryMonth\":12,\"expiryYear\":2099}}")
                .post("/orders");
    }

    /** How many placements were answered 503 and tried again after Retry-After. */
    static final AtomicInteger RETRIED_503 = new AtomicInteger();

    /**
     * Places an order as a client should: a 503 (customers too slow or unreachable, e.g. a cold JVM's first lookups
     * in a burst, or the circuit breaker that opened after them) must carry Retry-After and is tried again after it.
     * Returns the first other answer.
     */
    static Response placeOrderPastOverload(String customerId, String cardNumber) {
        AtomicReference<Response> answered = new AtomicReference<>();
        await("an answer other than 503").atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofSeconds(2)).until(() -> {
                    Response answer = placeOrder(customerId, cardNumber);
                    if (answer.statusCode() == 503) {
                        assertNotNull(answer.header("Retry-After"), "a 503 without Retry-After");
                        RETRIED_503.incrementAndGet();
                        return false;
                    }
                    answered.set(answer);
                    return true;
                });
        return answered.get();
    }

    /** {@link #placeOrderPastOverload}, which must end in 202 Accepted. */
    static Response placeAcceptedOrder(String customerId, String cardNumber) {
        Response answer = placeOrderPastOverload(customerId, cardNumber);
        assertEquals(202, answer.statusCode(), answer.asString());
        return answer;
    }

    static String status(String orderId) {
        return given().baseUri(SagaService.ORDERS.baseUrl()).get("/orders/" + orderId).then().statusCode(200)
                .extract().path("status");
    }

    static int paymentCount(String orderId) {
        return given().baseUri(SagaService.PAYMENTS.baseUrl()).get("/payments?orderId=" + orderId).then()
                .statusCode(200).extract().path("size()");
    }

    static Response notificationsOfOrder(String orderId) {
        return given().baseUri(SagaService.NOTIFICATIONS.baseUrl()).get("/notifications?orderId=" + orderId);
    }

    static Response notificationsOfCustomer(String customerId) {
        return given().baseUri(SagaService.NOTIFICATIONS.baseUrl()).get("/notifications?customerId=" + customerId);
    }

    /**
     * One series of the service's metrics as the service serves them by default (OpenMetrics: no trailing comma
     * in the labels, a value perhaps followed by an exemplar), e.g.
     * {@code orders_placed_total\{service="orders"}}; fails when the service does not export it.
     */
    static double metric(SagaService service, String seriesRegex) {
        String scrape = given().baseUri(service.managementUrl()).get("/q/metrics").then()
                .statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + seriesRegex + " ([0-9.eE+-]+)").matcher(scrape);
        if (!m.find()) {
            throw new AssertionError(service + " exports no " + seriesRegex);
        }
        return Double.parseDouble(m.group(1));
    }

    /** How many messages of {@code queue} the service acknowledged (handled and committed). */
    static double acknowledged(SagaService service, String queue) {
        return metric(service, "obsaga_messaging_consume_total\\{outcome=\"ack\",queue=\"" + Pattern.quote(queue)
                + "\",service=\"" + service.module() + "\"}");
    }

    static String uniqueEmail(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }
}
