package dev.obsaga.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class SpreadTests {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        Spread s = Spread.of(List.of(0.95, 0.80, 1.02));
        assertEquals(0.95, s.median(), 1e-12);
        assertEquals(0.80, s.min(), 1e-12);
        assertEquals(1.02, s.max(), 1e-12);
        assertEquals(3, s.n());
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, Spread.of(List.of(4.0, 1.0, 3.0, 2.0)).median(), 1e-12);
    }

    @Test
    void missingMeasurementsAreLeftOut() {
        Spread s = Spread.of(List.of(Double.NaN, 2.0, 4.0));
        assertEquals(3.0, s.median(), 1e-12);
        assertEquals(2, s.n());
        assertEquals(0, Spread.of(List.of()).n());
    }
}
