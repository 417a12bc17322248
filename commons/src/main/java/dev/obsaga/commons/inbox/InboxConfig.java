package dev.obsaga.commons.inbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "obsaga.inbox")
public interface InboxConfig {

    /** Attempts after the first for a handler failure before the message goes to the dead-letter queue. */
    @WithDefault("3")
    int retries();

    /** First back-off between attempts; doubles each time up to {@link #maxBackoff()}. */
    @WithDefault("100ms")
    Duration initialBackoff();

    @WithDefault("2s")
    Duration maxBackoff();

    /**
     * How long a message waits, retried with back-off, for a dependency that is down (the database, another
     * service) before it goes back to its queue to be delivered again later. It is never dead-lettered for that:
     * the dependency's outage is not the message's fault. Bounded, so one message does not hold the consumer
     * forever.
     */
    @WithDefault("60s")
    Duration unavailableRetryFor();

    /** On shutdown, how long to let the messages being handled finish after consuming stopped. */
    @WithDefault("10s")
    Duration drainTimeout();
}
