package dev.obsaga.orders.api;

import java.util.UUID;

/** JSON bodies for the orders API tests, valid unless a test changes one part. */
final class OrderRequests {

    static final String APPROVING_CARD = "4242424242424242";

    private OrderRequests() {
    }

    static String order(UUID customerId, String items, String card) {
        return "{\"customerId\":\"" + customerId + "\",\"currency\":\"EUR\",\"items\":" + items + ",\"card\":" + card
                + "}";
    }

    static String item(String quantity, String unitPrice) {
        return "{\"sku\":\"SKU-1\",\"quantity\":" + quantity + ",\"unitPrice\":" + unitPrice + "}";
    }

    static String items(String... items) {
        return "[" + String.join(",", items) + "]";
    }

    static String card(String number, int month, int year) {
        return "{\"number\":\"" + number + "\",\"expiryMonth\":" + month + ",\"expiryYear\":" + year + "}";
    }

    static String validCard() {
        return card(APPROVING_CARD, 12, 2099);
    }

    static String valid(UUID customerId) {
        return order(customerId, items(item("2", "9.99"), item("1", "0.05")), validCard());
    }
}
