package dev.obsaga.loadgen;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations like {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1m30s}, {@code 1h}, {@code PT30S}, {@code 45}. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private Durations() {
    }

    public static Duration parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("pt") || s.startsWith("p")) {
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        }
        if (s.matches("\\d+(\\.\\d+)?")) {
            return ofSeconds(Double.parseDouble(s));
        }
        Matcher m = PART.matcher(s);
        int at = 0;
        Duration total = Duration.ZERO;
        while (m.find() && m.start() == at) {
            double value = Double.parseDouble(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofNanos(Math.round(value * 1e6));
                case "s" -> ofSeconds(value);
                case "m" -> ofSeconds(value * 60);
                default -> ofSeconds(value * 3600);
            });
            at = m.end();
        }
        if (at != s.length() || at == 0) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (e.g. 30s, 500ms, 2m, 1m30s, PT30S)");
        }
        return total;
    }

    private static Duration ofSeconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    /** Short form for messages: {@code 30s}, {@code 500ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
