package dev.obsaga.loadgen;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * Switches one fault on for a phase of the run and makes sure it is switched off again: at the end of the phase,
 * at the end of the run (also a failed one), and on JVM shutdown (Ctrl-C, SIGTERM) through a shutdown hook that
 * issues the {@code DELETE}. The hook is registered before the {@code PUT} is sent.
 */
public final class FaultPhase implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final FaultScenario scenario;
    private final URI managementUrl;
    private final PrintStream log;
    private final HttpClient client;
    private final Thread shutdownHook;
    private volatile long appliedNanos;
    private volatile long resetNanos;
    private volatile boolean applied;
    private volatile boolean applying;
    private volatile boolean hookRegistered;
    private volatile String appliedAt;
    private volatile String resetAt;
    private volatile String error;

    public FaultPhase(FaultScenario scenario, URI managementUrl, PrintStream log) {
        this.scenario = scenario;
        this.managementUrl = managementUrl;
        this.log = log;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        this.shutdownHook = new Thread(this::resetFromHook, "load-gen-fault-reset");
    }

    public FaultScenario scenario() {
        return scenario;
    }

    /** {@code GET /faults}: fails fast when the management API is not there or faults are not enabled. */
    public void preflight() throws SetupException {
        try {
            HttpResponse<String> response = client.send(request("/faults").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new SetupException("fault API " + uri("/faults") + " answered " + response.statusCode()
                        + " (are faults enabled on " + scenario.service().name().toLowerCase() + "?)");
            }
        } catch (SetupException e) {
            throw e;
        } catch (Exception e) {
            throw new SetupException("fault API " + uri("/faults") + " unreachable: " + e);
        }
    }

    /** {@code PUT /faults/{kind}}. */
    public synchronized void apply() throws SetupException {
        if (!hookRegistered) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            hookRegistered = true;
        }
        applied = true;
        applying = true;
        appliedNanos = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request("/faults/" + scenario.kind())
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(scenario.body())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new SetupException("PUT " + uri("/faults/" + scenario.kind()) + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            appliedAt = Instant.now().toString();
            log.printf("fault %s on: PUT %s %s%n", scenario.cliName(), uri("/faults/" + scenario.kind()),
                    scenario.body());
        } catch (SetupException e) {
            error = e.getMessage();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "PUT interrupted";
            throw new SetupException(error);
        } catch (Exception e) {
            error = "PUT " + uri("/faults/" + scenario.kind()) + " failed: " + e;
            throw new SetupException(error);
        } finally {
            applying = false;
        }
    }

    /** {@code DELETE /faults/{kind}} if the fault was (possibly) switched on; idempotent. */
    public synchronized void reset() {
        if (applied) {
            sendDelete();
            applied = false;
            resetNanos = System.nanoTime();
            resetAt = Instant.now().toString();
        }
        if (hookRegistered) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it will find applied == false
            }
            hookRegistered = false;
        }
    }

    private void resetFromHook() {
        // no synchronized: the main thread may be blocked inside apply() while the JVM shuts down
        if (applied) {
            log.printf("%nshutting down: resetting fault %s%n", scenario.cliName());
            sendDelete();
            if (applying) {
                // the PUT may reach the service after our DELETE: wait for it, then reset once more
                long end = System.nanoTime() + CALL_TIMEOUT.toNanos();
                while (applying && System.nanoTime() < end) {
                    LockSupport.parkNanos(10_000_000);
                }
                sendDelete();
            }
            applied = false;
        }
    }

    private void sendDelete() {
        try {
            HttpResponse<String> response = client.send(request("/faults/" + scenario.kind()).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
                error = "DELETE " + uri("/faults/" + scenario.kind()) + " answered " + response.statusCode();
            }
            log.printf("fault %s off: DELETE %s -> %d%n", scenario.cliName(), uri("/faults/" + scenario.kind()),
                    response.statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "DELETE interrupted: the fault may still be on";
            log.println("fault reset interrupted: " + scenario.kind() + " may still be on at " + managementUrl);
        } catch (Exception e) {
            error = "DELETE " + uri("/faults/" + scenario.kind()) + " failed: " + e;
            log.println("could not reset fault " + scenario.kind() + ": " + e);
        }
    }

    /** True if a response completed at {@code nanos} may carry an error this fault is known to cause. */
    public boolean explains(int status, long nanos, long graceNanos) {
        if (!scenario.expectedPlacementStatuses().contains(status)) {
            return false;
        }
        long on = appliedNanos;
        if (on == 0 || nanos < on) {
            return false;
        }
        long off = resetNanos;
        return off == 0 || nanos <= off + graceNanos;
    }

    /**
     * Time an order's saga deadline counts from: its acceptance, or, for an order still pending while the fault
     * was on, the moment the fault was reset (now, while it is still on).
     */
    public long deadlineBase(long acceptedNanos) {
        if (appliedNanos == 0) {
            return acceptedNanos;
        }
        long off = resetNanos;
        if (off == 0) {
            return Math.max(acceptedNanos, System.nanoTime());
        }
        return Math.max(acceptedNanos, off);
    }

    public Report.FaultReport report() {
        return new Report.FaultReport(scenario.cliName(), scenario.service().name().toLowerCase(), scenario.kind(),
                scenario.body(), managementUrl.toString(), appliedAt, resetAt, error);
    }

    public String error() {
        return error;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(CALL_TIMEOUT);
    }

    private URI uri(String path) {
        String base = managementUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    @Override
    public void close() {
        reset();
    }
}
