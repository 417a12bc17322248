package dev.obsaga.loadgen;

import java.time.Duration;
import java.util.Locale;

import picocli.CommandLine;

/** How the command line's values that are neither numbers nor text are read: durations, on/off, scenario names. */
public final class OptionValues {

    private OptionValues() {
    }

    /** Duration option values. */
    public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /**
     * An on/off option value. Not a boolean: picocli only takes "true"/"false" as the optional value of a boolean
     * option, so {@code --progress off} would leave "off" unmatched.
     */
    public enum Toggle {
        ON, OFF;

        public boolean on() {
            return this == ON;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** on/off, true/false, yes/no. */
    public static final class OnOffConverter implements CommandLine.ITypeConverter<Toggle> {
        @Override
        public Toggle convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "on", "true", "yes", "1" -> Toggle.ON;
                case "off", "false", "no", "0" -> Toggle.OFF;
                default -> throw new CommandLine.TypeConversionException("expected on or off, got '" + value + "'");
            };
        }
    }

    /** Scenario names. */
    public static final class ScenarioConverter implements CommandLine.ITypeConverter<ScenarioKind> {
        @Override
        public ScenarioKind convert(String value) {
            try {
                return ScenarioKind.fromCliName(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Fault scenario names. */
    public static final class FaultConverter implements CommandLine.ITypeConverter<FaultScenario> {
        @Override
        public FaultScenario convert(String value) {
            try {
                return FaultScenario.fromCliName(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
