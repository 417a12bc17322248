package dev.obsaga.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

class ScenarioTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OrderRequests ORDERS = new OrderRequests(URI.create("http://127.0.0.1:8082"));

    private static String body(PlannedRequest request) {
        return new String(request.body(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(PlannedRequest request) throws Exception {
        return JSON.readTree(request.body());
    }

    private static Map<String, PlannedRequest> catalogue() {
        Map<String, PlannedRequest> out = new HashMap<>();
        SplittableRandom random = new SplittableRandom(1);
        for (InvalidCatalogue.Case c : InvalidCatalogue.CASES) {
            out.put(c.name(), c.request(ORDERS, random));
        }
        return out;
    }

    @Test
    void aValidOrderHasEveryFieldOfTheApi() throws Exception {
        JsonNode order = json(ORDERS.approving(new SplittableRandom(3)));
        assertEquals(36, order.get("customerId").asText().length());
        assertEquals("EUR", order.get("currency").asText());
        assertTrue(order.get("items").size() >= 1);
        JsonNode item = order.get("items").get(0);
        assertTrue(item.get("sku").isTextual() && item.get("quantity").isInt() && item.get("unitPrice").isNumber());
        assertTrue(List.of(OrderRequests.APPROVING_CARDS).contains(order.get("card").get("number").asText()));
        assertTrue(order.get("card").get("expiryYear").asInt() > 2025);
        assertEquals(List.of("customerId", "currency", "items", "card"), fieldNames(order));
    }

    @Test
    void eachBadInputCaseBreaksWhatItSays() throws Exception {
        Map<String, PlannedRequest> cases = catalogue();
        assertEquals(22, cases.size());
        assertThrows(Exception.class, () -> json(cases.get("malformed-json")));
        assertEquals("two", json(cases.get("wrong-type-quantity")).get("items").get(0).get("quantity").asText());
        assertFalse(json(cases.get("missing-customer-id")).has("customerId"));
        assertFalse(json(cases.get("missing-items")).has("items"));
        assertFalse(json(cases.get("missing-card")).has("card"));
        assertTrue(json(cases.get("missing-card")).has("items"));
        assertEquals(5, json(cases.get("unknown-field")).get("discount").asInt());
        assertEquals(0, json(cases.get("empty-items")).get("items").size());
        assertEquals(101, json(cases.get("too-many-items")).get("items").size());
        assertEquals(0, json(cases.get("quantity-zero")).get("items").get(0).get("quantity").asInt());
        assertEquals(-1, json(cases.get("quantity-negative")).get("items").get(0).get("quantity").asInt());
        assertEquals(1001, json(cases.get("quantity-too-large")).get("items").get(0).get("quantity").asInt());
        assertEquals("0", json(cases.get("unit-price-zero")).get("items").get(0).get("unitPrice").asText());
        assertEquals("-5", json(cases.get("unit-price-negative")).get("items").get(0).get("unitPrice").asText());
        assertEquals("1.234", json(cases.get("unit-price-too-precise")).get("items").get(0).get("unitPrice")
                .decimalValue().toPlainString());
        assertEquals("XXX", json(cases.get("unknown-currency")).get("currency").asText());
        assertEquals("4242424242424241", json(cases.get("card-fails-luhn")).get("card").get("number").asText());
        assertEquals(2020, json(cases.get("card-expired")).get("card").get("expiryYear").asInt());
        assertEquals("customer-42", json(cases.get("customer-id-not-uuid")).get("customerId").asText());
        JsonNode nested = json(cases.get("deeply-nested")).get("items");
        int depth = 0;
        while (nested != null && nested.isArray()) {
            depth++;
            nested = nested.get(0);
        }
        assertEquals(40, depth);
        PlannedRequest large = cases.get("body-too-large");
        assertTrue(large.body().length > 256 * 1024);
        assertEquals("EUR", json(large).get("currency").asText(), "only the size is wrong");
        assertEquals("text/plain", cases.get("wrong-content-type").contentType());
        assertEquals("GET", cases.get("get-not-a-uuid").method());
        assertEquals("/orders/not-a-uuid", cases.get("get-not-a-uuid").uri().getPath());
        for (PlannedRequest request : cases.values()) {
            assertTrue(request.kind().startsWith("invalid."));
            assertTrue(request.expectation().matches(400) && request.expectation().matches(499));
            assertFalse(request.expectation().matches(500) || request.expectation().matches(202));
        }
    }

    @Test
    void theInvalidScenarioCyclesThroughTheCatalogue() {
        Scenario scenario = ScenarioKind.INVALID.create(ORDERS);
        SplittableRandom random = new SplittableRandom(5);
        int n = InvalidCatalogue.CASES.size();
        for (int i = 0; i < 2 * n; i++) {
            assertEquals("invalid." + InvalidCatalogue.CASES.get(i % n).name(), scenario.next(i, random).kind());
        }
    }

    @Test
    void theMixedScenarioKeepsItsDocumentedShares() {
        Scenario scenario = ScenarioKind.MIXED.create(ORDERS);
        SplittableRandom random = new SplittableRandom(42);
        Map<String, Integer> counts = new HashMap<>();
        int total = 20_000;
        for (int i = 0; i < total; i++) {
            String kind = scenario.next(i, random).kind();
            counts.merge(kind.startsWith("invalid.") ? "invalid" : kind, 1, Integer::sum);
        }
        assertShare(0.80, counts.get("order.approving"), total);
        assertShare(0.10, counts.get("order.declining"), total);
        assertShare(0.05, counts.get("invalid"), total);
        assertShare(0.05, counts.get("order.unknown-customer"), total);
    }

    @Test
    void theSameSeedGivesTheSameRequests() {
        Scenario a = ScenarioKind.MIXED.create(ORDERS);
        Scenario b = ScenarioKind.MIXED.create(ORDERS);
        SplittableRandom ra = new SplittableRandom(99);
        SplittableRandom rb = new SplittableRandom(99);
        SplittableRandom rc = new SplittableRandom(100);
        List<String> first = IntStream.range(0, 200).mapToObj(i -> body(a.next(i, ra))).toList();
        List<String> second = IntStream.range(0, 200).mapToObj(i -> body(b.next(i, rb))).toList();
        List<String> other = IntStream.range(0, 200).mapToObj(i -> body(b.next(i, rc))).toList();
        assertEquals(first, second);
        assertNotEquals(first, other);
    }

    @Test
    void everyFaultScenarioHasItsKnob() {
        assertEquals("gateway-errors", FaultScenario.fromCliName("payment-errors").kind());
        assertEquals("{\"rate\":0.5}", FaultScenario.PAYMENT_ERRORS.body());
        assertEquals("{\"latencyMs\":300}", FaultScenario.PAYMENT_LATENCY.body());
        assertEquals(Service.CUSTOMERS, FaultScenario.fromCliName("customers-outage").service());
        assertEquals("{\"rate\":1.0}", FaultScenario.CUSTOMERS_OUTAGE.body());
        assertEquals("consumer-paused", FaultScenario.CONSUMER_STALLED.kind());
        assertEquals(Service.PAYMENTS, FaultScenario.CONSUMER_STALLED.service());
        assertEquals("{\"count\":20}", FaultScenario.POISON_MESSAGES.body());
        assertEquals(Service.ORDERS, FaultScenario.POISON_MESSAGES.service());
        for (FaultScenario f : FaultScenario.values()) {
            assertTrue(f.body().startsWith("{"));
        }
        assertThrows(IllegalArgumentException.class, () -> FaultScenario.fromCliName("meteor"));
    }

    private static void assertShare(double expected, Integer count, int total) {
        double share = count == null ? 0 : (double) count / total;
        assertEquals(expected, share, 0.015, "share " + share + " instead of " + expected);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
