package dev.obsaga.orders.saga;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The long-poll of {@code GET /orders/{id}?wait=…}. */
@ConfigMapping(prefix = "obsaga.orders.wait")
public interface OrderWaitConfig {

    /** The longest wait a client may ask for; longer asks are a 400. */
    @WithDefault("30s")
    Duration max();

    /**
     * How often a waiting reader reads the order again, for outcomes committed by another instance of orders
     * (this instance's own outcomes answer at once).
     */
    @WithDefault("1s")
    Duration recheck();
}
