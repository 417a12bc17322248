package dev.obsaga.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs the packaged services ({@code <module>/target/quarkus-app/quarkus-run.jar}) as separate JVM processes
 * against the test database and the machine's broker, each with its output in
 * {@code target/service-logs/<service>.log}. Start-up waits for readiness; a service that does not get ready
 * fails the test with the tail of its log.
 */
public final class SagaProcesses implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = ServiceHttp.client(Duration.ofSeconds(2));

    private final Path repositoryRoot;
    private final Path logDirectory;
    private final Map<String, String> environment;
    private final Map<SagaService, Process> processes = new EnumMap<>(SagaService.class);
    private final Map<SagaService, Map<String, String>> serviceEnvironment = new EnumMap<>(SagaService.class);
    private Path applications;
    private int portOffset = SagaService.TEST_PORT_OFFSET;
    private String javaExecutable = javaExecutable();
    private Function<SagaService, List<String>> jvmOptions;
    private Duration readyPollInterval = Duration.ofMillis(200);

    public SagaProcesses(Path logDirectory, Map<String, String> environment) {
        this.repositoryRoot = findRepositoryRoot();
        this.logDirectory = logDirectory;
        this.environment = new HashMap<>(environment);
        List<String> fileOptions = jvmOptions(repositoryRoot);
        this.jvmOptions = service -> fileOptions;
        // A test JVM that is killed (e.g. by a fork timeout) must not leave services behind holding the ports.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> processes.values().forEach(Process::destroyForcibly),
                "saga-processes-cleanup"));
    }

    /**
     * Runs copies of the packaged services, taken now into {@code directory}, instead of the files in each module's
     * target: a long test is then immune to a rebuild of the services in the same tree while it runs (a JVM whose
     * jars are replaced under it can hang loading a class).
     */
    public SagaProcesses runningCopiesIn(Path directory) {
        try {
            for (SagaService service : SagaService.values()) {
                Path source = packaged(repositoryRoot.resolve(service.module()));
                Path copy = directory.resolve(service.module());
                deleteRecursively(copy);
                try (var files = Files.walk(source)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Path target = copy.resolve(source.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(file, target);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not copy the packaged services to " + directory, e);
        }
        applications = directory;
        return this;
    }

    /** Runs the copies an earlier {@link #runningCopiesIn} made in {@code directory}, without copying again. */
    public SagaProcesses runningFrom(Path directory) {
        applications = directory;
        return this;
    }

    /** Ports offset from the services' defaults (8081..., 9081...) by {@code offset} instead of the tests'. */
    public SagaProcesses withPortOffset(int offset) {
        portOffset = offset;
        return this;
    }

    /** Another JVM (path of its {@code java}) and other options per service than deploy/jvm.options. */
    public SagaProcesses withJvm(String java, Function<SagaService, List<String>> options) {
        javaExecutable = java;
        jvmOptions = options;
        return this;
    }

    /** How often start-up polls readiness: finer when the time to ready is what is measured. */
    public SagaProcesses withReadyPollInterval(Duration interval) {
        readyPollInterval = interval;
        return this;
    }

    public String baseUrl(SagaService service) {
        return "http://127.0.0.1:" + service.httpPort(portOffset);
    }

    public String managementUrl(SagaService service) {
        return "http://127.0.0.1:" + service.managementPort(portOffset);
    }

    /** The operating system's id of a running service (its CPU and memory are read from /proc). */
    public long pid(SagaService service) {
        Process process = processes.get(service);
        if (process == null) {
            throw new IllegalStateException(service.module() + " is not running");
        }
        return process.pid();
    }

    private static Path packaged(Path module) {
        Path app = module.resolve("target/quarkus-app");
        if (!Files.exists(app.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(app + " is missing: package the services before the system tests");
        }
        return app;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** Extra environment for one service only (e.g. a fault switched on from the start). */
    public SagaProcesses withEnvironment(SagaService service, Map<String, String> env) {
        serviceEnvironment.put(service, Map.copyOf(env));
        return this;
    }

    public SagaProcesses startAll() {
        return startTogether();
    }

    /** Launches the four at once, then waits for each to be ready (as a person starting them by hand would). */
    public SagaProcesses startTogether() {
        TestInfrastructure.ensureTestVhost();
        ServiceIdentities.ensure();
        // RestAssured calls of the same JVM act as an operator unless they send their own Authorization header.
        OperatorTokenFilter.install();
        for (SagaService service : SagaService.values()) {
            launch(service);
        }
        for (SagaService service : SagaService.values()) {
            awaitReady(service);
        }
        return this;
    }

    public void start(SagaService service) {
        ServiceIdentities.ensure();
        launch(service);
        awaitReady(service);
    }

    /** SIGTERM and wait for the process to exit. */
    public void stop(SagaService service) {
        Process process = processes.remove(service);
        if (process != null) {
            process.destroy();
            waitFor(process);
        }
    }

    /**
     * SIGTERM without waiting: the caller can watch the service while it shuts down (readiness, in-flight work).
     * The future completes when the process has exited.
     */
    public CompletableFuture<Process> terminate(SagaService service) {
        Process process = processes.remove(service);
        if (process == null) {
            return CompletableFuture.completedFuture(null);
        }
        process.destroy();
        return process.onExit();
    }

    /** SIGKILL: no shutdown hook, no graceful anything. */
    public void kill(SagaService service) {
        Process process = processes.remove(service);
        if (process != null) {
            process.destroyForcibly();
            waitFor(process);
        }
    }

    public boolean isRunning(SagaService service) {
        Process process = processes.get(service);
        return process != null && process.isAlive();
    }

    public Path logFile(SagaService service) {
        return logDirectory.resolve(service.module() + ".log");
    }

    public List<String> logLines(SagaService service) {
        try {
            return Files.exists(logFile(service)) ? Files.readAllLines(logFile(service), StandardCharsets.UTF_8)
                    : List.of();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (SagaService service : new ArrayList<>(processes.keySet())) {
            stop(service);
        }
    }

    private void launch(SagaService service) {
        Path jar = (applications != null ? applications.resolve(service.module())
                : packaged(repositoryRoot.resolve(service.module()))).resolve("quarkus-run.jar");
        try {
            Files.createDirectories(logDirectory);
            List<String> command = new ArrayList<>();
            command.add(javaExecutable);
            command.addAll(jvmOptions.apply(service));
            command.add("-jar");
            command.add(jar.toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(service).toFile()));
            Map<String, String> env = builder.environment();
            env.put("DB_URL", TestInfrastructure.testDatabaseUrl());
            env.put("HTTP_PORT", String.valueOf(service.httpPort(portOffset)));
            env.put("MANAGEMENT_PORT", String.valueOf(service.managementPort(portOffset)));
            env.put("CUSTOMERS_GRPC_PORT", String.valueOf(SagaService.CUSTOMERS.httpPort(portOffset)));
            env.put("RABBITMQ_HOST", TestInfrastructure.RABBITMQ_HOST);
            env.put("RABBITMQ_PORT", String.valueOf(TestInfrastructure.RABBITMQ_PORT));
            env.put("RABBITMQ_VHOST", TestInfrastructure.RABBITMQ_VHOST);
            env.put("OBSAGA_FAULTS_ENABLED", "true");
            env.putAll(TestCredentials.serviceEnvironment(service));
            env.putAll(environment);
            env.putAll(serviceEnvironment.getOrDefault(service, Map.of()));
            processes.put(service, builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("Could not start " + service.module(), e);
        }
    }

    /** The options every launcher of the services uses: deploy/jvm.options (it says why). */
    public static List<String> jvmOptions(Path repositoryRoot) {
        Path file = repositoryRoot.resolve("deploy/jvm.options");
        try {
            List<String> options = Files.readAllLines(file).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .flatMap(line -> Arrays.stream(line.split("\\s+")))
                    .toList();
            if (options.isEmpty()) {
                throw new IllegalStateException(file + " holds no JVM option");
            }
            return options;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the services' JVM options from " + file, e);
        }
    }

    public void awaitReady(SagaService service) {
        try {
            await("readiness of " + service.module()).atMost(READY_TIMEOUT).pollInterval(readyPollInterval)
                    .until(() -> {
                        Process process = processes.get(service);
                        if (process == null || !process.isAlive()) {
                            throw new IllegalStateException(service.module() + " exited during start-up");
                        }
                        return status(managementUrl(service) + "/q/health/ready") == 200;
                    });
        } catch (RuntimeException e) {
            List<String> log = logLines(service);
            throw new AssertionError(service.module() + " did not get ready; last log lines:\n"
                    + String.join("\n", log.subList(Math.max(0, log.size() - 30), log.size())), e);
        }
    }

    public static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void waitFor(Process process) {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The directory holding the parent pom, found from the working directory of the running module. */
    public static Path findRepositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("contracts"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("Run the tests from inside the repository");
    }
}
