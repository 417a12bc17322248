package dev.obsaga.commons.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "obsaga.outbox")
public interface OutboxConfig {

    /** Rows relayed per database round trip. */
    @WithDefault("100")
    int batchSize();

    /**
     * How often the relay looks for rows nobody kicked it for: events left by a crash or by a broker outage.
     * A commit kicks the relay at once, so this is a safety net, not the normal latency.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long a publish may wait for the broker's confirm before the row is left for the next attempt. */
    @WithDefault("5s")
    Duration confirmTimeout();
}
