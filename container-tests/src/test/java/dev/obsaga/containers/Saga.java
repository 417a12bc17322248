package dev.obsaga.containers;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** The saga through the published ports of customers and orders. */
final class Saga {

    static final String APPROVING_CARD = "4242 4242 4242 4242";
    static final String DECLINING_CARD = "4000 0000 0000 0002";

    private final String customersUrl;
    private int retried503;
    private final String ordersUrl;

    Saga(ComposeStack stack) {
        this.customersUrl = stack.url("CUSTOMERS_HOST_PORT");
        this.ordersUrl = stack.url("ORDERS_HOST_PORT");
    }

    String registerCustomer() {
        String email = "ctr-" + UUID.randomUUID() + "@example.org";
        Http.Response r = Http.api("POST", customersUrl + "/customers",
                "{\"name\":\"Container Test\",\"email\":\"" + email + "\"}");
        assertEquals(201, r.status(), r.text());
        return r.json().path("id").asText();
    }

    /**
     * Places an order as a client should: orders answers 503 with Retry-After while customers is unreachable or too
     * slow (a cold JVM's first lookups can miss the 800 ms deadline), and the client tries again after that delay.
     * Any other answer than 202 or 503 fails at once.
     */
    String placeOrder(String customerId, String card) {
        String body = "{\"customerId\":\"" + customerId
                + "\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"BOOK-1\",\"quantity\":1,\"unitPrice\":12.50}],"
                + "\"card\":{\"number\":\"" + card + "\",\"expiryMonth\":12,\"expiryYear\":2030}}";
        AtomicReference<Http.Response> accepted = new AtomicReference<>();
        await("order accepted").atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofSeconds(2)).until(() -> {
                    Http.Response r = Http.api("POST", ordersUrl + "/orders", body);
                    if (r.status() == 503) {
                        retried503++;
                        return false;
                    }
                    assertEquals(202, r.status(), r.text());
                    accepted.set(r);
                    return true;
                });
        return accepted.get().json().path("id").asText();
    }

    /** How many placements were answered 503 and retried. */
    int retried503() {
        return retried503;
    }

    /** A new customer's {@code count} orders with an approving card. */
    List<String> placeOrders(int count) {
        String customer = registerCustomer();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(placeOrder(customer, APPROVING_CARD));
        }
        return ids;
    }

    Http.Response order(String orderId) {
        return Http.api("GET", ordersUrl + "/orders/" + orderId, null);
    }

    String status(String orderId) {
        return order(orderId).json().path("status").asText();
    }
}
