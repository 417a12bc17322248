package dev.obsaga.commons.inbox;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import dev.obsaga.contracts.events.DomainEvent;
import dev.obsaga.contracts.topology.Subscription;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * The consumer side of exactly-once effects, as a pipeline read top to bottom: observe the delivery, decode it,
 * prepare outside the transaction, apply the effect once (with the inbox row, {@link InboxRecord}), retry what
 * is worth retrying ({@link RetryPolicy}), then ack, requeue or dead-letter ({@link Acknowledgement}). A message is
 * acked only after its effect committed. On shutdown no new message is started ({@link ConsumerGate},
 * {@link ConsumerDrain}).
 */
// Eager: registers the consumer series at zero from start-up.
@Startup
@ApplicationScoped
public class Inbox {

    private final ConsumerTelemetry telemetry;
    private final EventDecoder decoder;
    private final InboxRecord record;
    private final RetryPolicy retries;
    private final Acknowledgement acks;
    private final ConsumerGate gate;

    public Inbox(ConsumerTelemetry telemetry, EventDecoder decoder, InboxRecord record, RetryPolicy retries,
            Acknowledgement acks, ConsumerGate gate) {
        this.telemetry = telemetry;
        this.decoder = decoder;
        this.record = record;
        this.retries = retries;
        this.acks = acks;
        this.gate = gate;
    }

    public <P> Uni<Void> consume(Message<?> message, Subscription subscription, EventHandler<P> handler) {
        Delivery delivery = telemetry.received(message, subscription);
        if (gate.isClosed()) {
            return acks.requeueUntouched(delivery);
        }
        DomainEvent event;
        try {
            event = decoder.decode(message, subscription);
        } catch (PoisonMessageException poison) {
            return acks.poison(delivery, poison);
        }
        telemetry.decoded(delivery, event);
        Uni<Void> attempt = Uni.createFrom().deferred(() -> handler.prepare(event))
                .chain(prepared -> record.applyOnce(delivery, event, handler, prepared));
        return gate.track(retries.around(attempt, delivery, event)
                .onItemOrFailure().transformToUni((ignored, failure) -> acks.settle(delivery, event, failure)));
    }
}
