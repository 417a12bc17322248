package dev.obsaga.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Java 25's ahead-of-time cache (JEP 483/514/515): one training run of the services under load with
 * {@code -XX:AOTCacheOutput} writes a cache per service when they stop; the run's later starts use it with
 * {@code -XX:AOTCache}. Needs {@code --java} pointing at a JDK 25.
 */
final class AotTraining {

    private AotTraining() {
    }

    /** @return the options the later starts need */
    static List<String> run(Workspace ws, BenchSettings s) {
        String cache = s.root().resolve("bench/target/aot").toString() + "/{service}.aot";
        try {
            Files.createDirectories(s.root().resolve("bench/target/aot"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ws.log("AOT training: the services under load at %s orders/s, caches in bench/target/aot", LoadGen.num(s.rate()));
        try (Phase phase = Phase.start(ws, s, "aot-training", true, List.of("-XX:AOTCacheOutput=" + cache))) {
            phase.measure(s.rate(), s.measureSeconds(), "training");
        }
        return List.of("-XX:AOTCache=" + cache);
    }
}
