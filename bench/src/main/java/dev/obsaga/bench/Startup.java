package dev.obsaga.bench;

import java.io.PrintStream;

/** Start-up and footprint: time to ready per service, one /q/metrics scrape, peak RSS under load. */
final class Startup {

    private Startup() {
    }

    static void printReady(PrintStream out, ServiceSet services) {
        out.println("Ready time per service (launch -> first 200 from /q/health/ready, polled every 50 ms, one at a time):");
        services.readySeconds().forEach((module, seconds) -> out.printf("  %-14s %6.2f s%n", module, seconds));
    }

    static void printScrapeAndRss(PrintStream out, Phase phase, Summary summary) {
        out.println("One /q/metrics scrape (text 0.0.4, median of 5, after the load):");
        double max = 0;
        for (String module : BenchSettings.SERVICES) {
            Scrape.Result r = Scrape.measure(phase.services().managementUrl(module), 5);
            out.printf("  %-14s %6.2f ms  %6.1f KiB%n", module, r.medianMs(), r.bytes() / 1024.0);
            max = Math.max(max, r.medianMs());
        }
        summary.put("scrape_ms", max, 2);
        double ready = phase.services().readySeconds().values().stream().mapToDouble(Double::doubleValue).max()
                .orElse(Double.NaN);
        summary.put("ready_s_max", ready, 2);
    }

    static void printPeakRss(PrintStream out, Phase phase, Summary summary) {
        out.println("Peak RSS per service (VmHWM: the high-water mark since start, i.e. under the heaviest load):");
        long max = 0;
        for (String module : BenchSettings.SERVICES) {
            long mb = phase.peakRssMb(module);
            out.printf("  %-14s %5d MB%n", module, mb);
            max = Math.max(max, mb);
        }
        summary.put("rss_mb_max", Long.toString(max));
    }
}
