package dev.obsaga.contracts.telemetry;

/** AMQP headers every service writes and reads. W3C {@code traceparent} is written by the connector itself. */
public final class MessageHeaders {

    /**
     * When the relay handed the message to the broker, in epoch microseconds (a long). AMQP's own timestamp
     * property has only second precision, too coarse for a time-in-queue histogram.
     */
    public static final String PUBLISHED_AT_MICROS = "x-obsaga-published-at-us";

    private MessageHeaders() {
    }
}
