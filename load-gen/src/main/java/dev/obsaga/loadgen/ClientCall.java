package dev.obsaga.loadgen;

import static io.opentelemetry.semconv.ErrorAttributes.ERROR_TYPE;
import static io.opentelemetry.semconv.HttpAttributes.HTTP_REQUEST_METHOD;
import static io.opentelemetry.semconv.HttpAttributes.HTTP_RESPONSE_STATUS_CODE;
import static io.opentelemetry.semconv.ServerAttributes.SERVER_ADDRESS;
import static io.opentelemetry.semconv.ServerAttributes.SERVER_PORT;
import static io.opentelemetry.semconv.UrlAttributes.URL_FULL;

import java.util.regex.Pattern;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;

/**
 * One request's client span, with the HTTP semantic conventions' attributes. {@link #NONE} (tracing off) sends no
 * {@code traceparent} and records nothing.
 */
public final class ClientCall {

    static final ClientCall NONE = new ClientCall(null, null);

    /** Ids in paths become a template, so span names stay low-cardinality ("GET /orders/{id}"). */
    private static final Pattern ID = Pattern.compile("/[0-9a-fA-F-]{36}(?=/|$)");

    private final Span span;
    private final TraceContext trace;

    ClientCall(Span span, PlannedRequest request) {
        this.span = span;
        this.trace = span == null ? null : TraceContext.of(span.getSpanContext());
        if (span != null) {
            span.setAttribute(HTTP_REQUEST_METHOD, request.method());
            span.setAttribute(URL_FULL, request.uri().toString());
            span.setAttribute(SERVER_ADDRESS, request.uri().getHost());
            span.setAttribute(SERVER_PORT, (long) request.uri().getPort());
            span.setAttribute("obsaga.loadgen.request.kind", request.kind());
        }
    }

    /** The trace this request started; null when tracing is off. */
    public TraceContext trace() {
        return trace;
    }

    /** The {@code traceparent} header to send; null when tracing is off. */
    public String traceparent() {
        return trace == null ? null : trace.traceparent();
    }

    /** Ends the span with the answer: 4xx and 5xx are errors of a client span, so is a transport failure. */
    public void end(HttpResult result) {
        if (span == null) {
            return;
        }
        if (result.error() != null) {
            span.setAttribute(ERROR_TYPE, result.error().getClass().getName());
            span.setStatus(StatusCode.ERROR);
        } else {
            span.setAttribute(HTTP_RESPONSE_STATUS_CODE, (long) result.status());
            if (result.status() >= 400) {
                span.setAttribute(ERROR_TYPE, Integer.toString(result.status()));
                span.setStatus(StatusCode.ERROR);
            }
        }
        span.end();
    }

    static String route(PlannedRequest request) {
        return ID.matcher(request.uri().getPath()).replaceAll("/{id}");
    }
}
