package dev.obsaga.commons.messaging;

/** The outgoing channel every publishing service relays its outbox through, bound to the exchange it owns. */
public final class OutboxChannel {
    public static final String NAME = "outbox";

    private OutboxChannel() {
    }
}
