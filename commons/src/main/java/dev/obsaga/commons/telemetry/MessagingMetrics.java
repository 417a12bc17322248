package dev.obsaga.commons.telemetry;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import dev.obsaga.contracts.telemetry.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The messaging metrics of every service, recorded by the outbox relay and the inbox — never by handlers.
 * Label values come from closed sets (exchanges, routing keys, queues, outcomes), so cardinality is bounded.
 */
@ApplicationScoped
public class MessagingMetrics {

    public enum PublishOutcome {
        SUCCESS, ERROR
    }

    public enum ConsumeOutcome {
        ACK, RETRY, DEAD_LETTER
    }

    private final MeterRegistry registry;
    private final AtomicLong outboxPending = new AtomicLong();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public MessagingMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(MetricNames.OUTBOX_PENDING, outboxPending, AtomicLong::doubleValue)
                .description("Events written to the outbox and not yet confirmed by the broker")
                .register(registry);
    }

    public void published(String exchange, String routingKey, PublishOutcome outcome, Duration untilConfirm) {
        counter(MetricNames.PUBLISH, "Messages handed to the broker, by outcome (error: no confirm)",
                "exchange", exchange, "routing_key", routingKey, "outcome", lower(outcome)).increment();
        if (outcome == PublishOutcome.SUCCESS) {
            timer(MetricNames.PUBLISH_DURATION, "Time from handing a message to the broker until its publisher confirm",
                    "exchange", exchange, "routing_key", routingKey).record(untilConfirm);
        }
    }

    public void queued(String queue, Duration timeInQueue) {
        timer(MetricNames.QUEUE_TIME, "Time a message spent between its publish and its delivery to our consumer",
                "queue", queue).record(timeInQueue.isNegative() ? Duration.ZERO : timeInQueue);
    }

    public void consumed(String queue, ConsumeOutcome outcome, Duration processing) {
        counter(MetricNames.CONSUME, "Messages consumed, by outcome (retry counts every further attempt)",
                "queue", queue, "outcome", lower(outcome)).increment();
        timer(MetricNames.PROCESS_DURATION, "Time to handle one delivery, from receipt to ack or dead-letter",
                "queue", queue, "outcome", lower(outcome)).record(processing);
    }

    public void retried(String queue) {
        counter(MetricNames.CONSUME, "Messages consumed, by outcome (retry counts every further attempt)",
                "queue", queue, "outcome", lower(ConsumeOutcome.RETRY)).increment();
    }

    public void outboxPending(long rows) {
        outboxPending.set(rows);
    }

    /** Registers the series a service will emit, at zero, so dashboards and alerts see them before traffic. */
    public void preRegisterPublisher(String exchange, String routingKey) {
        for (PublishOutcome outcome : PublishOutcome.values()) {
            counter(MetricNames.PUBLISH, "Messages handed to the broker, by outcome (error: no confirm)",
                    "exchange", exchange, "routing_key", routingKey, "outcome", lower(outcome));
        }
    }

    public void preRegisterConsumer(String queue) {
        for (ConsumeOutcome outcome : ConsumeOutcome.values()) {
            counter(MetricNames.CONSUME, "Messages consumed, by outcome (retry counts every further attempt)",
                    "queue", queue, "outcome", lower(outcome));
        }
    }

    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(key(name, tags), k -> Counter.builder(name).description(description)
                .tags(tags).register(registry));
    }

    private Timer timer(String name, String description, String... tags) {
        return timers.computeIfAbsent(key(name, tags), k -> Timer.builder(name).description(description)
                .tags(tags).register(registry));
    }

    private static String key(String name, String... tags) {
        return name + String.join("|", tags);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

}
