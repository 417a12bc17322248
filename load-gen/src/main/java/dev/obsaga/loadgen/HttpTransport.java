package dev.obsaga.loadgen;

import java.util.concurrent.CompletableFuture;

/** Non-blocking HTTP: {@link #send} returns at once, the future completes with the answer or a transport error. */
public interface HttpTransport extends AutoCloseable {

    /**
     * @param traceparent W3C {@code traceparent} header value, or null to send none
     * @return never completes exceptionally: transport errors are reported as {@link HttpResult#failed}
     */
    CompletableFuture<HttpResult> send(PlannedRequest request, String traceparent);

    @Override
    void close();
}
