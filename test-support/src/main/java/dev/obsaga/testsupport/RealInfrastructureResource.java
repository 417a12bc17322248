package dev.obsaga.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * For {@code @QuarkusTest}s: points the service at the test database on the machine's PostgreSQL and empties
 * the saga queues on the machine's RabbitMQ before the application starts; configures it with the tests' token
 * issuer ({@link TestCredentials}).
 */
public class RealInfrastructureResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestInfrastructure.ensureTestDatabase();
        TestInfrastructure.purgeQueues();
        // Calls made with RestAssured carry an operator token unless a test gives its own Authorization header.
        OperatorTokenFilter.install();
        return Map.of("quarkus.datasource.reactive.url", TestInfrastructure.testDatabaseUrl(),
                "rabbitmq-virtual-host", TestInfrastructure.RABBITMQ_VHOST,
                "mp.jwt.verify.publickey", TestCredentials.publicKeyPem());
    }

    @Override
    public void stop() {
        // The database and broker belong to the machine; nothing to stop.
    }
}
