package dev.obsaga.contracts.topology;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The part of the topology one service has: the exchange it publishes to (if it publishes) with its routes, and
 * the queues it consumes. Everything that sets up a service's messaging, metrics or knobs asks this, not the
 * whole topology.
 */
public record ServiceTopology(String service, Optional<Exchange> exchange, List<Subscription> subscriptions) {

    public static ServiceTopology of(String service) {
        return new ServiceTopology(service, Exchange.ownedBy(service),
                Arrays.stream(Subscription.values()).filter(s -> s.consumer().equals(service)).toList());
    }

    /** The events this service publishes. */
    public List<EventRoute> publishedRoutes() {
        return exchange.map(e -> Arrays.stream(EventRoute.values()).filter(r -> r.exchange() == e).toList())
                .orElse(List.of());
    }

    public boolean consumes() {
        return !subscriptions.isEmpty();
    }
}
