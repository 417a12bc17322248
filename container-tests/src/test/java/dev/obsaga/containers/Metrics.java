package dev.obsaga.containers;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A counter from a service's /q/metrics on its published management port: the sum over its series. */
final class Metrics {

    private Metrics() {
    }

    static double value(String metricsUrl, String name) {
        Http.Response scrape = Http.get(metricsUrl);
        if (scrape.status() != 200) {
            throw new AssertionError(metricsUrl + " answered " + scrape.status());
        }
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(scrape.text());
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            sum += Double.parseDouble(m.group(2));
            found = true;
        }
        if (!found) {
            throw new AssertionError(name + " is not in " + metricsUrl);
        }
        return sum;
    }
}
