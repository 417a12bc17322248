package dev.obsaga.containers;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.obsaga.infra.AlertRulesConverter;

/**
 * Everything the container test starts and stops: podman's socket and healthcheck loop (infra/containers/podman.sh),
 * the local base images (infra/containers/make-base.sh, cached), the service images (docker-compose build, cached by
 * podman's layers) and the stack ({@code up -d}), with alert rules and Alertmanager timings shortened for the test.
 */
final class StackUnderTest implements AutoCloseable {

    /** From {@code up} until every container is running and every healthcheck passes. */
    static final Duration HEALTHY_WITHIN = Duration.ofMinutes(3);

    final Path root;
    final Path work;
    final ComposeStack stack;
    final Podman podman;
    final StartupOrder startup = new StartupOrder();
    JsonNode services;
    List<String> startedServices;
    Duration healthyAfter;
    private final Cli host;

    StackUnderTest() {
        root = repositoryRoot();
        work = fresh(root.resolve("container-tests/target/container-it"));
        Path podmanDir = Path.of(System.getProperty("java.io.tmpdir"), "obsaga-ctr-it");
        host = new Cli(root, Map.of("CONTAINERS_CONF", root.resolve("infra/containers/containers.conf").toString(),
                "OBSAGA_PODMAN_DIR", podmanDir.toString()), work.resolve("commands.log"));
        JsonNode source = AlertRulesConverter.read(root.resolve("infra/alert-rules.yml"));
        // pending periods of 2 s and a 1 s evaluation: the rules themselves, but an alert within seconds
        write(work.resolve("rules/obsaga-alerts.yml"), AlertRulesConverter.prometheusRules(source,
                AlertRulesConverter.PrometheusOptions.fast("2s", "1s")));
        write(work.resolve("alertmanager/alertmanager.yml"), AlertRulesConverter.alertmanagerConfig(source,
                LocalAlertmanagerConfigTests.SINK_URL, Path.of("/etc/alertmanager"),
                Map.of("group_wait", "1s", "group_interval", "1s", "repeat_interval", "1h")));
        write(work.resolve("alertmanager/" + AlertRulesConverter.TEMPLATE_FILE), AlertRulesConverter.template(source));
        stack = new ComposeStack(root, "unix://" + podmanDir.resolve("podman.sock"), work.resolve("rules"),
                work.resolve("alertmanager"), work.resolve("commands.log"));
        podman = new Podman(stack.cli());
    }

    /** Images, then {@code up -d}, watching the containers start. */
    StackUnderTest start() throws InterruptedException {
        host.run(Duration.ofSeconds(60), List.of(root.resolve("infra/containers/podman.sh").toString(), "start"));
        Cli.Result base = host.run(Duration.ofMinutes(20), List.of(root.resolve("infra/containers/make-base.sh")
                .toString()));
        report("base images (make-base.sh)", base.took());
        stack.tryRun(Duration.ofMinutes(3), "down", "-v", "--remove-orphans");
        report("service images (docker-compose build)", stack.run(Duration.ofMinutes(30), "build").took());
        services = stack.services();
        startedServices = stack.startedServices(services);
        long start = System.nanoTime();
        Process up = stack.background(work.resolve("up.log"), "up", "-d");
        await("every container running and healthy").atMost(HEALTHY_WITHIN).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    List<Podman.Container> containers = podman.containers();
                    startup.observe(containers);
                    return allUp(containers);
                });
        healthyAfter = Duration.ofNanos(System.nanoTime() - start);
        report("up -d until every container is healthy", healthyAfter);
        if (up.waitFor() != 0) {
            throw new AssertionError("docker-compose up exited " + up.exitValue() + ", see " + work.resolve("up.log"));
        }
        return this;
    }

    private boolean allUp(List<Podman.Container> containers) {
        for (String service : startedServices) {
            boolean probed = !services.path(service).path("healthcheck").path("test").isMissingNode();
            boolean oneShot = "no".equals(services.path(service).path("restart").asText());
            boolean ok = containers.stream().anyMatch(c -> c.service().equals(service) && (oneShot
                    ? c.completedSuccessfully()
                    : c.running() && (!probed || "healthy".equals(c.health()))));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@code down -v}, then the podman service this test started. */
    Cli.Result down() {
        return stack.run(Duration.ofMinutes(3), "down", "-v", "--remove-orphans");
    }

    @Override
    public void close() {
        try {
            stack.tryRun(Duration.ofMinutes(3), "logs", "--no-color");
            stack.tryRun(Duration.ofMinutes(3), "down", "-v", "--remove-orphans");
        } finally {
            host.tryRun(Duration.ofSeconds(30), List.of(root.resolve("infra/containers/podman.sh").toString(), "stop"));
        }
    }

    static void report(String what, Duration took) {
        System.out.printf("[container-tests] %s: %.1f s%n", what, took.toMillis() / 1000.0);
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("infra/docker-compose.yml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside the repository: " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path fresh(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (var walk = Files.walk(dir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
