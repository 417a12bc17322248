package dev.obsaga.testsupport;

import java.util.Objects;

/**
 * The four services with the ports the tests run them on: the defaults + 100 (or + {@code TEST_PORT_OFFSET}),
 * so a local run on the default ports is undisturbed.
 */
public enum SagaService {
    CUSTOMERS("customers", 8081, 9081),
    ORDERS("orders", 8082, 9082),
    PAYMENTS("payments", 8083, 9083),
    NOTIFICATIONS("notifications", 8084, 9084);

    /** The tests' offset from the services' default ports: the module's own (the build sets it), or TEST_PORT_OFFSET. */
    public static final int TEST_PORT_OFFSET = Integer.parseInt(Objects.requireNonNullElse(
            System.getenv("TEST_PORT_OFFSET"), System.getProperty("obsaga.test.port-offset", "100")));

    private final String module;
    private final int defaultHttpPort;
    private final int defaultManagementPort;

    SagaService(String module, int defaultHttpPort, int defaultManagementPort) {
        this.module = module;
        this.defaultHttpPort = defaultHttpPort;
        this.defaultManagementPort = defaultManagementPort;
    }

    /** The HTTP (and gRPC) port with another offset from the defaults, e.g. the benchmark's. */
    public int httpPort(int offset) {
        return defaultHttpPort + offset;
    }

    public int managementPort(int offset) {
        return defaultManagementPort + offset;
    }

    public String module() {
        return module;
    }

    public int httpPort() {
        return httpPort(TEST_PORT_OFFSET);
    }

    public int managementPort() {
        return managementPort(TEST_PORT_OFFSET);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort();
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort();
    }
}
