package dev.obsaga.loadgen;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Options for short runs against a {@link FakeSagaServer}. */
final class TestRuns {

    private TestRuns() {
    }

    static LoadOptions.Builder against(FakeSagaServer server) {
        return LoadOptions.builder()
                .allUrls(server.uri())
                .rate(50)
                .duration(Duration.ofSeconds(1))
                .customers(3)
                .seed(7L)
                .sagaDeadline(Duration.ofSeconds(5))
                .requestTimeout(Duration.ofSeconds(5))
                .progress(null)
                .log(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }
}
