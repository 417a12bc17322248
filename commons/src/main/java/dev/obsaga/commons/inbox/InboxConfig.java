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
}
