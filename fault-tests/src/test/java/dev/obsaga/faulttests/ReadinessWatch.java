package dev.obsaga.faulttests;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.obsaga.testsupport.SagaService;

/**
 * Polls every service's readiness in the background while a scenario runs and remembers each answer seen:
 * 200 ready, 503 not ready, {@link Probes#REFUSED} (process gone), {@link Probes#TIMED_OUT}. A probe every
 * 250 ms, as an orchestrator would.
 */
final class ReadinessWatch implements AutoCloseable {

    private final Map<SagaService, Set<Integer>> seen = new EnumMap<>(SagaService.class);
    private final Thread poller;
    private volatile boolean running = true;

    ReadinessWatch() {
        for (SagaService service : SagaService.values()) {
            seen.put(service, ConcurrentHashMap.newKeySet());
        }
        poller = new Thread(this::poll, "readiness-watch");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        while (running) {
            for (SagaService service : SagaService.values()) {
                seen.get(service).add(Probes.readiness(service));
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Whether {@code service} was seen not ready (503) or not there at all (connection refused). */
    boolean sawDown(SagaService service) {
        return seen.get(service).stream().anyMatch(status -> status == 503 || status == Probes.REFUSED);
    }

    Set<Integer> seen(SagaService service) {
        return Set.copyOf(seen.get(service));
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
