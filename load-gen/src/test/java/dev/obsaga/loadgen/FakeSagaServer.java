package dev.obsaga.loadgen;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small in-process stand-in for the four services (customers, orders, the fault API of the management ports)
 * on one loopback port, with knobs to make it fail, slow, stall or lose orders.
 */
final class FakeSagaServer implements AutoCloseable {

    static {
        // answer without Nagle's delay (else header and body writes meet the client's delayed ACK: +40 ms)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** One call to the fault API. */
    record FaultCall(String method, String path, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor;

    /** Status of POST /orders (202 creates an order). */
    volatile int orderStatus = 202;
    /** Extra time every POST /orders takes (all requests are answered alike, valid or not). */
    volatile long orderDelayMillis;
    /** Index (0-based) of the POST /orders that stalls, -1 for none. */
    volatile int stallAt = -1;
    volatile long stallMillis;
    /** How long until a created order is CONFIRMED; negative: never (stays PENDING). */
    volatile long sagaMillis = 20;
    /** Status of GET /faults (404: faults not enabled). */
    volatile int faultsListStatus = 200;

    final AtomicInteger ordersReceived = new AtomicInteger();
    final AtomicInteger customersReceived = new AtomicInteger();
    final AtomicInteger pollsReceived = new AtomicInteger();
    final List<Long> orderReceivedNanos = new CopyOnWriteArrayList<>();
    final List<String> traceparents = new CopyOnWriteArrayList<>();
    final AtomicInteger requestsWithoutTraceparent = new AtomicInteger();
    final List<FaultCall> faultCalls = new CopyOnWriteArrayList<>();
    final Set<String> activeFaults = ConcurrentHashMap.newKeySet();
    final AtomicLong stallStartNanos = new AtomicLong();
    final AtomicLong stallEndNanos = new AtomicLong();
    private final Map<String, Long> orders = new ConcurrentHashMap<>();

    /** @param threads handler threads; 0 runs every handler on the single dispatcher thread (one at a time) */
    FakeSagaServer(int threads) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        executor = threads > 0 ? Executors.newFixedThreadPool(threads) : null;
        server.setExecutor(executor);
        server.createContext("/customers", this::customers);
        server.createContext("/orders", this::orders);
        server.createContext("/faults", this::faults);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<FaultCall> faultCalls(String method) {
        List<FaultCall> out = new ArrayList<>();
        for (FaultCall call : faultCalls) {
            if (call.method().equals(method)) {
                out.add(call);
            }
        }
        return out;
    }

    private void customers(HttpExchange exchange) throws IOException {
        record(exchange);
        readBody(exchange);
        customersReceived.incrementAndGet();
        respond(exchange, 201, "{\"id\":\"" + UUID.randomUUID() + "\",\"name\":\"Ann\",\"email\":\"a@example.org\"}");
    }

    private void orders(HttpExchange exchange) throws IOException {
        record(exchange);
        readBody(exchange);
        String path = exchange.getRequestURI().getPath();
        if ("GET".equals(exchange.getRequestMethod())) {
            pollsReceived.incrementAndGet();
            String id = path.substring("/orders/".length());
            Long created = orders.get(id);
            if (created == null) {
                respond(exchange, 404, "{\"title\":\"not found\"}");
                return;
            }
            long sagaMillis = this.sagaMillis;
            boolean done = sagaMillis >= 0
                    && System.nanoTime() - created >= TimeUnit.MILLISECONDS.toNanos(sagaMillis);
            respond(exchange, 200, "{\"id\":\"" + id + "\",\"status\":\"" + (done ? "CONFIRMED" : "PENDING") + "\"}");
            return;
        }
        int index = ordersReceived.getAndIncrement();
        orderReceivedNanos.add(System.nanoTime());
        if (index == stallAt) {
            stallStartNanos.set(System.nanoTime());
            pause(stallMillis);
            stallEndNanos.set(System.nanoTime());
        }
        if (orderDelayMillis > 0) {
            pause(orderDelayMillis);
        }
        if (activeFaults.contains("grpc-errors")) {
            exchange.getResponseHeaders().add("Retry-After", "1");
            respond(exchange, 503, "{\"title\":\"customers unavailable\"}");
            return;
        }
        int status = orderStatus;
        if (status == 202) {
            String id = UUID.randomUUID().toString();
            orders.put(id, System.nanoTime());
            exchange.getResponseHeaders().add("Location", "/orders/" + id);
            respond(exchange, 202, "{\"id\":\"" + id + "\",\"status\":\"PENDING\",\"total\":9.99,\"currency\":\"EUR\"}");
        } else {
            respond(exchange, status, "{\"title\":\"status " + status + "\"}");
        }
    }

    private void faults(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String body = readBody(exchange);
        if ("GET".equals(method)) {
            respond(exchange, faultsListStatus, faultsListStatus == 200 ? "[]" : "{\"title\":\"no faults\"}");
            return;
        }
        faultCalls.add(new FaultCall(method, path, body));
        String kind = path.startsWith("/faults/") ? path.substring("/faults/".length()) : null;
        if ("PUT".equals(method) && kind != null) {
            activeFaults.add(kind);
            respond(exchange, 200, "{\"kind\":\"" + kind + "\"}");
        } else if ("DELETE".equals(method)) {
            if (kind == null) {
                activeFaults.clear();
            } else {
                activeFaults.remove(kind);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        } else {
            respond(exchange, 405, "{}");
        }
    }

    private void record(HttpExchange exchange) {
        String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
        if (traceparent == null) {
            requestsWithoutTraceparent.incrementAndGet();
        } else {
            traceparents.add(traceparent);
        }
    }

    private static String readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type",
                status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** Stimulus of the stall and slow-server tests (the server is slow on purpose), not a wait for a condition. */
    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
