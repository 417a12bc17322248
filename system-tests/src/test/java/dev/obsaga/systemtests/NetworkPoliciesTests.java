package dev.obsaga.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.obsaga.contracts.access.KubernetesBrokerUsers;

/**
 * deploy/kubernetes/network-policies.yaml, evaluated as Kubernetes would (ingress: a connection is allowed when
 * some policy selecting the pod allows it): only orders and notifications reach customers' port (gRPC), the
 * gateway namespace reaches the HTTP ports, only the Prometheus namespace reaches the management ports.
 */
class NetworkPoliciesTests {

    static final List<JsonNode> POLICIES = new ArrayList<>();
    static final List<String> SERVICES = List.of("customers", "orders", "payments", "notifications");

    /** A client of a connection: a pod of this namespace with an app name, or a pod of another namespace. */
    record Peer(String app, Map<String, String> namespaceLabels) {
        static Peer pod(String app) {
            return new Peer(app, null);
        }

        static Peer namespace(String label) {
            return new Peer("anything", Map.of(label, "true"));
        }
    }

    @BeforeAll
    static void read() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        var parser = yaml.getFactory().createParser(
                Files.readString(KubernetesManifestsTests.ROOT.resolve("deploy/kubernetes/network-policies.yaml")));
        for (JsonNode node : yaml.readValues(parser, JsonNode.class).readAll()) {
            if (node != null && !node.isEmpty()) {
                assertEquals("NetworkPolicy", node.path("kind").asText());
                POLICIES.add(node);
            }
        }
    }

    @Test
    void everyPodIsDenyByDefault() {
        assertTrue(POLICIES.stream().anyMatch(p -> p.path("spec").path("podSelector").isEmpty()
                && p.path("spec").path("ingress").isMissingNode()
                && p.path("spec").path("policyTypes").toString().contains("Ingress")), "default deny ingress");
        for (String service : SERVICES) {
            assertFalse(allowed(Peer.pod("load-gen"), service, "http"), "an unknown pod reaches " + service);
            assertFalse(allowed(Peer.namespace("other"), service, "http"), "another namespace reaches " + service);
        }
    }

    @Test
    void onlyOrdersAndNotificationsReachCustomersGrpcPort() {
        assertTrue(allowed(Peer.pod("orders"), "customers", "http"));
        assertTrue(allowed(Peer.pod("notifications"), "customers", "http"));
        assertFalse(allowed(Peer.pod("payments"), "customers", "http"));
        assertFalse(allowed(Peer.pod("customers"), "orders", "http"), "pods reach each other only for gRPC");
        assertFalse(allowed(Peer.pod("orders"), "payments", "http"));
    }

    @Test
    void theGatewayReachesTheApisAndOnlyPrometheusTheManagementPorts() {
        for (String service : SERVICES) {
            assertTrue(allowed(Peer.namespace("obsaga.dev/api-gateway"), service, "http"), service);
            assertFalse(allowed(Peer.namespace("obsaga.dev/api-gateway"), service, "management"), service);
            assertTrue(allowed(Peer.namespace("obsaga.dev/monitoring"), service, "management"), service);
            assertFalse(allowed(Peer.namespace("obsaga.dev/monitoring"), service, "http"), service);
            for (String pod : SERVICES) {
                assertFalse(allowed(Peer.pod(pod), service, "management"), pod + " reaches " + service + " management");
            }
        }
    }

    @Test
    void theCommittedBrokerUsersAreWhatTheTopologyGives() throws IOException {
        String committed = Files.readString(KubernetesManifestsTests.ROOT.resolve("deploy/kubernetes/rabbitmq-users.yaml"));
        assertEquals(KubernetesBrokerUsers.yaml("obsaga", "obsaga-rabbitmq"), committed.strip(),
                "deploy/kubernetes/rabbitmq-users.yaml is stale: regenerate it (README: Security)");
    }

    /** Whether some policy selecting the target pod lets {@code from} in on the named port. */
    static boolean allowed(Peer from, String targetApp, String port) {
        Map<String, String> target = Map.of("app.kubernetes.io/name", targetApp, "app.kubernetes.io/part-of", "obsaga");
        for (JsonNode policy : POLICIES) {
            JsonNode spec = policy.path("spec");
            if (!selects(spec.path("podSelector"), target)) {
                continue;
            }
            for (JsonNode rule : spec.path("ingress")) {
                boolean portMatches = rule.path("ports").isMissingNode() || rule.path("ports").findValuesAsText("port")
                        .contains(port);
                boolean peerMatches = false;
                for (JsonNode peer : rule.path("from")) {
                    if (from.namespaceLabels() == null && peer.has("podSelector") && !peer.has("namespaceSelector")) {
                        peerMatches |= selects(peer.path("podSelector"), Map.of("app.kubernetes.io/name", from.app()));
                    }
                    if (from.namespaceLabels() != null && peer.has("namespaceSelector")) {
                        peerMatches |= selects(peer.path("namespaceSelector"), from.namespaceLabels());
                    }
                }
                if (portMatches && peerMatches) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean selects(JsonNode selector, Map<String, String> labels) {
        for (var label : iterable(selector.path("matchLabels").fields())) {
            if (!label.getValue().asText().equals(labels.get(label.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.get(expression.path("key").asText());
            Set<String> values = new java.util.HashSet<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean in = value != null && values.contains(value);
            if (expression.path("operator").asText().equals("In") != in) {
                return false;
            }
        }
        return true;
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
