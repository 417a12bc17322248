package dev.obsaga.loadgen;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Year;
import java.util.SplittableRandom;
import java.util.UUID;

/** Builds the order requests of the scenarios: valid orders with approving or declining cards, unknown customers. */
public final class OrderRequests {

    public static final String[] APPROVING_CARDS = {"4242424242424242", "5555555555554444"};
    public static final String[] DECLINING_CARDS = {"4000000000000002", "4000000000009995"};
    static final String[] SKUS = {"A-1", "B-2", "C-3", "D-4", "E-5"};

    private final URI ordersUrl;
    private final URI ordersEndpoint;
    private final int expiryYear = Year.now().getValue() + 3;
    private CustomerPool customers;

    public OrderRequests(URI ordersUrl) {
        this.ordersUrl = ordersUrl;
        this.ordersEndpoint = ordersUrl.resolve("/orders");
    }

    void useCustomers(CustomerPool customers) {
        this.customers = customers;
    }

    public URI ordersUrl() {
        return ordersUrl;
    }

    public URI ordersEndpoint() {
        return ordersEndpoint;
    }

    /** A registered customer (a random UUID when none is registered). */
    String customerId(SplittableRandom random) {
        return customers == null
                ? new UUID(random.nextLong(), random.nextLong()).toString()
                : customers.pick(random);
    }

    public PlannedRequest approving(SplittableRandom random) {
        String body = orderJson(customerId(random), items(random), pick(APPROVING_CARDS, random), 12, expiryYear);
        return post("order.approving", body, Expectation.accepted("CONFIRMED"));
    }

    public PlannedRequest declining(SplittableRandom random) {
        String body = orderJson(customerId(random), items(random), pick(DECLINING_CARDS, random), 12, expiryYear);
        return post("order.declining", body, Expectation.accepted("REJECTED"));
    }

    public PlannedRequest unknownCustomer(SplittableRandom random) {
        String unknown = new UUID(random.nextLong(), random.nextLong()).toString();
        String body = orderJson(unknown, items(random), pick(APPROVING_CARDS, random), 12, expiryYear);
        return post("order.unknown-customer", body, Expectation.status(422));
    }

    /** A valid order body for a registered customer, as JSON text (the invalid catalogue bends it). */
    String validBody(SplittableRandom random) {
        return orderJson(customerId(random), items(random), APPROVING_CARDS[0], 12, expiryYear);
    }

    int expiryYear() {
        return expiryYear;
    }

    PlannedRequest post(String kind, String body, Expectation expectation) {
        return PlannedRequest.json(kind, "POST", ordersEndpoint, body.getBytes(StandardCharsets.UTF_8), expectation);
    }

    static String orderJson(String customerId, String items, String card, int month, int year) {
        return "{\"customerId\":\"" + customerId + "\",\"currency\":\"EUR\",\"items\":" + items
                + ",\"card\":{\"number\":\"" + card + "\",\"expiryMonth\":" + month + ",\"expiryYear\":" + year
                + "}}";
    }

    static String items(SplittableRandom random) {
        int count = 1 + random.nextInt(3);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(item(SKUS[random.nextInt(SKUS.length)], Integer.toString(1 + random.nextInt(5)),
                    BigDecimal.valueOf(100 + random.nextInt(9_900), 2).toPlainString()));
        }
        return sb.append(']').toString();
    }

    static String item(String sku, String quantity, String unitPrice) {
        return "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + ",\"unitPrice\":" + unitPrice + "}";
    }

    private static String pick(String[] values, SplittableRandom random) {
        return values[random.nextInt(values.length)];
    }
}
