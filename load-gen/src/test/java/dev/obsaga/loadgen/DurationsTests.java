package dev.obsaga.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DurationsTests {

    @Test
    void parsesTheUsualForms() {
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("1m30s"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
        assertEquals(Duration.ofSeconds(45), Durations.parse("45"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("PT30S"));
    }

    @Test
    void rejectsTheRest() {
        for (String bad : new String[] {"", "s", "10x", "ten seconds", "5s junk", "-5s"}) {
            assertThrows(RuntimeException.class, () -> Durations.parse(bad), bad);
        }
    }
}
