package dev.obsaga.commons.messaging;

import java.util.ArrayList;
import java.util.List;

import dev.obsaga.contracts.topology.Subscription;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;

/** The pausable channels that read one subscription's queue: the channel itself, or each of its copies. */
public final class IncomingChannels {

    /** Far above any sane consumer count; only bounds the lookup. */
    private static final int MAX_COPIES = 64;

    private IncomingChannels() {
    }

    /**
     * With one consumer the channel is registered under its own name; with several, SmallRye Reactive Messaging
     * registers each copy as {@code <channel>$1..N} and the plain name is unknown to the registry.
     */
    public static List<PausableChannel> pausables(ChannelRegistry registry, Subscription subscription) {
        List<PausableChannel> found = new ArrayList<>();
        PausableChannel single = registry.getPausable(subscription.channel());
        if (single != null) {
            found.add(single);
        }
        for (int i = 1; i <= MAX_COPIES; i++) {
            PausableChannel copy = registry.getPausable(subscription.channel() + "$" + i);
            if (copy == null) {
                break;
            }
            found.add(copy);
        }
        return found;
    }
}
