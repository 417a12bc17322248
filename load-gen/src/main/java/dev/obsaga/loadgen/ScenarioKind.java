package dev.obsaga.loadgen;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The load scenarios of {@code --scenario}. */
public enum ScenarioKind {
    HAPPY, MIXED, INVALID;

    public String cliName() {
        return name().toLowerCase();
    }

    public Scenario create(OrderRequests orders) {
        return switch (this) {
            case HAPPY -> new HappyScenario(orders);
            case MIXED -> new MixedScenario(orders);
            case INVALID -> new InvalidScenario(orders);
        };
    }

    public static ScenarioKind fromCliName(String name) {
        for (ScenarioKind kind : values()) {
            if (kind.name().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + name + "', expected one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(ScenarioKind::cliName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return cliName();
    }
}
