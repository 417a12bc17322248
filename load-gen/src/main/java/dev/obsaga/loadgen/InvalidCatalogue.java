package dev.obsaga.loadgen;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * The bad-input catalogue: requests a correct orders service must answer with a 4xx (problem+json). Each case
 * changes one thing of an otherwise valid order for a registered customer. {@link #documentedStatus} is the status
 * the API documents; the load generator only requires a 4xx (any other answer counts as unexpected).
 */
public final class InvalidCatalogue {

    /** One bad request. */
    public record Case(String name, int documentedStatus, BiFunction<OrderRequests, SplittableRandom, PlannedRequest> build) {
        public PlannedRequest request(OrderRequests orders, SplittableRandom random) {
            return build.apply(orders, random);
        }
    }

    private static final int MAX_BODY = 256 * 1024;

    public static final List<Case> CASES = List.of(
            body("malformed-json", 400, (o, r) -> {
                String valid = o.validBody(r);
                return valid.substring(0, valid.length() / 2);
            }),
            body("wrong-type-quantity", 400, (o, r) -> OrderRequests.orderJson(o.customerId(r),
                    "[" + OrderRequests.item("A-1", "\"two\"", "9.99") + "]", OrderRequests.APPROVING_CARDS[0], 12,
                    o.expiryYear())),
            body("missing-customer-id", 400, (o, r) -> o.validBody(r).replaceFirst("\"customerId\":\"[^\"]*\",", "")),
            body("missing-items", 400, (o, r) -> o.validBody(r).replaceFirst("\"items\":\\[.*?\\],", "")),
            body("missing-card", 400, (o, r) -> o.validBody(r).replaceFirst(",\"card\":\\{[^}]*\\}", "")),
            body("unknown-field", 400, (o, r) -> o.validBody(r).replaceFirst("^\\{", "{\"discount\":5,")),
            body("empty-items", 400, (o, r) -> withItems(o, r, "[]")),
            body("too-many-items", 400, (o, r) -> {
                StringBuilder items = new StringBuilder("[");
                for (int i = 0; i < 101; i++) {
                    items.append(i == 0 ? "" : ",").append(OrderRequests.item("A-" + i, "1", "1.00"));
                }
                return withItems(o, r, items.append(']').toString());
            }),
            body("quantity-zero", 400, (o, r) -> withItem(o, r, "0", "9.99")),
            body("quantity-negative", 400, (o, r) -> withItem(o, r, "-1", "9.99")),
            body("quantity-too-large", 400, (o, r) -> withItem(o, r, "1001", "9.99")),
            body("unit-price-zero", 400, (o, r) -> withItem(o, r, "1", "0")),
            body("unit-price-negative", 400, (o, r) -> withItem(o, r, "1", "-5")),
            body("unit-price-too-precise", 400, (o, r) -> withItem(o, r, "1", "1.234")),
            body("unknown-currency", 400, (o, r) -> o.validBody(r).replace("\"currency\":\"EUR\"",
                    "\"currency\":\"XXX\"")),
            body("card-fails-luhn", 400, (o, r) -> OrderRequests.orderJson(o.customerId(r),
                    OrderRequests.items(r), "4242424242424241", 12, o.expiryYear())),
            body("card-expired", 400, (o, r) -> OrderRequests.orderJson(o.customerId(r), OrderRequests.items(r),
                    OrderRequests.APPROVING_CARDS[0], 12, 2020)),
            body("customer-id-not-uuid", 400, (o, r) -> OrderRequests.orderJson("customer-42",
                    OrderRequests.items(r), OrderRequests.APPROVING_CARDS[0], 12, o.expiryYear())),
            body("deeply-nested", 400, (o, r) -> withItems(o, r, "[".repeat(40) + "]".repeat(40))),
            body("body-too-large", 413, (o, r) -> {
                String valid = o.validBody(r);
                // a valid order padded with whitespace past the limit: only the size is wrong
                return valid.substring(0, valid.length() - 1) + " ".repeat(MAX_BODY + 1024) + "}";
            }),
            new Case("wrong-content-type", 415, (o, r) -> new PlannedRequest("invalid.wrong-content-type", "POST",
                    o.ordersEndpoint(), "text/plain", o.validBody(r).getBytes(StandardCharsets.UTF_8),
                    Expectation.clientError())),
            new Case("get-not-a-uuid", 400, (o, r) -> PlannedRequest.get("invalid.get-not-a-uuid",
                    URI.create(o.ordersEndpoint() + "/not-a-uuid"), Expectation.clientError())));

    private InvalidCatalogue() {
    }

    private static Case body(String name, int status, BiFunction<OrderRequests, SplittableRandom, String> body) {
        return new Case(name, status, (o, r) -> PlannedRequest.json("invalid." + name, "POST", o.ordersEndpoint(),
                body.apply(o, r).getBytes(StandardCharsets.UTF_8), Expectation.clientError()));
    }

    private static String withItems(OrderRequests o, SplittableRandom r, String items) {
        return OrderRequests.orderJson(o.customerId(r), items, OrderRequests.APPROVING_CARDS[0], 12, o.expiryYear());
    }

    private static String withItem(OrderRequests o, SplittableRandom r, String quantity, String unitPrice) {
        return withItems(o, r, "[" + OrderRequests.item("A-1", quantity, unitPrice) + "]");
    }
}
