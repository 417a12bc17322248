package dev.obsaga.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.obsaga.testsupport.SagaProcesses;
import dev.obsaga.testsupport.SagaService;

/** The committed manifests carry the three probes on the management port and match what the build generates. */
class KubernetesManifestsTests {

    static final Path ROOT = SagaProcesses.findRepositoryRoot();

    @ParameterizedTest
    @EnumSource(SagaService.class)
    void threeProbesOnTheManagementPort(SagaService service) throws IOException {
        String manifest = Files.readString(ROOT.resolve("deploy/kubernetes/" + service.module() + ".yml"));
        assertTrue(manifest.startsWith("# GENERATED"), "generated banner");
        int managementPort = service.managementPort() - (service.httpPort() - defaultHttpPort(service));
        for (String probe : new String[] { "livenessProbe", "readinessProbe", "startupProbe" }) {
            int at = manifest.indexOf(probe + ":");
            assertTrue(at >= 0, service + " has no " + probe);
            String block = manifest.substring(at, Math.min(manifest.length(), at + 400));
            assertTrue(block.contains("port: " + managementPort), service + " " + probe + " not on " + managementPort);
        }
        assertTrue(manifest.contains("path: /q/health/live") && manifest.contains("path: /q/health/ready")
                && manifest.contains("path: /q/health/started"));
        assertTrue(manifest.contains("limits:") && manifest.contains("requests:"), "resources");
        assertTrue(manifest.contains("name: DB_URL") && manifest.contains("name: RABBITMQ_ADDRESSES"), "addresses from env");
    }

    @ParameterizedTest
    @EnumSource(SagaService.class)
    void theCommittedManifestIsWhatTheBuildGenerates(SagaService service) throws IOException {
        Path generated = ROOT.resolve(service.module() + "/target/kubernetes/kubernetes.yml");
        assertTrue(Files.exists(generated), "build the services first: " + generated);
        String committed = Files.readString(ROOT.resolve("deploy/kubernetes/" + service.module() + ".yml"));
        String body = committed.substring(committed.indexOf('\n', committed.indexOf("regenerate instead")) + 1);
        // The generator orders some labels and env vars differently from run to run and stamps the commit and
        // the clone's remote:
        // compare the lines that matter, as multisets.
        assertEquals(meaningfulLines(Files.readString(generated)), meaningfulLines(body),
                "deploy/kubernetes/" + service.module() + ".yml is stale: run deploy/kubernetes/generate.sh");
    }

    private static java.util.List<String> meaningfulLines(String yaml) {
        return yaml.lines().filter(l -> !l.contains("app.quarkus.io/commit-id") && !l.contains("build-timestamp")
                && !l.contains("app.quarkus.io/vcs-uri"))
                .sorted().toList();
    }

    private static int defaultHttpPort(SagaService service) {
        return 8081 + service.ordinal();
    }
}
