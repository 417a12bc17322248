package dev.obsaga.faulttests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.obsaga.testsupport.PrivatePostgres;
import dev.obsaga.testsupport.SagaProcesses;
import dev.obsaga.testsupport.SagaService;
import dev.obsaga.testsupport.TestInfrastructure;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;

/**
 * A real PostgreSQL going away, not only its connections: the four services on a PostgreSQL server of the test's
 * own ({@link PrivatePostgres}), which is stopped with {@code pg_ctl -m fast} (clients told, checkpoint) and then
 * with {@code -m immediate} (a crash: no checkpoint, WAL recovery at the next start) during the load, and finally
 * restarted in one {@code pg_ctl restart -m fast}. While it is down every service is not ready and the API answers
 * 503 with Retry-After, never 500; afterwards nothing is lost or applied twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresRestartIT {

    static final Duration DOWN_FOR = Duration.ofSeconds(8);
    static final Duration RECOVERY = Duration.ofSeconds(90);
    static final List<SagaService> ALL = List.of(SagaService.values());

    static PrivatePostgres postgres;
    static Vertx vertx;
    static TestDatabase db;
    static SagaProcesses services;
    static SagaLedger ledger;
    static ScenarioResults results;

    @BeforeAll
    static void startOwnPostgresAndTheServices() throws IOException {
        results = new ScenarioResults(Path.of("target", "postgres-results.txt"));
        postgres = new PrivatePostgres(Path.of("target", "private-postgres"), PrivatePostgres.PORT).start();
        TestInfrastructure.purgeQueues();
        vertx = Vertx.vertx();
        db = new TestDatabase(vertx, new PgConnectOptions().setHost("127.0.0.1").setPort(postgres.port())
                .setUser("postgres").setDatabase("postgres"));
        ledger = new SagaLedger(db);
        Map<String, String> env = new HashMap<>();
        env.put("DB_URL", postgres.url());
        // The server is the test's own and fresh (initdb): its only role is the administrator. The per-service roles
        // and their limits are proven on the machine's PostgreSQL (ServiceIdentitiesIT, every other saga test); the
        // broker here is the machine's, where each service still is its own user.
        env.put("DB_USER", "postgres");
        env.put("DB_PASSWORD", "");
        env.put("OTEL_SDK_DISABLED", "true");
        services = new SagaProcesses(Path.of("target", "service-logs", "postgres"), env)
                .runningCopiesIn(Path.of("target", "apps"));
        services.startAll();
        BackgroundLoad warm = BackgroundLoad.start(BackgroundLoad.options(Duration.ofSeconds(10))
                .ramp(Duration.ofSeconds(10)).build());
        warm.awaitReport(Duration.ofMinutes(2));
        ledger.settle("postgres-warm-up", warm.acceptedOrderIds());
    }

    @AfterAll
    static void stopEverything() {
        if (services != null) {
            services.close();
        }
        if (db != null) {
            db.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (vertx != null) {
            vertx.close();
        }
    }

    @Test
    @Order(1)
    void stoppedFastThenStartedAgain() {
        downAndUp("postgres-stop-fast", "fast");
    }

    @Test
    @Order(2)
    void crashedImmediateThenRecovered() {
        downAndUp("postgres-crash-immediate", "immediate");
    }

    @Test
    @Order(3)
    void restartedInOneStep() {
        Scenario scenario = Scenario.start("postgres-restart-fast", Duration.ofSeconds(20), ledger, results);
        postgres.restart("fast");
        await("readiness back after the restart").atMost(RECOVERY).pollInterval(Duration.ofMillis(250))
                .until(() -> ALL.stream().allMatch(Probes::ready));
        scenario.finish(0);
    }

    private static void downAndUp(String name, String mode) {
        Scenario scenario = Scenario.start(name, Duration.ofSeconds(25), ledger, results);
        String customerId = db.text("SELECT id FROM customers.customers LIMIT 1");
        String orderId = scenario.load.acceptedOrderIds().iterator().next();

        Instant downAt = Instant.now();
        postgres.stop(mode);
        await("every service not ready without its database").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100)).until(() -> ALL.stream().noneMatch(Probes::ready));
        assertUnavailable(PublicApi.getOrder(orderId));
        assertUnavailable(PublicApi.placeOrder(customerId));
        FaultClock.holdUntil(downAt.plus(DOWN_FOR));
        postgres.startAgain();

        await("readiness back once the database is").atMost(RECOVERY).pollInterval(Duration.ofMillis(250))
                .until(() -> ALL.stream().allMatch(Probes::ready));
        scenario.finish(0);
        scenario.assertSawDown(ALL);
    }

    private static void assertUnavailable(PublicApi.Answer answer) {
        assertEquals(503, answer.status(), answer.body());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertNotNull(answer.retryAfter(), "503 without Retry-After");
    }
}
