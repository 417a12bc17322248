package dev.obsaga.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * A small OTLP/HTTP (protobuf) receiver for tests: what the services export arrives here as it would at a
 * collector. Only traces are kept; metrics and logs requests are accepted and dropped.
 * <p>
 * {@link #counting(int)} is the benchmark's stand-in collector: it keeps no span, only counts requests, bytes and
 * spans by service and name, so the services pay the full cost of exporting without a real collector. Run as a
 * program ({@code OtlpReceiver PORT STATS_FILE}) it rewrites STATS_FILE once a second with those counts.
 */
public final class OtlpReceiver implements AutoCloseable {

    /**
     * One received span, flattened. Ids are lower-case hex; the parent id is empty for a root span; links are the
     * linked spans' {@code <trace id>-<span id>}.
     */
    public record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
            String kind, int statusCode, Map<String, String> attributes, List<String> events, List<String> links) {
        public boolean isRoot() {
            return parentSpanId.isEmpty();
        }
    }

    /** What a counting receiver has seen so far. */
    public record Counts(long requests, long bytes, long spans, Map<String, Long> spansByName) {
    }

    private final boolean keepSpans;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder spanCount = new LongAdder();
    private final Map<String, LongAdder> spansByName = new ConcurrentHashMap<>();
    private final int port;
    private HttpServer server;

    public OtlpReceiver() {
        this(0);
    }

    /** On a fixed port (0: any free one), so that {@link #stop()} and {@link #start()} keep the endpoint. */
    public OtlpReceiver(int port) {
        this(port, true);
    }

    private OtlpReceiver(int port, boolean keepSpans) {
        this.keepSpans = keepSpans;
        this.server = listen(port);
        this.port = server.getAddress().getPort();
    }

    private HttpServer listen(int onPort) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 256);
            http.createContext("/v1/traces", this::traces);
            http.createContext("/", exchange -> answer(exchange, 200));
            // Two threads: at hundreds of exports a second one thread would make the services' exporters wait.
            http.setExecutor(Executors.newFixedThreadPool(2, task -> {
                Thread thread = new Thread(task, "otlp-receiver");
                thread.setDaemon(true);
                return thread;
            }));
            http.start();
            return http;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A receiver that only counts (port 0: any free port). */
    public static OtlpReceiver counting(int port) {
        return new OtlpReceiver(port, false);
    }

    public Counts counts() {
        Map<String, Long> byName = new TreeMap<>();
        spansByName.forEach((name, n) -> byName.put(name, n.sum()));
        return new Counts(requests.sum(), bytes.sum(), spanCount.sum(), byName);
    }

    /** {@code OtlpReceiver PORT STATS_FILE}: a counting receiver for scripts (bench/profile.sh). */
    public static void main(String[] args) throws InterruptedException, IOException {
        OtlpReceiver receiver = counting(Integer.parseInt(args[0]));
        Path stats = Path.of(args[1]);
        System.out.println("OTLP receiver (counting) on " + receiver.endpoint());
        while (true) {
            Thread.sleep(1000);
            Counts c = receiver.counts();
            Files.writeString(stats, "requests=" + c.requests() + " bytes=" + c.bytes() + " spans="
                    + c.spans() + "\n");
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The endpoint stops answering (connections refused), as a collector that is down. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Answers again, on the same port. */
    public synchronized void start() {
        if (server == null) {
            server = listen(port);
        }
    }

    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    public List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    public Map<String, List<ReceivedSpan>> traces() {
        return spans.stream().collect(Collectors.groupingBy(ReceivedSpan::traceId));
    }

    private void traces(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            byte[] raw = body.readAllBytes();
            requests.increment();
            bytes.add(raw.length);
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(raw);
            for (ResourceSpans resource : request.getResourceSpansList()) {
                String service = attributes(resource.getResource().getAttributesList()).getOrDefault("service.name", "");
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    for (var span : scope.getSpansList()) {
                        spanCount.increment();
                        spansByName.computeIfAbsent(service + " " + span.getName(), k -> new LongAdder()).increment();
                        if (!keepSpans) {
                            continue;
                        }
                        spans.add(new ReceivedSpan(service, hex(span.getTraceId().toByteArray()),
                                hex(span.getSpanId().toByteArray()), hex(span.getParentSpanId().toByteArray()),
                                span.getName(), span.getKind().name(), span.getStatus().getCodeValue(),
                                attributes(span.getAttributesList()),
                                span.getEventsList().stream().map(e -> e.getName()).toList(),
                                span.getLinksList().stream().map(l -> hex(l.getTraceId().toByteArray()) + "-"
                                        + hex(l.getSpanId().toByteArray())).toList()));
                    }
                }
            }
            answer(exchange, 200);
        } catch (IOException | RuntimeException e) {
            answer(exchange, 400);
        }
    }

    private static Map<String, String> attributes(List<KeyValue> values) {
        return values.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> text(kv.getValue()), (a, b) -> b));
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            default -> value.toString();
        };
    }

    private static String hex(byte[] bytes) {
        return bytes.length == 0 ? "" : HexFormat.of().formatHex(bytes);
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        stop();
    }
}
