package dev.obsaga.loadgen;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * W3C trace context started by the load generator: it is the root, so each order's server spans hang under
 * one trace id the report can name (e.g. for a lost order).
 */
public record TraceContext(String traceId) {

    private static final HexFormat HEX = HexFormat.of();

    /** A new trace with a random, non-zero 16-byte id. */
    public static TraceContext newRoot() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high;
        long low;
        do {
            high = random.nextLong();
            low = random.nextLong();
        } while (high == 0 && low == 0);
        return new TraceContext(HEX.toHexDigits(high) + HEX.toHexDigits(low));
    }

    /** {@code traceparent} header for a new client span of this trace: {@code 00-<trace id>-<span id>-01}. */
    public String traceparent() {
        long span;
        do {
            span = ThreadLocalRandom.current().nextLong();
        } while (span == 0);
        return "00-" + traceId + "-" + HEX.toHexDigits(span) + "-01";
    }
}
