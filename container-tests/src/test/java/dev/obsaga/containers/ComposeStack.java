package dev.obsaga.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.obsaga.contracts.access.ServiceNames;

/**
 * {@code docker-compose -f infra/docker-compose.yml -f infra/docker-compose.local.yml} against podman's socket, with
 * the host ports of {@code infra/containers/local.env}, fresh random passwords (none is written anywhere) and the
 * test's own project name, alert rules and Alertmanager configuration.
 */
final class ComposeStack {

    static final String PROJECT = "obsaga-ctr-it";
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    final Path root;
    final Map<String, String> environment = new LinkedHashMap<>();
    final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Cli cli;

    ComposeStack(Path root, String dockerHost, Path rules, Path alertmanagerConfig, Path log) {
        this.root = root;
        for (String line : read(root.resolve("infra/containers/local.env")).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] kv = line.split("=", 2);
                ports.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
                environment.put(kv[0].trim(), kv[1].trim());
            }
        }
        environment.put("DOCKER_HOST", dockerHost);
        environment.put("CONTAINERS_CONF", root.resolve("infra/containers/containers.conf").toString());
        environment.put("COMPOSE_PROJECT_NAME", PROJECT);
        for (String secret : List.of("POSTGRES_PASSWORD", "RABBITMQ_PASSWORD", "GRAFANA_ADMIN_PASSWORD")) {
            environment.put(secret, randomSecret());
        }
        for (String service : ServiceNames.ALL) {
            environment.put(ServiceNames.secretVariable("RABBITMQ_PASSWORD", service), randomSecret());
            environment.put(ServiceNames.secretVariable("DB_PASSWORD", service), randomSecret());
        }
        environment.put("OBSAGA_FAULTS_ENABLED", "true");
        // One line (an environment variable): the DER form of the tests' issuer key, base64.
        environment.put("OBSAGA_AUTH_PUBLIC_KEY", dev.obsaga.testsupport.TestCredentials.publicKeyPem()
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        environment.put("OBSAGA_PROMETHEUS_RULES", rules.toAbsolutePath().toString());
        environment.put("OBSAGA_ALERTMANAGER_CONFIG", alertmanagerConfig.toAbsolutePath().toString());
        this.cli = new Cli(root, environment, log);
    }

    String url(String portVariable) {
        Integer port = ports.get(portVariable);
        if (port == null) {
            throw new IllegalArgumentException(portVariable + " is not in infra/containers/local.env");
        }
        return "http://127.0.0.1:" + port;
    }

    List<String> compose(String... args) {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-f", "infra/docker-compose.yml", "-f",
                "infra/docker-compose.local.yml"));
        command.addAll(List.of(args));
        return command;
    }

    Cli.Result run(Duration timeout, String... args) {
        return cli.run(timeout, compose(args));
    }

    Cli.Result tryRun(Duration timeout, String... args) {
        return cli.tryRun(timeout, compose(args));
    }

    Process background(Path output, String... args) {
        return cli.background(compose(args), output);
    }

    Cli cli() {
        return cli;
    }

    /** The merged configuration's services (only those of the active profiles are started by {@code up}). */
    JsonNode services() {
        String out = run(Duration.ofMinutes(1), "config").output();
        try {
            return YAML.readTree(out).path("services");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Services {@code up} starts: those without a profile. */
    List<String> startedServices(JsonNode services) {
        List<String> names = new ArrayList<>();
        services.fields().forEachRemaining(e -> {
            if (e.getValue().path("profiles").isMissingNode()) {
                names.add(e.getKey());
            }
        });
        return names;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
