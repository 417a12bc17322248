package dev.obsaga.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.obsaga.testsupport.SagaProcesses;
import dev.obsaga.testsupport.SagaService;

/**
 * Every manifest {@code kubectl apply -k deploy/kubernetes} applies, parsed (no kubectl here): what the README's
 * "Scaling out" promises — two replicas, a PodDisruptionBudget and an HPA per service, probes on the management
 * port, resources, the broker's nodes and the database from the ConfigMap, credentials from the operators' Secrets,
 * a 3-node RabbitmqCluster, a CloudNativePG Cluster with a replica — and no secret value anywhere.
 */
class KubernetesScaleOutManifestsTests {

    static final Path DIR = SagaProcesses.findRepositoryRoot().resolve("deploy/kubernetes");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<JsonNode> applied() throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        for (JsonNode resource : YAML.readTree(DIR.resolve("kustomization.yaml").toFile()).path("resources")) {
            Path file = DIR.resolve(resource.asText());
            assertTrue(Files.exists(file), "kustomization.yaml lists a missing file: " + file);
            try (var parser = YAML.getFactory().createParser(file.toFile())) {
                for (JsonNode document : YAML.readValues(parser, JsonNode.class).readAll()) {
                    if (document != null && !document.isEmpty()) {
                        documents.add(document);
                    }
                }
            }
        }
        return documents;
    }

    static JsonNode one(String kind, String name) throws IOException {
        List<JsonNode> found = applied().stream().filter(d -> d.path("kind").asText().equals(kind)
                && d.path("metadata").path("name").asText().equals(name)).toList();
        assertEquals(1, found.size(), "exactly one " + kind + " " + name + " in kustomization.yaml's resources");
        return found.get(0);
    }

    @ParameterizedTest
    @EnumSource(SagaService.class)
    void twoReplicasProbesOnTheManagementPortResourcesAndEnvironment(SagaService service) throws IOException {
        JsonNode deployment = one("Deployment", service.module());
        assertEquals(2, deployment.path("spec").path("replicas").asInt());
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        int management = 9081 + service.ordinal();
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertEquals(management, container.path(probe).path("httpGet").path("port").asInt(), service + " " + probe);
        }
        for (String kind : List.of("requests", "limits")) {
            assertFalse(container.path("resources").path(kind).path("memory").asText().isEmpty(), kind + " memory");
            assertFalse(container.path("resources").path(kind).path("cpu").asText().isEmpty(), kind + " cpu");
        }
        Map<String, JsonNode> env = new java.util.HashMap<>();
        container.path("env").forEach(variable -> env.put(variable.path("name").asText(), variable));
        for (String fromConfigMap : List.of("RABBITMQ_ADDRESSES", "DB_URL")) {
            assertEquals("obsaga-endpoints", env.get(fromConfigMap).path("valueFrom").path("configMapKeyRef")
                    .path("name").asText(), fromConfigMap);
        }
        // Least privilege: each service its own broker user and database role, never the operators' admin users.
        assertEquals("obsaga-rabbitmq-" + service.module(), secretOf(env, "RABBITMQ_USER"));
        assertEquals("obsaga-rabbitmq-" + service.module(), secretOf(env, "RABBITMQ_PASSWORD"));
        assertEquals("obsaga-postgres-" + service.module(), secretOf(env, "DB_USER"));
        assertEquals("obsaga-postgres-" + service.module(), secretOf(env, "DB_PASSWORD"));
        assertFalse(env.containsKey("RABBITMQ_HOST"), "one node only: RABBITMQ_ADDRESSES lists them all");
    }

    private static String secretOf(Map<String, JsonNode> env, String name) {
        assertTrue(env.containsKey(name), name + " missing");
        return env.get(name).path("valueFrom").path("secretKeyRef").path("name").asText();
    }

    @ParameterizedTest
    @EnumSource(SagaService.class)
    void aDisruptionBudgetAndAnAutoscalerKeepAtLeastOneOfTwo(SagaService service) throws IOException {
        JsonNode deployment = one("Deployment", service.module());
        JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
        JsonNode pdb = one("PodDisruptionBudget", service.module());
        assertEquals(1, pdb.path("spec").path("minAvailable").asInt());
        pdb.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(label ->
                assertEquals(label.getValue().asText(), podLabels.path(label.getKey()).asText(),
                        "the PDB of " + service + " selects its pods: " + label.getKey()));
        JsonNode hpa = one("HorizontalPodAutoscaler", service.module());
        assertEquals("Deployment", hpa.path("spec").path("scaleTargetRef").path("kind").asText());
        assertEquals(service.module(), hpa.path("spec").path("scaleTargetRef").path("name").asText());
        assertEquals(2, hpa.path("spec").path("minReplicas").asInt(), "never below the two replicas");
        assertTrue(hpa.path("spec").path("maxReplicas").asInt() > 2);
    }

    @Test
    void aThreeNodeRabbitmqClusterAndAPostgresWithAReplicaWiredThroughTheConfigMap() throws IOException {
        JsonNode rabbit = one("RabbitmqCluster", "obsaga-rabbitmq");
        assertEquals(3, rabbit.path("spec").path("replicas").asInt());
        JsonNode postgres = one("Cluster", "obsaga-postgres");
        assertEquals("postgresql.cnpg.io/v1", postgres.path("apiVersion").asText());
        assertEquals(2, postgres.path("spec").path("instances").asInt(), "a primary and one replica");
        JsonNode endpoints = one("ConfigMap", "obsaga-endpoints").path("data");
        String[] addresses = endpoints.path("RABBITMQ_ADDRESSES").asText().split(",");
        assertEquals(3, addresses.length, "every node of the RabbitmqCluster");
        for (int i = 0; i < 3; i++) {
            assertEquals("obsaga-rabbitmq-server-" + i + ".obsaga-rabbitmq-nodes:5672", addresses[i]);
        }
        assertEquals("postgresql://obsaga-postgres-rw:5432/obsaga", endpoints.path("DB_URL").asText(),
                "the read-write service, which follows the primary");
    }

    @Test
    void alertsAndDashboardsForThePrometheusOperatorAndGrafana() throws IOException {
        List<JsonNode> documents = applied();
        assertEquals(1, documents.stream().filter(d -> d.path("kind").asText().equals("PrometheusRule")).count());
        assertTrue(documents.stream().filter(d -> d.path("kind").asText().equals("ConfigMap"))
                .filter(d -> d.path("metadata").path("labels").path("grafana_dashboard").asText().equals("1"))
                .count() >= 5, "the dashboards as ConfigMaps for the Grafana sidecar");
    }

    /** No Secret with data, no literal credential in an env var or a ConfigMap, in any file under deploy/kubernetes. */
    @Test
    void noSecretValues() throws IOException {
        Pattern credential = Pattern.compile("(?i).*(password|secret|token|user).*");
        List<Path> files;
        try (var walk = Files.walk(DIR)) {
            files = walk.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).toList();
        }
        for (Path file : files) {
            try (var parser = YAML.getFactory().createParser(file.toFile())) {
                for (JsonNode document : YAML.readValues(parser, JsonNode.class).readAll()) {
                    if (document == null) {
                        continue;
                    }
                    String kind = document.path("kind").asText();
                    if (kind.equals("Secret")) {
                        for (String field : List.of("data", "stringData")) {
                            document.path(field).fields().forEachRemaining(entry -> assertTrue(
                                    entry.getValue().asText().isEmpty(), file + ": a Secret with a value"));
                        }
                    }
                    if (kind.equals("ConfigMap") && !document.path("metadata").path("labels").has("grafana_dashboard")) {
                        document.path("data").fieldNames().forEachRemaining(key -> assertFalse(
                                credential.matcher(key).matches(), file + ": credential in a ConfigMap: " + key));
                    }
                    document.findValues("env").forEach(env -> env.forEach(variable -> {
                        if (credential.matcher(variable.path("name").asText()).matches()) {
                            assertFalse(variable.has("value"), file + ": literal " + variable.path("name").asText());
                        }
                    }));
                }
            }
        }
        assertTrue(files.size() >= 10, "the manifests were found: " + files);
    }
}
