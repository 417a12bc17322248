package dev.obsaga.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProcStatTests {

    @Test
    void readsUserSystemAndReapedChildrenTime() {
        ProcStat s = ProcStat.parse("2197 (postgres) S 1 2197 2197 0 -1 4194560 9061 2094512 4 1120 12 34 5600 7800"
                + " 20 0 1 0 1234 225000000 7000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0");
        assertEquals(2197, s.pid());
        assertEquals("postgres", s.comm());
        assertEquals(1, s.ppid());
        assertEquals(12 + 34, s.ownTicks());
        assertEquals(5600 + 7800, s.childTicks());
        assertEquals(46 + 13400, s.totalTicks());
    }

    @Test
    void aThreadNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        ProcStat s = ProcStat.parse("4242 (C2 CompilerThre) S 4200 1 1 0 -1 0 0 0 0 0 300 7 0 0 20 0 30 0 1 1 1");
        assertEquals("C2 CompilerThre", s.comm());
        assertEquals(307, s.ownTicks());
        ProcStat odd = ProcStat.parse("7 (a) b (c)) R 3 1 1 0 -1 0 0 0 0 0 5 6 1 2 20 0 1 0 1 1 1");
        assertEquals("a) b (c)", odd.comm());
        assertEquals(3, odd.ppid());
        assertEquals(11, odd.ownTicks());
        assertEquals(3, odd.childTicks());
    }

    @Test
    void rejectsWhatIsNotAStatLine() {
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("no parentheses here"));
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("1 (x) S 0 1"));
    }
}
