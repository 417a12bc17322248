package dev.obsaga.faulttests;

import java.util.concurrent.atomic.AtomicLong;

import dev.obsaga.contracts.topology.EventRoute;
import dev.obsaga.contracts.topology.Subscription;
import dev.obsaga.testsupport.BrokerProbe;

/**
 * Delivers every order.created twice: it receives a copy of each one orders publishes and sends it again, same
 * message id, same properties, same body, straight into payments' queue (through the default exchange, so the
 * copy is not copied again) — as a redelivery after a lost ack or a publisher retry would.
 */
final class OrderCreatedDuplicator implements AutoCloseable {

    private final BrokerProbe probe = new BrokerProbe();
    private final AtomicLong duplicated = new AtomicLong();

    OrderCreatedDuplicator start() {
        probe.listen(EventRoute.ORDER_CREATED.exchange().exchangeName(), EventRoute.ORDER_CREATED.routingKey(),
                message -> {
                    probe.publish("", Subscription.PAYMENTS_ORDER_CREATED.queue(), message.properties(),
                            message.rawBody());
                    duplicated.incrementAndGet();
                });
        return this;
    }

    long duplicated() {
        return duplicated.get();
    }

    @Override
    public void close() {
        probe.close();
    }
}
