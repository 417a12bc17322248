package dev.obsaga.faulttests;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.obsaga.testsupport.SagaProcesses;
import dev.obsaga.testsupport.SagaService;
import dev.obsaga.testsupport.TestInfrastructure;
import io.vertx.core.Vertx;

/**
 * The four packaged services on the test database and vhost, each reaching RabbitMQ and PostgreSQL only through
 * a {@link TcpProxy} of the test's own, so the test can take either away from them.
 */
final class SagaUnderFire implements AutoCloseable {

    final Vertx vertx = Vertx.vertx();
    final TcpProxy broker;
    final TcpProxy database;
    final SagaProcesses services;
    final TestDatabase db;

    SagaUnderFire(Path logDirectory) {
        TestInfrastructure.resetTestDatabase();
        TestInfrastructure.purgeQueues();
        broker = new TcpProxy(vertx, "rabbitmq", TestInfrastructure.RABBITMQ_HOST, TestInfrastructure.RABBITMQ_PORT)
                .start();
        database = new TcpProxy(vertx, "postgresql", TestInfrastructure.DB_HOST, TestInfrastructure.DB_PORT).start();
        db = new TestDatabase(vertx);
        Map<String, String> env = new HashMap<>();
        env.put("RABBITMQ_HOST", "127.0.0.1");
        env.put("RABBITMQ_PORT", String.valueOf(broker.port()));
        env.put("DB_URL", "postgresql://127.0.0.1:" + database.port() + "/" + TestInfrastructure.TEST_DATABASE);
        // No trace export: spans would go to whatever collector another test runs on the default port.
        env.put("OTEL_SDK_DISABLED", "true");
        // Copies: the suite runs for minutes, and the services may be rebuilt in this tree meanwhile.
        services = new SagaProcesses(logDirectory, env).runningCopiesIn(Path.of("target", "apps"));
    }

    SagaUnderFire startAll() {
        services.startAll();
        return this;
    }

    /** Undoes whatever a scenario left broken (it may have failed half-way): the next one starts from a whole system. */
    void repair() {
        broker.restore();
        database.restore();
        for (SagaService service : SagaService.values()) {
            if (!services.isRunning(service)) {
                services.start(service);
            }
        }
    }

    boolean allReady() {
        for (SagaService service : SagaService.values()) {
            if (!Probes.ready(service)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        services.close();
        db.close();
        broker.close();
        database.close();
        vertx.close();
    }
}
