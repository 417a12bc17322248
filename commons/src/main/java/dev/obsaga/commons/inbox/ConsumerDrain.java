package dev.obsaga.commons.inbox;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.obsaga.commons.messaging.IncomingChannels;
import dev.obsaga.contracts.topology.Subscription;
import dev.obsaga.contracts.topology.ServiceTopology;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;

/**
 * Graceful shutdown of the consumers. When shutdown begins (readiness already DOWN during the shutdown delay) the
 * incoming channels are paused and the inbox takes no new message; then, before the database pool and the broker
 * connection close, the shutdown waits for the messages under way to finish. What was delivered but not started
 * goes back to the queue unacknowledged: nothing is half done, nothing is dead-lettered because we stopped.
 */
@ApplicationScoped
public class ConsumerDrain {

    private static final Logger LOG = Logger.getLogger(ConsumerDrain.class);

    private final ConsumerGate gate;
    private final InboxConfig config;
    private final ChannelRegistry channels;
    private final ServiceTopology topology;

    public ConsumerDrain(ConsumerGate gate, InboxConfig config, ChannelRegistry channels, ServiceTopology topology) {
        this.gate = gate;
        this.config = config;
        this.channels = channels;
        this.topology = topology;
    }

    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        stopConsuming();
    }

    // Before anything else shuts down: the handlers still need the pool and the channel to ack.
    void onShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event)
            throws InterruptedException {
        stopConsuming();
        int underWay = gate.inFlight();
        if (!gate.awaitIdle(config.drainTimeout())) {
            LOG.warnf("%d messages still under way after %s; they go back to their queues", gate.inFlight(),
                    config.drainTimeout());
        } else if (underWay > 0) {
            LOG.infof("Finished the %d messages under way before stopping", underWay);
        }
    }

    private void stopConsuming() {
        gate.close();
        for (Subscription subscription : topology.subscriptions()) {
            IncomingChannels.pausables(channels, subscription).forEach(PausableChannel::pause);
        }
    }
}
