package dev.obsaga.faulttests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.obsaga.testsupport.SagaService;
import dev.obsaga.testsupport.ServiceHttp;

/** Single requests to the public APIs, to look at one answer closely while a fault is on. */
final class PublicApi {

    private static final HttpClient HTTP = ServiceHttp.client(Duration.ofSeconds(2));

    /** One answer with the time it took. */
    record Answer(int status, String contentType, String retryAfter, String body, Duration took) {
    }

    private static final String AUTHORIZATION = dev.obsaga.testsupport.TestCredentials.operatorAuthorization();

    private PublicApi() {
    }

    /** Registers a customer; answers its id. */
    static String registerCustomer(String name) {
        String email = "fault-" + java.util.UUID.randomUUID() + "@example.org";
        Answer answer = send(HttpRequest.newBuilder(URI.create(SagaService.CUSTOMERS.baseUrl() + "/customers"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}")));
        if (answer.status() != 201) {
            throw new AssertionError("customer registration answered " + answer.status() + ": " + answer.body());
        }
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"")
                .matcher(answer.body());
        if (!id.find()) {
            throw new AssertionError("no id in " + answer.body());
        }
        return id.group(1);
    }

    static Answer placeOrder(String customerId) {
        String body = "{\"customerId\":\"" + customerId + "\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"PROBE-1\","
                + "\"quantity\":1,\"unitPrice\":10.00}],\"card\":{\"number\":\"4242 4242 4242 4242\","
                + "\"expiryMonth\":12,\"expiryYear\":2099}}";
        return send(HttpRequest.newBuilder(URI.create(SagaService.ORDERS.baseUrl() + "/orders"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Answer getOrder(String orderId) {
        return send(HttpRequest.newBuilder(URI.create(SagaService.ORDERS.baseUrl() + "/orders/" + orderId)).GET());
    }

    private static Answer send(HttpRequest.Builder request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10))
                    .header("Authorization", AUTHORIZATION).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Retry-After").orElse(null), response.body(),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            return new Answer(-1, "", null, e.toString(), Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
