package dev.obsaga.payments.client;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "obsaga.gateway")
public interface GatewayConfig {

    /** Simulated time the payment provider takes to answer a charge. */
    @WithDefault("5ms")
    Duration latency();

    /**
     * Test cards that decline, by their last four digits, and the decline code each answers (as the public test
     * cards of payment providers do). Any other valid card approves.
     */
    @WithDefault("0002:card_declined,9995:insufficient_funds,0069:expired_card")
    List<String> declines();
}
