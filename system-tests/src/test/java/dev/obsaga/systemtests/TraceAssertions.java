package dev.obsaga.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.obsaga.testsupport.OtlpReceiver.ReceivedSpan;

/** What one order's trace must look like: connected, rooted at load-gen, every hop present, conventions kept. */
final class TraceAssertions {

    static final String ORDER_ID = "obsaga.order.id";
    /** queue (consumer group) -> the exchange its messages come from (the convention's destination) */
    static final Map<String, String> QUEUES = Map.of("payments.order-created", "orders",
            "orders.payment-results", "payments", "notifications.order-outcomes", "orders");

    private TraceAssertions() {
    }

    static void assertConnected(String orderId, List<ReceivedSpan> trace) {
        Set<String> ids = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        List<ReceivedSpan> roots = trace.stream().filter(ReceivedSpan::isRoot).toList();
        assertEquals(1, roots.size(), orderId + ": one root, got " + describe(roots));
        ReceivedSpan root = roots.get(0);
        assertTrue(root.service().equals("load-gen") && root.kind().equals("SPAN_KIND_CLIENT")
                && root.name().equals("POST /orders"), orderId + ": the root is load-gen's request: " + root);
        for (ReceivedSpan span : trace) {
            assertTrue(span.isRoot() || ids.contains(span.parentSpanId()),
                    orderId + ": parent of " + span.name() + " missing in " + describe(trace));
        }
        Set<String> services = trace.stream().map(ReceivedSpan::service).collect(Collectors.toSet());
        assertEquals(Set.of("load-gen", "customers", "orders", "payments", "notifications"), services, orderId);
        assertHas(trace, "orders", "SPAN_KIND_SERVER", "POST", orderId);
        // orders asks customers only for a customer it does not remember (known-customers cache), so its gRPC hop
        // is in a customer's first order only (where it is, the parent check above covers it); notifications'
        // lookup is in every order. The metrics test counts orders' calls.
        assertHas(trace, "customers", "SPAN_KIND_SERVER", "GetCustomer", orderId);
        assertHas(trace, "orders", "SPAN_KIND_PRODUCER", "orders", orderId);
        assertHas(trace, "payments", "SPAN_KIND_CONSUMER", "payments.order-created", orderId);
        assertHas(trace, "payments", "SPAN_KIND_PRODUCER", "payments", orderId);
        assertHas(trace, "orders", "SPAN_KIND_CONSUMER", "orders.payment-results", orderId);
        assertHas(trace, "notifications", "SPAN_KIND_CONSUMER", "notifications.order-outcomes", orderId);
        assertHas(trace, "notifications", "SPAN_KIND_CLIENT", "GetCustomer", orderId);
        assertFalse(trace.stream().anyMatch(s -> s.kind().equals("SPAN_KIND_SERVER") && s.name().startsWith("GET ")),
                orderId + ": polls stay out of the order's trace: " + describe(trace));
        assertProcessSpans(orderId, trace);
        for (ReceivedSpan span : trace) {
            String text = span.attributes().toString();
            assertFalse(text.contains("4242424242424242") || text.contains("@example.org"), "span leaks: " + text);
            assertFalse(JWT.matcher(text).find() || text.contains("Bearer "), "span leaks a token: " + text);
        }
    }

    /** The shape of a JWT (two base64url JSON parts): what must never reach a span or a log line. */
    static final java.util.regex.Pattern JWT = java.util.regex.Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ");

    /** The inbox's process spans: one per hop, named and attributed per the messaging conventions. */
    private static void assertProcessSpans(String orderId, List<ReceivedSpan> trace) {
        List<ReceivedSpan> process = trace.stream().filter(s -> s.kind().equals("SPAN_KIND_CONSUMER")
                && s.name().startsWith("process ")).toList();
        assertEquals(QUEUES.keySet(), process.stream().map(s -> s.attributes().get("messaging.consumer.group.name"))
                .collect(Collectors.toSet()), orderId + ": " + describe(process));
        for (ReceivedSpan span : process) {
            Map<String, String> a = span.attributes();
            String exchange = QUEUES.get(a.get("messaging.consumer.group.name"));
            assertEquals("process " + exchange, span.name());
            assertEquals("rabbitmq", a.get("messaging.system"), a.toString());
            assertEquals("process", a.get("messaging.operation.type"), a.toString());
            assertEquals("process", a.get("messaging.operation.name"), a.toString());
            assertEquals(exchange, a.get("messaging.destination.name"), a.toString());
            assertTrue(a.getOrDefault("messaging.rabbitmq.destination.routing_key", "").matches("(order|payment)\\.[a-z]+"),
                    a.toString());
            assertTrue(a.getOrDefault("messaging.message.id", "").matches("[0-9a-f-]{36}"), a.toString());
            assertEquals(orderId, a.get(ORDER_ID), a.toString());
            assertTrue(a.keySet().stream().filter(k -> !k.startsWith("messaging.") && !k.startsWith("error."))
                    .allMatch(k -> k.startsWith("obsaga.")), "our own attributes are under obsaga.: " + a);
            assertTrue(span.events().containsAll(List.of("event.handling.started", "event.handling.completed")));
        }
        ReceivedSpan payment = process.stream().filter(s -> s.service().equals("payments")).findFirst().orElseThrow();
        assertTrue(payment.attributes().containsKey("obsaga.customer.id")
                && payment.attributes().containsKey("obsaga.payment.amount")
                && payment.attributes().containsKey("obsaga.payment.currency"), payment.attributes().toString());
    }

    private static void assertHas(List<ReceivedSpan> trace, String service, String kind, String nameContains,
            String orderId) {
        assertTrue(trace.stream().anyMatch(s -> s.service().equals(service) && s.kind().equals(kind)
                && s.name().contains(nameContains)),
                orderId + ": no " + kind + " span '" + nameContains + "' from " + service + " in " + describe(trace));
    }

    static String describe(List<ReceivedSpan> spans) {
        return spans.stream().map(s -> s.service() + ":" + s.kind().replace("SPAN_KIND_", "") + ":" + s.name())
                .toList().toString();
    }
}
