import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in OpenTelemetry collector for the benchmark: accepts OTLP/HTTP exports (POST /v1/traces, /v1/metrics,
 * /v1/logs) on 127.0.0.1, answers 200 with an empty protobuf response, and counts requests, bytes and spans (by
 * service and span name), so the services pay the full cost of exporting spans without a real collector.
 * <p>
 * Run with the JDK's source launcher: {@code java bench/OtlpSink.java PORT STATS_FILE}. Once a second it rewrites
 * STATS_FILE ({@code requests=N bytes=N spans=N}) and STATS_FILE.spans (one {@code count service span-name} a line).
 */
public final class OtlpSink {

    private static final Map<String, LongAdder> SPANS_BY_NAME = new ConcurrentHashMap<>();
    private static final LongAdder SPANS = new LongAdder();

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        Path stats = Path.of(args[1]);
        Path spanStats = Path.of(args[1] + ".spans");
        AtomicLong requests = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            requests.incrementAndGet();
            bytes.addAndGet(body.length);
            String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            boolean json = type.contains("json");
            if (!json && exchange.getRequestURI().getPath().endsWith("/v1/traces")) {
                try {
                    countSpans(body);
                } catch (RuntimeException e) {
                    // not the protobuf we expected: counted as bytes only
                }
            }
            byte[] answer = json ? "{}".getBytes(StandardCharsets.UTF_8) : new byte[0];
            exchange.getResponseHeaders().set("Content-Type", json ? "application/json" : "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        Thread writer = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(1000);
                    Files.writeString(stats, "requests=" + requests.get() + " bytes=" + bytes.get() + " spans="
                            + SPANS.sum() + "\n");
                    Files.writeString(spanStats, SPANS_BY_NAME.entrySet().stream()
                            .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                            .map(e -> e.getValue().sum() + " " + e.getKey())
                            .collect(Collectors.joining("\n", "", "\n")));
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    // best effort
                }
            }
        }, "stats");
        writer.setDaemon(true);
        writer.start();
        System.out.println("OTLP sink listening on 127.0.0.1:" + port);
    }

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
    // Resource { repeated KeyValue attributes = 1; }  KeyValue { string key = 1; AnyValue value = 2; }
    // AnyValue { string string_value = 1; ... }  ScopeSpans { repeated Span spans = 2; }  Span { string name = 5; }
    private static void countSpans(byte[] buf) {
        for (Field rs : fields(buf, 0, buf.length)) {
            if (rs.number != 1 || rs.wireType != 2) {
                continue;
            }
            String service = "?";
            for (Field f : fields(buf, rs.start, rs.end)) {
                if (f.number == 1 && f.wireType == 2) {
                    service = serviceName(buf, f.start, f.end, service);
                }
            }
            for (Field ss : fields(buf, rs.start, rs.end)) {
                if (ss.number != 2 || ss.wireType != 2) {
                    continue;
                }
                for (Field span : fields(buf, ss.start, ss.end)) {
                    if (span.number != 2 || span.wireType != 2) {
                        continue;
                    }
                    String name = "?";
                    for (Field f : fields(buf, span.start, span.end)) {
                        if (f.number == 5 && f.wireType == 2) {
                            name = new String(buf, f.start, f.end - f.start, StandardCharsets.UTF_8);
                        }
                    }
                    SPANS.increment();
                    SPANS_BY_NAME.computeIfAbsent(service + " " + name, k -> new LongAdder()).increment();
                }
            }
        }
    }

    private static String serviceName(byte[] buf, int start, int end, String fallback) {
        for (Field kv : fields(buf, start, end)) {
            if (kv.number != 1 || kv.wireType != 2) {
                continue;
            }
            String key = null;
            String value = null;
            for (Field f : fields(buf, kv.start, kv.end)) {
                if (f.number == 1 && f.wireType == 2) {
                    key = new String(buf, f.start, f.end - f.start, StandardCharsets.UTF_8);
                } else if (f.number == 2 && f.wireType == 2) {
                    for (Field v : fields(buf, f.start, f.end)) {
                        if (v.number == 1 && v.wireType == 2) {
                            value = new String(buf, v.start, v.end - v.start, StandardCharsets.UTF_8);
                        }
                    }
                }
            }
            if ("service.name".equals(key) && value != null) {
                return value;
            }
        }
        return fallback;
    }

    private record Field(int number, int wireType, int start, int end) {
    }

    /** The fields of one protobuf message in buf[start, end); for length-delimited ones, the bounds of the value. */
    private static java.util.List<Field> fields(byte[] buf, int start, int end) {
        java.util.List<Field> out = new java.util.ArrayList<>();
        int[] pos = {start};
        while (pos[0] < end) {
            long tag = varint(buf, pos);
            int number = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            switch (wire) {
                case 0 -> varint(buf, pos);
                case 1 -> pos[0] += 8;
                case 5 -> pos[0] += 4;
                case 2 -> {
                    int len = (int) varint(buf, pos);
                    out.add(new Field(number, wire, pos[0], pos[0] + len));
                    pos[0] += len;
                }
                default -> throw new IllegalArgumentException("wire type " + wire);
            }
        }
        return out;
    }

    private static long varint(byte[] buf, int[] pos) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = buf[pos[0]++];
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }
}
