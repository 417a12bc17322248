package dev.obsaga.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.obsaga.commons.persistence.ChangelogContents;
import dev.obsaga.testsupport.SagaProcesses;
import dev.obsaga.testsupport.SagaService;
import dev.obsaga.testsupport.TestInfrastructure;

/**
 * A packaged service migrates its schema at its first start, and a later start finds every change set applied and
 * runs without Liquibase: not one of its classes is loaded (the memory a restarted service or a second replica
 * does not carry).
 */
class SchemaAtStartIT {

    static final Path LOGS = Path.of("target", "service-logs", "schema-at-start").toAbsolutePath();
    /** Where every Liquibase operation starts: loaded only when Liquibase does something. */
    static final String LIQUIBASE_SCOPE = " liquibase.Scope ";

    @Test
    void theFirstStartMigratesAndARestartNeverLoadsLiquibase() throws IOException {
        TestInfrastructure.resetTestDatabase();
        deleteEarlierRuns();
        AtomicInteger starts = new AtomicInteger();
        Path root = SagaProcesses.findRepositoryRoot();
        try (SagaProcesses services = new SagaProcesses(LOGS, Map.of()).withJvm("java", service -> {
            List<String> options = new ArrayList<>(SagaProcesses.jvmOptions(root));
            options.add("-Xlog:class+load=info:file=" + classesLoaded(starts.incrementAndGet()));
            return options;
        })) {
            services.start(SagaService.PAYMENTS);
            assertEquals(1, messages(services, "Schema payments is up to date"), "the first start migrates");
            String first = Files.readString(classesLoaded(1));
            assertTrue(first.contains(LIQUIBASE_SCOPE), "Liquibase ran at the first start");

            services.stop(SagaService.PAYMENTS);
            services.start(SagaService.PAYMENTS);
            assertEquals(1, messages(services, "Schema payments is up to date: its " + changeSets()
                    + " change sets are applied"), "the restart found every change set");
            String second = Files.readString(classesLoaded(2));
            assertTrue(second.contains(" dev.obsaga.commons.persistence.SchemaAtStart "), "class log of the restart");
            assertTrue(!second.contains(LIQUIBASE_SCOPE), "the restart ran Liquibase");
            // a few of its types are resolved when the beans are wired; its hundreds of classes are not loaded
            long liquibaseClasses = liquibaseClasses(second);
            assertTrue(liquibaseClasses * 20 < liquibaseClasses(first),
                    "Liquibase classes loaded: " + liquibaseClasses(first) + " then " + liquibaseClasses);
            assertEquals(200, SagaProcesses.status(services.managementUrl(SagaService.PAYMENTS) + "/q/health/ready"));
        }
    }

    /** The change sets of payments' changelog as the service reads them (SchemaChangelogsTests: as Liquibase does). */
    private static long changeSets() throws IOException {
        URL[] resources = {resources("payments"), resources("commons")};
        try (URLClassLoader loader = new URLClassLoader(resources, null)) {
            return ChangelogContents.of(loader, "db/changelog.xml").size();
        }
    }

    private static URL resources(String module) throws IOException {
        return Path.of("..", module, "src", "main", "resources").toAbsolutePath().toUri().toURL();
    }

    /** The service's log and class logs of an earlier run would be counted with this run's. */
    private static void deleteEarlierRuns() throws IOException {
        Files.createDirectories(LOGS);
        try (Stream<Path> files = Files.list(LOGS)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    private static Path classesLoaded(int start) {
        return LOGS.resolve("payments-classes-" + start + ".txt");
    }

    private static long liquibaseClasses(String classLog) {
        return classLog.lines().filter(line -> line.contains(" liquibase.")).count();
    }

    private static long messages(SagaProcesses services, String message) {
        return services.logLines(SagaService.PAYMENTS).stream()
                .filter(line -> line.contains("\"message\":\"" + message + "\"")).count();
    }
}
