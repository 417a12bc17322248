package dev.obsaga.loadgen;

import java.time.Duration;

import io.quarkus.runtime.configuration.DurationConverter;

/**
 * Durations as the services' configuration takes them ({@code 30s}, {@code 500ms}, {@code 2m}, {@code 1m30s},
 * {@code PT30S}, {@code 45} for seconds): Quarkus' own converter, so load-gen's options read like the services'
 * settings. Load-gen's durations are never negative.
 */
public final class Durations {

    private Durations() {
    }

    public static Duration parse(String text) {
        Duration parsed = DurationConverter.parseDuration(text.trim());
        if (parsed == null || parsed.isNegative()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (e.g. 30s, 500ms, 2m, 1m30s, PT30S)");
        }
        return parsed;
    }

    /** Short form for messages: {@code 30s}, {@code 500ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
