package dev.obsaga.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.obsaga.testsupport.SagaService;
import dev.obsaga.testsupport.ServiceHttp;

/**
 * Drives the public APIs as clients do: registers customers, places orders with approving and declining test cards,
 * and sends a few invalid requests (each kind of 4xx the dashboards show).
 */
final class SagaTraffic {

    static final String APPROVING_CARD = "4242 4242 4242 4242";
    static final String DECLINING_CARD = "4000 0000 0000 0002";

    private static final HttpClient HTTP = ServiceHttp.client(Duration.ofSeconds(2));

    record Response(int status, JsonNode body) {
    }

    private SagaTraffic() {
    }

    static Response send(String method, String url, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", dev.obsaga.testsupport.TestCredentials.operatorAuthorization());
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? DashboardQueries.JSON.nullNode()
                    : DashboardQueries.JSON.readTree(response.body());
            return new Response(response.statusCode(), body);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String registerCustomer() {
        String email = "infra." + UUID.randomUUID().toString().substring(0, 12) + "@example.org";
        Response r = send("POST", SagaService.CUSTOMERS.baseUrl() + "/customers",
                "{\"name\":\"Infra Test\",\"email\":\"" + email + "\"}");
        if (r.status() != 201) {
            throw new AssertionError("registering a customer answered " + r.status() + ": " + r.body());
        }
        return r.body().path("id").asText();
    }

    static String orderJson(String customerId, String card) {
        return "{\"customerId\":\"" + customerId + "\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"BOOK-1\","
                + "\"quantity\":2,\"unitPrice\":12.50}],\"card\":{\"number\":\"" + card
                + "\",\"expiryMonth\":12,\"expiryYear\":2099}}";
    }

    /** Places an order and returns its id (202 expected). */
    static String placeOrder(String customerId, String card) {
        Response r = send("POST", SagaService.ORDERS.baseUrl() + "/orders", orderJson(customerId, card));
        if (r.status() != 202) {
            throw new AssertionError("placing an order answered " + r.status() + ": " + r.body());
        }
        return r.body().path("id").asText();
    }

    static String orderStatus(String orderId) {
        return send("GET", SagaService.ORDERS.baseUrl() + "/orders/" + orderId, null).body().path("status").asText();
    }

    /** The standard load: customers, approved and declined orders, invalid requests. Returns the order ids. */
    /** {@link #standardLoad}, then waits until every order it placed is final. */
    static List<String> standardLoadFinished(int customers, int approved, int declined) {
        List<String> orders = standardLoad(customers, approved, declined);
        org.awaitility.Awaitility.await("every order final").atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(300))
                .until(() -> orders.stream().noneMatch(id -> "PENDING".equals(orderStatus(id))));
        return orders;
    }

    static List<String> standardLoad(int customers, int approved, int declined) {
        List<String> customerIds = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            customerIds.add(registerCustomer());
        }
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < approved + declined; i++) {
            String card = i < approved ? APPROVING_CARD : DECLINING_CARD;
            orders.add(placeOrder(customerIds.get(i % customers), card));
        }
        String customers1 = SagaService.CUSTOMERS.baseUrl();
        String orders1 = SagaService.ORDERS.baseUrl();
        expect(400, "POST", orders1 + "/orders", "{\"customerId\":");                        // malformed JSON
        expect(400, "POST", orders1 + "/orders", orderJson(customerIds.get(0), "1234"));        // invalid card
        expect(422, "POST", orders1 + "/orders", orderJson(UUID.randomUUID().toString(), APPROVING_CARD));
        expect(400, "GET", orders1 + "/orders/not-a-uuid", null);
        expect(404, "GET", orders1 + "/orders/" + UUID.randomUUID(), null);
        expect(404, "GET", customers1 + "/customers/" + UUID.randomUUID(), null);
        expect(400, "POST", customers1 + "/customers", "{\"name\":\"\",\"email\":\"not-an-email\"}");
        for (String id : orders.subList(0, Math.min(5, orders.size()))) {
            send("GET", SagaService.PAYMENTS.baseUrl() + "/payments?orderId=" + id, null);
            send("GET", SagaService.NOTIFICATIONS.baseUrl() + "/notifications?orderId=" + id, null);
        }
        return orders;
    }

    private static void expect(int status, String method, String url, String json) {
        Response r = send(method, url, json);
        if (r.status() != status) {
            throw new AssertionError(method + " " + url + " answered " + r.status() + ", expected " + status + ": "
                    + r.body());
        }
    }
}
