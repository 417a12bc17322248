package dev.obsaga.orders.customers;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "obsaga.customers")
public interface CustomerCheckConfig {

    /** gRPC deadline of one GetCustomer call: an order placement never waits longer than this for customers. */
    @WithDefault("800ms")
    Duration deadline();

    /** What a 503 tells the client to wait before retrying, while customers is unreachable. */
    @WithDefault("2s")
    Duration retryAfter();
}
