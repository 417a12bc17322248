package dev.obsaga.orders.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.obsaga.commons.faults.FaultKind;
import dev.obsaga.commons.faults.Faults;
import dev.obsaga.commons.outbox.OutboxRelay;
import dev.obsaga.contracts.topology.EventRoute;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code poison-messages} knob: each time it is set, {@code count} unreadable order.created messages go out
 * through the normal outbox path, so payments' dead-letter handling and its alerts can be exercised.
 */
@ApplicationScoped
public class PoisonMessages {

    private static final Logger LOG = Logger.getLogger(PoisonMessages.class);

    private final Faults faults;
    private final Pool pool;
    private final OutboxRelay relay;

    public PoisonMessages(Faults faults, Pool pool, OutboxRelay relay) {
        this.faults = faults;
        this.pool = pool;
        this.relay = relay;
    }

    void onStart(@Observes StartupEvent event) {
        faults.onChange(FaultKind.POISON_MESSAGES, fault -> {
            if (fault.active() && fault.count() > 0) {
                publish(fault.count());
            }
        });
    }

    private void publish(int count) {
        List<Tuple> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(Tuple.of(UUID.randomUUID(), EventRoute.ORDER_CREATED.routingKey(), "{\"poison\": tru"));
        }
        pool.preparedQuery("INSERT INTO outbox (id, routing_key, payload) VALUES ($1, $2, $3)").executeBatch(rows)
                .subscribe().with(ok -> {
                    LOG.warnf("Injected %d poison order.created messages", count);
                    relay.kick();
                }, failure -> LOG.errorf(failure, "Could not inject poison messages"));
    }
}
