package dev.obsaga.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.obsaga.loadgen.LoadOptions;
import dev.obsaga.loadgen.LoadRun;
import dev.obsaga.loadgen.Report;
import dev.obsaga.loadgen.ScenarioKind;
import dev.obsaga.loadgen.Service;
import dev.obsaga.testsupport.SagaProcesses;
import dev.obsaga.testsupport.SagaService;
import dev.obsaga.testsupport.TestInfrastructure;

/** load-gen against the four packaged services: its report must agree with the services' own metrics. */
class LoadGenSystemIT {

    static SagaProcesses services;

    @BeforeAll
    static void start() {
        TestInfrastructure.resetTestDatabase();
        TestInfrastructure.purgeQueues();
        services = new SagaProcesses(Path.of("target", "service-logs", "load-gen"), Map.of()).startAll();
        SagaSystemIT.warmUp();
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    static LoadOptions.Builder options(ScenarioKind scenario) {
        LoadOptions.Builder builder = LoadOptions.builder().scenario(scenario).seed(42L)
                // A ramp: cold JITs on two cores, all at 30/s at once, can miss the 800 ms customers deadline.
                .warmup(Duration.ofSeconds(5)).ramp(Duration.ofSeconds(5)).duration(Duration.ofSeconds(12)).rate(30)
                .sagaDeadline(Duration.ofSeconds(60)).customers(10).maxErrorRate(0.0)
                .bearerToken(dev.obsaga.testsupport.TestCredentials.operatorToken());
        for (Service service : Service.values()) {
            SagaService target = SagaService.valueOf(service.name());
            builder.url(service, URI.create(target.baseUrl())).managementUrl(service, URI.create(target.managementUrl()));
        }
        return builder;
    }

    @Test
    void mixedLoadHasNo5xxNoLostOrderAndCountsThatMatchTheServicesMetrics() {
        // Start from a settled system: the warm-up orders must all be final before the counters are read.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                SagaClient.metric(SagaService.ORDERS, "orders_placed_total\\{service=\"orders\"}")
                        == SagaClient.metric(SagaService.ORDERS, "orders_completed_total\\{service=\"orders\",status=\"CONFIRMED\"}")
                        + SagaClient.metric(SagaService.ORDERS, "orders_completed_total\\{service=\"orders\",status=\"REJECTED\"}"));
        double placedBefore = SagaClient.metric(SagaService.ORDERS, "orders_placed_total\\{service=\"orders\"}");
        double confirmedBefore = SagaClient.metric(SagaService.ORDERS, "orders_completed_total\\{service=\"orders\",status=\"CONFIRMED\"}");
        double rejectedBefore = SagaClient.metric(SagaService.ORDERS, "orders_completed_total\\{service=\"orders\",status=\"REJECTED\"}");

        double paymentsBefore = SagaClient.metric(SagaService.PAYMENTS, "payments_total\\{outcome=\"succeeded\",service=\"payments\"}");

        Report report = LoadRun.run(options(ScenarioKind.MIXED).build());

        assertEquals(0, report.placement().serverErrors(), "5xx: " + report.placement().serverErrorsByStatus());
        assertEquals(0, report.sagas().lost(), "lost: " + report.sagas().lostOrders());
        assertEquals(0, report.warmup().lost());
        assertTrue(report.placement().accepted() > 200, "accepted " + report.placement().accepted());
        assertTrue(report.placement().clientErrors() > 0, "mixed sends invalid requests and unknown customers");
        assertEquals(0, report.exitCode(), "failures: " + report.failures());

        long accepted = report.placement().accepted() + report.warmup().accepted();
        long confirmed = report.sagas().confirmed() + report.warmup().confirmed();
        long rejected = report.sagas().rejected() + report.warmup().rejected();
        assertEquals(accepted, SagaClient.metric(SagaService.ORDERS, "orders_placed_total\\{service=\"orders\"}") - placedBefore);
        assertEquals(confirmed, SagaClient.metric(SagaService.ORDERS,
                "orders_completed_total\\{service=\"orders\",status=\"CONFIRMED\"}") - confirmedBefore);
        assertEquals(rejected, SagaClient.metric(SagaService.ORDERS,
                "orders_completed_total\\{service=\"orders\",status=\"REJECTED\"}") - rejectedBefore);
        assertEquals(confirmed, SagaClient.metric(SagaService.PAYMENTS, "payments_total\\{outcome=\"succeeded\",service=\"payments\"}")
                - paymentsBefore);
    }

    @Test
    void theInvalidCatalogueIsAll4xx() {
        Report report = LoadRun.run(options(ScenarioKind.INVALID).rate(20).duration(Duration.ofSeconds(5)).build());
        assertEquals(0, report.placement().serverErrors(), "5xx: " + report.placement().serverErrorsByStatus());
        assertEquals(0, report.placement().transportErrors(), "transport: " + report.placement().transportErrorsByType());
        assertTrue(report.placement().clientErrors() >= 90, "4xx answers: " + report.placement().clientErrors());
        assertEquals(0, report.exitCode(), "failures: " + report.failures());
    }
}
