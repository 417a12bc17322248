package dev.obsaga.commons.faults;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.obsaga.commons.messaging.IncomingChannels;
import dev.obsaga.contracts.topology.Subscription;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;

/** The {@code consumer-paused} knob of every consuming service: stops and resumes all its incoming channels. */
@ApplicationScoped
public class ConsumerPause {

    public static final String KIND = "consumer-paused";

    private final Faults faults;
    private final ChannelRegistry channels;
    private final String service;

    public ConsumerPause(Faults faults, ChannelRegistry channels,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.faults = faults;
        this.channels = channels;
        this.service = service;
    }

    void onStart(@Observes StartupEvent event) {
        if (java.util.Arrays.stream(Subscription.values()).noneMatch(s -> s.consumer().equals(service))) {
            return;
        }
        faults.register(KIND, "Stops consuming (messages pile up in the queues) until reset", fault -> {
            for (Subscription subscription : Subscription.values()) {
                if (!subscription.consumer().equals(service)) {
                    continue;
                }
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
