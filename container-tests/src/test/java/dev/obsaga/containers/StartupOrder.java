package dev.obsaga.containers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * When each container started and first passed its healthcheck, gathered while {@code up} runs (podman keeps only
 * the last few checks of a container, so the first success is collected as it happens), and the depends_on
 * conditions checked against it: a dependent starts only after its dependency is healthy (service_healthy),
 * has exited 0 (service_completed_successfully, a set-up step) or started (service_started).
 */
final class StartupOrder {

    private final Map<String, Instant> started = new LinkedHashMap<>();
    private final Map<String, Instant> healthy = new LinkedHashMap<>();
    private final Map<String, Instant> completed = new LinkedHashMap<>();

    void observe(List<Podman.Container> containers) {
        for (Podman.Container c : containers) {
            if (c.startedAt() != null) {
                started.putIfAbsent(c.service(), c.startedAt());
            }
            if (c.completedSuccessfully()) {
                completed.putIfAbsent(c.service(), c.finishedAt());
            }
            if (c.firstHealthyCheck() != null) {
                healthy.merge(c.service(), c.firstHealthyCheck(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
    }

    Instant healthyAt(String service) {
        return healthy.get(service);
    }

    /** The violated conditions (empty when the order is right). */
    List<String> violations(JsonNode services, List<String> startedServices) {
        List<String> problems = new ArrayList<>();
        for (String service : startedServices) {
            Instant start = started.get(service);
            services.path(service).path("depends_on").fields().forEachRemaining(dep -> {
                String condition = dep.getValue().path("condition").asText("service_started");
                Instant ready = switch (condition) {
                    case "service_healthy" -> healthy.get(dep.getKey());
                    case "service_completed_successfully" -> completed.get(dep.getKey());
                    default -> started.get(dep.getKey());
                };
                if (start == null || ready == null) {
                    problems.add(service + " (started " + start + ") / " + dep.getKey() + " " + condition + " at " + ready);
                } else if (start.isBefore(ready)) {
                    problems.add(service + " started at " + start + ", before " + dep.getKey() + " was "
                            + condition.replace("service_", "") + " (" + ready + ")");
                }
            });
        }
        return problems;
    }

    @Override
    public String toString() {
        return "started " + started + ", first healthy " + healthy + ", completed " + completed;
    }
}
