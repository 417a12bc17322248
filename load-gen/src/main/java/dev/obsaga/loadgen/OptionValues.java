package dev.obsaga.loadgen;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

import picocli.CommandLine;

/** How the command line's values that are neither numbers nor text are read: durations, on/off, scenario names. */
public final class OptionValues {

    private OptionValues() {
    }

    /** A value read by {@code parser}, whose exception message becomes picocli's usage error. */
    abstract static class ParsedValue<T> implements CommandLine.ITypeConverter<T> {
        private final Function<String, T> parser;

        ParsedValue(Function<String, T> parser) {
            this.parser = parser;
        }

        @Override
        public T convert(String value) {
            try {
                return parser.apply(value);
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Duration option values, in the forms {@link Durations} reads. */
    public static final class DurationConverter extends ParsedValue<Duration> {
        public DurationConverter() {
            super(Durations::parse);
        }
    }

    /** Scenario names. */
    public static final class ScenarioConverter extends ParsedValue<ScenarioKind> {
        public ScenarioConverter() {
            super(ScenarioKind::fromCliName);
        }
    }

    /** Fault scenario names. */
    public static final class FaultConverter extends ParsedValue<FaultScenario> {
        public FaultConverter() {
            super(FaultScenario::fromCliName);
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
}
