package dev.obsaga.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the engine knows about the project's containers, networks and volumes (podman's CLI, from the host). */
final class Podman {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** One container as podman sees it. */
    record Container(String id, String service, String health, boolean running, boolean oomKilled, int restarts,
            long memoryLimit, Instant startedAt, Instant firstHealthyCheck, long pid, int exitCode, Instant finishedAt) {

        /** A one-shot container (a set-up step) that ran and exited 0. */
        boolean completedSuccessfully() {
            return !running && finishedAt != null && exitCode == 0;
        }
    }

    private final Cli cli;

    Podman(Cli cli) {
        this.cli = cli;
    }

    List<Container> containers() {
        List<String> ids = ids("ps", "-a", "-q", "--filter", "label=com.docker.compose.project=" + ComposeStack.PROJECT);
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> command = new ArrayList<>(List.of("podman", "inspect"));
        command.addAll(ids);
        JsonNode all = json(cli.run(TIMEOUT, command).output());
        List<Container> containers = new ArrayList<>();
        for (JsonNode c : all) {
            JsonNode state = c.path("State");
            JsonNode health = state.has("Health") ? state.path("Health") : state.path("Healthcheck");
            containers.add(new Container(c.path("Id").asText(),
                    c.path("Config").path("Labels").path("com.docker.compose.service").asText(),
                    health.path("Status").asText(""), state.path("Running").asBoolean(),
                    state.path("OOMKilled").asBoolean(), c.path("RestartCount").asInt(),
                    c.path("HostConfig").path("Memory").asLong(), instant(state.path("StartedAt").asText()),
                    firstSuccess(health.path("Log")), state.path("Pid").asLong(), state.path("ExitCode").asInt(-1),
                    instant(state.path("FinishedAt").asText())));
        }
        return containers;
    }

    Container container(String service) {
        return containers().stream().filter(c -> c.service().equals(service)).findFirst()
                .orElseThrow(() -> new AssertionError("no container of " + service));
    }

    /** The output of {@code command} run inside the service's container ({@code podman exec}). */
    String exec(String service, String... command) {
        List<String> full = new ArrayList<>(List.of("podman", "exec", container(service).id()));
        full.addAll(List.of(command));
        return cli.run(TIMEOUT, full).output();
    }

    /** Containers, networks and volumes the project left behind. */
    List<String> leftovers() {
        String label = "label=com.docker.compose.project=" + ComposeStack.PROJECT;
        List<String> left = new ArrayList<>();
        ids("ps", "-a", "-q", "--filter", label).forEach(id -> left.add("container " + id));
        ids("network", "ls", "-q", "--filter", label).forEach(id -> left.add("network " + id));
        ids("volume", "ls", "-q", "--filter", label).forEach(id -> left.add("volume " + id));
        return left;
    }

    private List<String> ids(String... args) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        return cli.run(TIMEOUT, command).output().lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    private static Instant firstSuccess(JsonNode log) {
        Instant first = null;
        for (JsonNode entry : log) {
            if (entry.path("ExitCode").asInt(-1) == 0) {
                Instant end = instant(entry.path("End").asText());
                if (end != null && (first == null || end.isBefore(first))) {
                    first = end;
                }
            }
        }
        return first;
    }

    /** podman writes RFC 3339 times, some with a zone name after the offset ("... +0000 UTC"). */
    static Instant instant(String text) {
        if (text == null || text.isBlank() || text.startsWith("0001-")) {
            return null;
        }
        String t = text.trim();
        try {
            return java.time.OffsetDateTime.parse(t).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            String[] parts = t.split(" ");
            return java.time.OffsetDateTime.parse(parts[0] + "T" + parts[1] + parts[2].substring(0, 3) + ":"
                    + parts[2].substring(3)).toInstant();
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
