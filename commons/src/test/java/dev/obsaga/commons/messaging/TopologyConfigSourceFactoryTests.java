package dev.obsaga.commons.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TopologyConfigSourceFactoryTests {

    @Test
    void paymentsPublishesToItsExchangeWithConfirmsAndConsumesOrderCreated() {
        Map<String, String> p = TopologyConfigSourceFactory.properties("payments");
        assertEquals("payments", p.get("mp.messaging.outgoing.outbox.exchange.name"));
        assertEquals("true", p.get("mp.messaging.outgoing.outbox.publish-confirms"));
        assertEquals("payments.order-created", p.get("mp.messaging.incoming.payments-order-created.queue.name"));
        assertEquals("orders", p.get("mp.messaging.incoming.payments-order-created.exchange.name"));
        assertEquals("order.created", p.get("mp.messaging.incoming.payments-order-created.routing-keys"));
        assertEquals("payments.order-created.dlq",
                p.get("mp.messaging.incoming.payments-order-created.dead-letter-queue-name"));
        assertEquals("true", p.get("mp.messaging.incoming.payments-order-created.auto-bind-dlq"));
        assertTrue(Integer.parseInt(p.get("mp.messaging.incoming.payments-order-created.max-outstanding-messages")) > 0);
    }

    @Test
    void everyQueueAndDeadLetterQueueIsAQuorumQueueWithTheDeliveryLimit() {
        for (String service : java.util.List.of("payments", "orders", "notifications")) {
            var p = TopologyConfigSourceFactory.properties(service);
            for (var subscription : dev.obsaga.contracts.topology.Subscription.values()) {
                if (!subscription.consumer().equals(service)) {
                    continue;
                }
                String prefix = "mp.messaging.incoming." + subscription.channel() + ".";
                assertEquals("quorum", p.get(prefix + "queue.x-queue-type"), subscription.name());
                assertEquals("quorum", p.get(prefix + "dead-letter-queue-type"), subscription.name());
                assertEquals("20", p.get(prefix + "queue.x-delivery-limit"), subscription.name());
                assertEquals("true", p.get(prefix + "queue.durable"), subscription.name());
            }
        }
    }

    @Test
    void notificationsHasNoOutboxAndBindsEachOutcome() {
        Map<String, String> p = TopologyConfigSourceFactory.properties("notifications");
        assertFalse(p.containsKey("mp.messaging.outgoing.outbox.connector"));
        assertEquals("order.confirmed,order.rejected",
                p.get("mp.messaging.incoming.notifications-order-outcomes.routing-keys"));
        assertEquals("customer.registered",
                p.get("mp.messaging.incoming.notifications-customer-events.routing-keys"));
    }

    @Test
    void aBrokerOutageNeverMakesAServiceNotLive() {
        Map<String, String> single = TopologyConfigSourceFactory.properties("orders", 1);
        assertEquals("false", single.get("quarkus.messaging.health.outbox.liveness.enabled"));
        assertEquals("false", single.get("quarkus.messaging.health.orders-payment-results.liveness.enabled"));
        // With several consumers each copy has its own health check, named <channel>$i.
        Map<String, String> p = TopologyConfigSourceFactory.properties("orders", 3);
        for (int i = 1; i <= 3; i++) {
            assertEquals("false", p.get("quarkus.messaging.health.orders-payment-results$" + i + ".liveness.enabled"));
        }
        assertEquals(null, p.get("quarkus.messaging.health.orders-payment-results$4.liveness.enabled"));
    }

    @Test
    void severalConsumersPerQueueShareTheQueuePrefetch() {
        Map<String, String> p = TopologyConfigSourceFactory.properties("payments", 4);
        assertEquals("4", p.get("mp.messaging.incoming.payments-order-created.concurrency"));
        assertEquals("32", p.get("mp.messaging.incoming.payments-order-created.max-outstanding-messages"));
        Map<String, String> one = TopologyConfigSourceFactory.properties("payments", 1);
        assertEquals(null, one.get("mp.messaging.incoming.payments-order-created.concurrency"));
        assertEquals("128", one.get("mp.messaging.incoming.payments-order-created.max-outstanding-messages"));
        assertEquals(java.util.List.of("payments-order-created$1", "payments-order-created$2"),
                TopologyConfigSourceFactory.channelNames(dev.obsaga.contracts.topology.Subscription.PAYMENTS_ORDER_CREATED, 2));
    }

    @Test
    void aConcurrencyOutOfRangeIsRefusedAtStart() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TopologyConfigSourceFactory.concurrency(io.smallrye.config.ConfigValue.builder()
                        .withName(TopologyConfigSourceFactory.CONCURRENCY).withValue("0").build()));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TopologyConfigSourceFactory.concurrency(io.smallrye.config.ConfigValue.builder()
                        .withName(TopologyConfigSourceFactory.CONCURRENCY).withValue("many").build()));
        assertEquals(TopologyConfigSourceFactory.DEFAULT_CONCURRENCY, TopologyConfigSourceFactory.concurrency(null));
    }

    @Test
    void anUnknownServiceGetsNoChannels() {
        assertTrue(TopologyConfigSourceFactory.properties("load-gen").isEmpty());
    }
}
