package dev.obsaga.loadgen;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a run needs. Build with {@link #builder()}; every setting has the CLI's default.
 *
 * @param faultDuration null: the fault stays on until the load phase ends
 * @param maxP99Ms      null: no latency threshold
 * @param seed          null: a random seed (reported, so the run can be repeated)
 * @param reportFile    null: no JSON file; "-" means stdout
 * @param otlpEndpoint  null or blank: load-gen exports no spans and sends no {@code traceparent}
 * @param bearerToken   null: requests carry no Authorization header (the services' auth switched off)
 */
public record LoadOptions(
        double rate,
        Duration duration,
        Duration warmup,
        Duration ramp,
        int maxInFlight,
        Map<Service, URI> urls,
        Map<Service, URI> managementUrls,
        Long seed,
        Path reportFile,
        double maxErrorRate,
        Double maxP99Ms,
        ScenarioKind scenario,
        Duration sagaDeadline,
        boolean traceparent,
        String otlpEndpoint,
        FaultScenario fault,
        Duration faultStart,
        Duration faultDuration,
        Duration faultGrace,
        int customers,
        Duration requestTimeout,
        int maxPollsInFlight,
        Duration pollMin,
        Duration pollMax,
        Duration pollWait,
        int connections,
        PrintStream progress,
        PrintStream log,
        String bearerToken) {

    public LoadOptions {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(scenario, "scenario");
        urls = Map.copyOf(urls);
        managementUrls = Map.copyOf(managementUrls);
    }

    public URI url(Service service) {
        return urls.get(service);
    }

    public URI managementUrl(Service service) {
        return managementUrls.get(service);
    }

    /** Problems with the settings, or null when they are fine. */
    public String validate() {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            return "--rate must be > 0";
        }
        if (duration.isNegative() || duration.isZero()) {
            return "--duration must be > 0";
        }
        if (warmup.isNegative() || ramp.isNegative() || faultStart.isNegative()
                || (faultDuration != null && faultDuration.isNegative()) || faultGrace.isNegative()) {
            return "durations must not be negative";
        }
        if (sagaDeadline.isNegative() || sagaDeadline.isZero()) {
            return "--saga-deadline must be > 0";
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            return "--request-timeout must be > 0";
        }
        if (maxInFlight < 1 || maxPollsInFlight < 1 || connections < 1) {
            return "--max-in-flight, --max-polls-in-flight and --connections must be >= 1";
        }
        if (customers < 1) {
            return "--customers must be >= 1";
        }
        if (maxErrorRate < 0 || maxErrorRate > 1) {
            return "--max-error-rate must be between 0 and 1";
        }
        if (maxP99Ms != null && !(maxP99Ms > 0)) {
            return "--max-p99 must be > 0";
        }
        if (pollMin.isNegative() || pollMin.isZero() || pollMax.compareTo(pollMin) < 0) {
            return "--poll-min must be > 0 and <= --poll-max";
        }
        if (pollWait.isNegative() || pollWait.compareTo(Duration.ofSeconds(30)) > 0) {
            return "--poll-wait must be from 0 to 30s (orders' longest wait by default)";
        }
        if (fault != null && faultStart.compareTo(warmup.plus(duration)) >= 0) {
            return "--fault-start must fall within the load (warm-up + duration)";
        }
        for (Service s : Service.values()) {
            if (url(s) == null || managementUrl(s) == null) {
                return "missing URL for " + s;
            }
        }
        return null;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.rate = rate;
        b.duration = duration;
        b.warmup = warmup;
        b.ramp = ramp;
        b.maxInFlight = maxInFlight;
        b.urls.putAll(urls);
        b.managementUrls.putAll(managementUrls);
        b.seed = seed;
        b.reportFile = reportFile;
        b.maxErrorRate = maxErrorRate;
        b.maxP99Ms = maxP99Ms;
        b.scenario = scenario;
        b.sagaDeadline = sagaDeadline;
        b.traceparent = traceparent;
        b.otlpEndpoint = otlpEndpoint;
        b.fault = fault;
        b.faultStart = faultStart;
        b.faultDuration = faultDuration;
        b.faultGrace = faultGrace;
        b.customers = customers;
        b.requestTimeout = requestTimeout;
        b.maxPollsInFlight = maxPollsInFlight;
        b.pollMin = pollMin;
        b.pollMax = pollMax;
        b.pollWait = pollWait;
        b.connections = connections;
        b.progress = progress;
        b.log = log;
        b.bearerToken = bearerToken;
        return b;
    }

    /** Mutable builder with the CLI's defaults. */
    public static final class Builder {
        private double rate = 100;
        private Duration duration = Duration.ofSeconds(30);
        private Duration warmup = Duration.ZERO;
        private Duration ramp = Duration.ZERO;
        private int maxInFlight = 1_000;
        private final Map<Service, URI> urls = new EnumMap<>(Service.class);
        private final Map<Service, URI> managementUrls = new EnumMap<>(Service.class);
        private Long seed;
        private Path reportFile;
        private double maxErrorRate = 0.01;
        private Double maxP99Ms;
        private ScenarioKind scenario = ScenarioKind.HAPPY;
        private Duration sagaDeadline = Duration.ofSeconds(30);
        private boolean traceparent = true;
        private String otlpEndpoint;
        private FaultScenario fault;
        private Duration faultStart = Duration.ZERO;
        private Duration faultDuration;
        private Duration faultGrace = Duration.ofSeconds(5);
        private int customers = 50;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private int maxPollsInFlight = 256;
        private Duration pollMin = Duration.ofMillis(5);
        private Duration pollMax = Duration.ofMillis(200);
        private Duration pollWait = Duration.ofSeconds(5);
        private int connections = 256;
        private PrintStream progress = System.err;
        private PrintStream log = System.err;
        private String bearerToken;

        Builder() {
            urls.put(Service.CUSTOMERS, URI.create("http://127.0.0.1:8081"));
            urls.put(Service.ORDERS, URI.create("http://127.0.0.1:8082"));
            urls.put(Service.PAYMENTS, URI.create("http://127.0.0.1:8083"));
            urls.put(Service.NOTIFICATIONS, URI.create("http://127.0.0.1:8084"));
            managementUrls.put(Service.CUSTOMERS, URI.create("http://127.0.0.1:9081"));
            managementUrls.put(Service.ORDERS, URI.create("http://127.0.0.1:9082"));
            managementUrls.put(Service.PAYMENTS, URI.create("http://127.0.0.1:9083"));
            managementUrls.put(Service.NOTIFICATIONS, URI.create("http://127.0.0.1:9084"));
        }

        public Builder rate(double v) { rate = v; return this; }
        public Builder duration(Duration v) { duration = v; return this; }
        public Builder warmup(Duration v) { warmup = v; return this; }
        public Builder ramp(Duration v) { ramp = v; return this; }
        public Builder maxInFlight(int v) { maxInFlight = v; return this; }
        public Builder url(Service s, URI v) { urls.put(s, v); return this; }
        public Builder managementUrl(Service s, URI v) { managementUrls.put(s, v); return this; }
        /** Every service and management URL at one base (tests: one fake server plays all four services). */
        public Builder allUrls(URI v) {
            for (Service s : Service.values()) {
                urls.put(s, v);
                managementUrls.put(s, v);
            }
            return this;
        }
        public Builder seed(Long v) { seed = v; return this; }
        public Builder reportFile(Path v) { reportFile = v; return this; }
        public Builder maxErrorRate(double v) { maxErrorRate = v; return this; }
        public Builder maxP99Ms(Double v) { maxP99Ms = v; return this; }
        public Builder scenario(ScenarioKind v) { scenario = v; return this; }
        public Builder sagaDeadline(Duration v) { sagaDeadline = v; return this; }
        public Builder traceparent(boolean v) { traceparent = v; return this; }
        public Builder otlpEndpoint(String v) { otlpEndpoint = v; return this; }
        public Builder fault(FaultScenario v) { fault = v; return this; }
        public Builder faultStart(Duration v) { faultStart = v; return this; }
        public Builder faultDuration(Duration v) { faultDuration = v; return this; }
        public Builder faultGrace(Duration v) { faultGrace = v; return this; }
        public Builder customers(int v) { customers = v; return this; }
        public Builder requestTimeout(Duration v) { requestTimeout = v; return this; }
        public Builder maxPollsInFlight(int v) { maxPollsInFlight = v; return this; }
        public Builder pollMin(Duration v) { pollMin = v; return this; }
        public Builder pollMax(Duration v) { pollMax = v; return this; }
        public Builder pollWait(Duration v) { pollWait = v; return this; }
        public Builder connections(int v) { connections = v; return this; }
        /** Where the once-a-second progress line goes; null for none. */
        public Builder progress(PrintStream v) { progress = v; return this; }
        /** Where set-up and fault messages go; null for none. */
        public Builder log(PrintStream v) { log = v; return this; }
        /** The token every API request carries (an operator's: load-gen places orders for many customers). */
        public Builder bearerToken(String v) { bearerToken = v; return this; }

        public LoadOptions build() {
            return new LoadOptions(rate, duration, warmup, ramp, maxInFlight, urls, managementUrls, seed,
                    reportFile, maxErrorRate, maxP99Ms, scenario, sagaDeadline, traceparent, otlpEndpoint, fault,
                    faultStart,
                    faultDuration, faultGrace, customers, requestTimeout, maxPollsInFlight, pollMin, pollMax,
                    pollWait, connections, progress, log, bearerToken);
        }
    }
}
