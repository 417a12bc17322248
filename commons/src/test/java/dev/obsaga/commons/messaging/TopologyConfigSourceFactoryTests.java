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
        Map<String, String> p = TopologyConfigSourceFactory.properties("orders");
        assertEquals("false", p.get("quarkus.messaging.health.outbox.liveness.enabled"));
        assertEquals("false", p.get("quarkus.messaging.health.orders-payment-results.liveness.enabled"));
    }

    @Test
    void anUnknownServiceGetsNoChannels() {
        assertTrue(TopologyConfigSourceFactory.properties("load-gen").isEmpty());
    }
}
