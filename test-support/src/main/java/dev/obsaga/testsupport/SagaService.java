package dev.obsaga.testsupport;

/**
 * The four services with the ports the tests run them on: the defaults + 100 (or + {@code TEST_PORT_OFFSET}),
 * so a local run on the default ports is undisturbed.
 */
public enum SagaService {
    CUSTOMERS("customers", 8181, 9181),
    ORDERS("orders", 8182, 9182),
    PAYMENTS("payments", 8183, 9183),
    NOTIFICATIONS("notifications", 8184, 9184);

    private final String module;
    private final int httpPort;
    private final int managementPort;

    SagaService(String module, int httpPort, int managementPort) {
        this.module = module;
        this.httpPort = httpPort + extraOffset();
        this.managementPort = managementPort + extraOffset();
    }

    private static int extraOffset() {
        return Integer.parseInt(java.util.Objects.requireNonNullElse(System.getenv("TEST_PORT_OFFSET"), "100")) - 100;
    }

    public String module() {
        return module;
    }

    public int httpPort() {
        return httpPort;
    }

    public int managementPort() {
        return managementPort;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }
}
