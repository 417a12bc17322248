package dev.obsaga.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

/** The saga through the published ports of customers and orders. */
final class Saga {

    static final String APPROVING_CARD = "4242 4242 4242 4242";
    static final String DECLINING_CARD = "4000 0000 0000 0002";

    private final String customersUrl;
    private final String ordersUrl;

    Saga(ComposeStack stack) {
        this.customersUrl = stack.url("CUSTOMERS_HOST_PORT");
        this.ordersUrl = stack.url("ORDERS_HOST_PORT");
    }

    String registerCustomer() {
        String email = "ctr-" + UUID.randomUUID() + "@example.org";
        Http.Response r = Http.send("POST", customersUrl + "/customers",
                "{\"name\":\"Container Test\",\"email\":\"" + email + "\"}");
        assertEquals(201, r.status(), r.text());
        return r.json().path("id").asText();
    }

    String placeOrder(String customerId, String card) {
        Http.Response r = Http.send("POST", ordersUrl + "/orders", "{\"customerId\":\"" + customerId
                + "\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"BOOK-1\",\"quantity\":1,\"unitPrice\":12.50}],"
                + "\"card\":{\"number\":\"" + card + "\",\"expiryMonth\":12,\"expiryYear\":2030}}");
        assertEquals(202, r.status(), r.text());
        return r.json().path("id").asText();
    }

    Http.Response order(String orderId) {
        return Http.get(ordersUrl + "/orders/" + orderId);
    }

    String status(String orderId) {
        return order(orderId).json().path("status").asText();
    }
}
