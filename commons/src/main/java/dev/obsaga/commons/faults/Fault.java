package dev.obsaga.commons.faults;

/**
 * The state of one fault knob. {@code rate}: share of operations that fail (0–1); {@code latencyMs}: added delay;
 * {@code count}: size of a one-shot action (e.g. poison messages).
 */
public record Fault(String kind, String description, boolean active, double rate, long latencyMs, int count) {

    static Fault off(String kind, String description) {
        return new Fault(kind, description, false, 0, 0, 0);
    }
}
