package dev.obsaga.commons.faults;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;


import dev.obsaga.commons.messaging.IncomingChannels;
import dev.obsaga.contracts.topology.ServiceTopology;
import dev.obsaga.contracts.topology.Subscription;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;

/** The {@code consumer-paused} knob of every consuming service: stops and resumes all its incoming channels. */
@ApplicationScoped
public class ConsumerPause {

    private final Faults faults;
    private final ChannelRegistry channels;
    private final ServiceTopology topology;

    public ConsumerPause(Faults faults, ChannelRegistry channels, ServiceTopology topology) {
        this.faults = faults;
        this.channels = channels;
        this.topology = topology;
    }

    void onStart(@Observes StartupEvent event) {
        if (!FaultKind.CONSUMER_PAUSED.isOfferedBy(topology)) {
            return;
        }
        faults.onChange(FaultKind.CONSUMER_PAUSED, fault -> {
            for (Subscription subscription : topology.subscriptions()) {
                for (PausableChannel channel : IncomingChannels.pausables(channels, subscription)) {
                    if (fault.active()) {
                        channel.pause();
                    } else {
                        channel.resume();
                    }
                }
            }
        });
    }
}
