package dev.obsaga.loadgen;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.semconv.ServiceAttributes;

/**
 * load-gen's own CLIENT spans, exported with the plain OpenTelemetry SDK (OTLP http/protobuf, batch processor,
 * {@code service.name=load-gen}), so an order's trace starts at a span that exists. Every request is the root of
 * a new trace; a poll links to the order's placement span instead of joining its trace, so a slow saga's dozens
 * of polls do not bury the saga's waterfall, yet Jaeger still leads from a poll to its order.
 * {@link #OFF} sends no {@code traceparent} at all: the services then start their own traces.
 */
public final class ClientSpans implements AutoCloseable {

    public static final ClientSpans OFF = new ClientSpans(null, null);

    private final SdkTracerProvider provider;
    private final Tracer tracer;

    private ClientSpans(SdkTracerProvider provider, Tracer tracer) {
        this.provider = provider;
        this.tracer = tracer;
    }

    /** Spans to {@code <endpoint>/v1/traces}; {@link #OFF} when disabled or without an endpoint. */
    public static ClientSpans create(boolean enabled, String endpoint) {
        if (!enabled || endpoint == null || endpoint.isBlank()) {
            return OFF;
        }
        String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        return exportingTo(OtlpHttpSpanExporter.builder().setEndpoint(base + "/v1/traces")
                .setTimeout(Duration.ofSeconds(5)).build(), Duration.ofSeconds(1));
    }

    static ClientSpans exportingTo(SpanExporter exporter, Duration scheduleDelay) {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        ServiceAttributes.SERVICE_NAME, "load-gen",
                        ServiceAttributes.SERVICE_VERSION, version()))))
                // A full queue drops spans (counted by the SDK), it never blocks the open-model schedule.
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).setScheduleDelay(scheduleDelay)
                        .setMaxQueueSize(65_536).setMaxExportBatchSize(2_048).build())
                .build();
        return new ClientSpans(provider, provider.get("dev.obsaga.loadgen"));
    }

    public boolean enabled() {
        return tracer != null;
    }

    /** Starts a client span for the request: a new trace, linked to {@code linkedTraceparent} when given. */
    public ClientCall start(PlannedRequest request, String linkedTraceparent) {
        if (tracer == null) {
            return ClientCall.NONE;
        }
        SpanBuilder builder = tracer.spanBuilder(request.method() + " " + ClientCall.route(request))
                .setSpanKind(SpanKind.CLIENT).setNoParent();
        SpanContext linked = parse(linkedTraceparent);
        if (linked.isValid()) {
            builder.addLink(linked);
        }
        Span span = builder.startSpan();
        return new ClientCall(span, request);
    }

    /** A transport whose every request is a client span of its own, linked to the traceparent it is given. */
    public HttpTransport linking(HttpTransport inner) {
        return new HttpTransport() {
            @Override
            public CompletableFuture<HttpResult> send(PlannedRequest request, String linkedTraceparent) {
                ClientCall call = start(request, linkedTraceparent);
                return inner.send(request, call.traceparent()).whenComplete((result, error) ->
                        call.end(error == null ? result : HttpResult.failed(error)));
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    /** Exports what is still queued (at most 10 s): the last orders' spans must not die with the process. */
    @Override
    public void close() {
        if (provider != null) {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    static SpanContext parse(String traceparent) {
        if (traceparent == null || traceparent.length() != 55) {
            return SpanContext.getInvalid();
        }
        return SpanContext.createFromRemoteParent(traceparent.substring(3, 35), traceparent.substring(36, 52),
                TraceFlags.fromHex(traceparent, 53), TraceState.getDefault());
    }

    private static String version() {
        String version = ClientSpans.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
