package dev.obsaga.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The last line of a run, {@code key=value ...}, for machines and for the README. Insertion order is kept. */
public final class Summary {

    private final Map<String, String> values = new LinkedHashMap<>();

    public Summary put(String key, double value, int decimals) {
        values.put(key, Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value));
        return this;
    }

    public Summary put(String key, String value) {
        values.put(key, value);
        return this;
    }

    public String line() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
