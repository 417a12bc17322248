package dev.obsaga.faulttests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import dev.obsaga.loadgen.Report;

/** Each scenario's result line on stdout, and with load-gen's numbers in a file for docs/reliability.md. */
final class ScenarioResults {

    private final Path file;

    ScenarioResults(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
    }

    void record(SagaLedger.Verdict verdict, Report report, double rate) {
        System.out.println(verdict.line());
        String detail = String.format(Locale.ROOT, "%s | rate %.0f/s (achieved %.1f/s) | placements %d: 202 %d, "
                + "5xx %d, transport errors %d | saga p50 %.0f ms, p99 %.0f ms%n", verdict.line(), rate,
                report.placement().achievedRate(), report.placement().sent(), report.placement().accepted(),
                report.placement().serverErrors(), report.placement().transportErrors(),
                report.sagaDurationMs().p50Ms(), report.sagaDurationMs().p99Ms());
        try {
            Files.writeString(file, detail, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
