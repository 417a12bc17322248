package dev.obsaga.loadgen;

import io.opentelemetry.api.trace.SpanContext;

/**
 * The trace of one order as load-gen started it: the id the report names (e.g. for a lost order) and the
 * {@code traceparent} of load-gen's own exported client span, which polls of that order link to.
 */
public record TraceContext(String traceId, String traceparent) {

    static TraceContext of(SpanContext span) {
        return new TraceContext(span.getTraceId(),
                "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex());
    }
}
