package dev.obsaga.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ScheduleTests {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void constantRateIntendedStartsAreExactlyIOverRate() {
        Schedule schedule = Schedule.constant(200, 2 * SECOND);
        for (long i = 0; i < 10_000; i++) {
            assertEquals(i * 5_000_000L, schedule.offsetNanos(i), "request " + i);
        }
        Schedule odd = Schedule.constant(3, 10 * SECOND);
        for (long i = 0; i < 1_000; i++) {
            assertEquals(Math.round(i * 1e9 / 3), odd.offsetNanos(i), "request " + i);
        }
    }

    @Test
    void countIsTheNumberOfRequestsDueBeforeTheEnd() {
        assertEquals(400, Schedule.constant(200, 2 * SECOND).count());
        assertEquals(1, Schedule.constant(0.5, SECOND).count());
        assertEquals(2_501, Schedule.constant(2_500, SECOND + 1).count());
        Schedule odd = Schedule.constant(7, 3 * SECOND);
        long n = odd.count();
        assertTrue(odd.offsetNanos(n - 1) < 3 * SECOND && odd.offsetNanos(n) >= 3 * SECOND);
    }

    @Test
    void rampGrowsLinearlyThenHoldsTheRate() {
        // 2 s ramp to 100/s, 4 s in all: 100 requests during the ramp (area of the triangle), then 100/s for 2 s
        Schedule schedule = new Schedule(100, 2 * SECOND, 4 * SECOND);
        assertEquals(300, schedule.count());
        assertEquals(0, schedule.offsetNanos(0));
        // during the ramp: t = sqrt(2 R i / rate)
        assertEquals(Math.round(Math.sqrt(2 * 2.0 * 25 / 100) * 1e9), schedule.offsetNanos(25));
        // after it: spaced exactly 1/rate, shifted by R/2
        for (long i = 100; i < 300; i++) {
            assertEquals(1_000_000_000L + i * 10_000_000L, schedule.offsetNanos(i), "request " + i);
        }
        long firstSecond = 0;
        long secondSecond = 0;
        for (long i = 0; i < schedule.count(); i++) {
            long t = schedule.offsetNanos(i);
            assertTrue(i == 0 || t > schedule.offsetNanos(i - 1), "strictly increasing");
            if (t < SECOND) {
                firstSecond++;
            } else if (t < 2 * SECOND) {
                secondSecond++;
            }
        }
        assertEquals(25, firstSecond);
        assertEquals(75, secondSecond);
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> Schedule.constant(0, SECOND));
        assertThrows(IllegalArgumentException.class, () -> Schedule.constant(-1, SECOND));
        assertThrows(IllegalArgumentException.class, () -> new Schedule(10, -1, SECOND));
    }
}
