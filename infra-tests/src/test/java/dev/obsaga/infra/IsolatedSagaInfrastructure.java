package dev.obsaga.infra;

import java.util.Map;

import dev.obsaga.testsupport.TestInfrastructure;

/**
 * A database and a RabbitMQ virtual host of these tests' own, fresh for every run: the services started here never
 * share state with the other modules' tests (each module has its own database and vhost, see TestInfrastructure),
 * and the broker metrics Prometheus keeps are only those of this vhost. Same machine services and overrides
 * (TEST_DB_HOST, TEST_RABBITMQ_HOST, ...) as {@link TestInfrastructure}; fails loudly when they are missing.
 */
final class IsolatedSagaInfrastructure {

    /** INFRA_TEST_DB_NAME / INFRA_TEST_RABBITMQ_VHOST: for two runs side by side on one machine. */
    static final String DATABASE = env("INFRA_TEST_DB_NAME", "obsaga_infra_test");
    static final String VHOST = env("INFRA_TEST_RABBITMQ_VHOST", "obsaga-infra-test");

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private IsolatedSagaInfrastructure() {
    }

    /** Environment for SagaProcesses: our database and vhost instead of the shared test ones. */
    static Map<String, String> serviceEnvironment() {
        // The administrator accounts: these tests check the telemetry pipeline, not privileges (the per-service
        // users and roles of TestCredentials are made for the shared test vhost and database).
        return Map.of("DB_URL", "postgresql://" + TestInfrastructure.DB_HOST + ":" + TestInfrastructure.DB_PORT + "/"
                + DATABASE, "RABBITMQ_VHOST", VHOST, "RABBITMQ_USER", "guest", "RABBITMQ_PASSWORD", "guest",
                "DB_USER", TestInfrastructure.DB_USER, "DB_PASSWORD", "");
    }

    /** An empty vhost (deleted and created again) and a database without the services' schemas. */
    static void reset() {
        TestInfrastructure.recreateVhost(VHOST);
        TestInfrastructure.resetDatabase(DATABASE);
    }
}
