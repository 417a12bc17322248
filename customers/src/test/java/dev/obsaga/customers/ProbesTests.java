package dev.obsaga.customers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.obsaga.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class ProbesTests {

    @ConfigProperty(name = "quarkus.management.test-port")
    int managementPort;

    String management(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    @Test
    void readinessCoversTheDatabaseAndTheBroker() {
        given().get(management("/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"))
                .body("checks.name", hasItem("SmallRye Reactive Messaging - readiness check"));
    }

    @Test
    void livenessDependsOnNothingOutsideTheProcess() {
        given().get(management("/q/health/live")).then().statusCode(200)
                .body("checks.name", not(hasItem("Reactive PostgreSQL connections health check")))
                .body("checks.data.outbox", not(hasItem("[OK]")));
        given().get(management("/q/health/started")).then().statusCode(200);
    }

    @Test
    void metricsAreOnTheManagementPortOnly() {
        given().get(management("/q/metrics")).then().statusCode(200);
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/health").then().statusCode(404);
    }
}
