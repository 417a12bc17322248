package dev.obsaga.bench;

import java.util.List;

/** The median and range of repeated measurements: how much one figure is worth. */
public record Spread(double median, double min, double max, int n) {

    public static Spread of(List<Double> values) {
        List<Double> v = values.stream().filter(x -> !x.isNaN()).sorted().toList();
        if (v.isEmpty()) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        int mid = v.size() / 2;
        double median = v.size() % 2 == 1 ? v.get(mid) : (v.get(mid - 1) + v.get(mid)) / 2;
        return new Spread(median, v.get(0), v.get(v.size() - 1), v.size());
    }

    @Override
    public String toString() {
        return String.format("%.3f (min-max %.3f-%.3f, n=%d)", median, min, max, n);
    }
}
