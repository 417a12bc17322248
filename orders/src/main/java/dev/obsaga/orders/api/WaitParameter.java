package dev.obsaga.orders.api;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.obsaga.commons.problem.ProblemException;
import dev.obsaga.orders.saga.OrderWaitConfig;
import io.quarkus.runtime.configuration.DurationConverter;

/** The {@code wait} query parameter: a duration such as {@code 5s}, {@code 500ms} or {@code PT5S}, 0 to max. */
@ApplicationScoped
public class WaitParameter {

    private final OrderWaitConfig config;

    public WaitParameter(OrderWaitConfig config) {
        this.config = config;
    }

    Duration parse(String text) {
        if (text == null || text.isBlank()) {
            return Duration.ZERO;
        }
        Duration wait;
        try {
            wait = DurationConverter.parseDuration(text.trim());
        } catch (RuntimeException e) {
            wait = null;
        }
        if (wait == null || wait.isNegative() || wait.compareTo(config.max()) > 0) {
            throw ProblemException.invalidField("wait", "must be a duration from 0 to " + config.max()
                    + " such as 5s or 500ms");
        }
        return wait;
    }
}
