package dev.obsaga.loadgen;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * {@link HttpTransport} on the Vert.x (Netty) HTTP client: one event-loop thread, HTTP/1.1 keep-alive, a pool of
 * at most {@code maxConnections} connections per target (requests beyond wait in the pool's queue; their wait is
 * part of their latency, which is measured from the intended start). Sustains thousands of requests per second
 * on a small fraction of a core.
 */
public final class VertxHttpTransport implements HttpTransport {

    private final Vertx vertx;
    private final Context context;
    private final HttpClient client;
    private final long timeoutMillis;
    private final String authorization;

    /**
     * @param timeout for a connection (including the wait for a free one in the pool) and for an answer
     *                (no data for that long)
     */
    public VertxHttpTransport(String name, int maxConnections, Duration timeout) {
        this(name, maxConnections, timeout, null);
    }

    /** @param bearerToken sent as {@code Authorization: Bearer} on every request; null for none */
    public VertxHttpTransport(String name, int maxConnections, Duration timeout, String bearerToken) {
        this.authorization = bearerToken == null ? null : "Bearer " + bearerToken;
        this.vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setBlockedThreadCheckInterval(10)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
        this.timeoutMillis = Math.max(1, timeout.toMillis());
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setTcpNoDelay(true)
                        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                        .setMaxInitialLineLength(8192)
                        .setName("load-gen-" + name),
                new PoolOptions().setHttp1MaxSize(maxConnections));
        // every use of the client happens on its one event loop, whatever thread calls send()
        this.context = vertx.getOrCreateContext();
    }

    @Override
    public CompletableFuture<HttpResult> send(PlannedRequest request, String traceparent) {
        CompletableFuture<HttpResult> result = new CompletableFuture<>();
        context.runOnContext(ignored -> issue(request, traceparent, result));
        return result;
    }

    private void issue(PlannedRequest request, String traceparent, CompletableFuture<HttpResult> result) {
        try {
            RequestOptions options = new RequestOptions()
                    .setMethod(HttpMethod.valueOf(request.method()))
                    .setAbsoluteURI(request.uri().toString())
                    .setConnectTimeout(timeoutMillis)
                    .setTimeout(timeoutMillis)
                    .putHeader("Accept", "application/json, application/problem+json");
            if (authorization != null) {
                options.putHeader("Authorization", authorization);
            }
            if (traceparent != null) {
                options.putHeader("traceparent", traceparent);
            }
            if (request.body() != null) {
                options.putHeader("Content-Type", request.contentType());
            }
            client.request(options)
                    .compose(req -> request.body() != null ? req.send(Buffer.buffer(request.body())) : req.send())
                    .compose(response -> response.body().map(body -> new HttpResult(response.statusCode(),
                            body.toString(), response.getHeader("Location"), null)))
                    .onComplete(ar -> result.complete(ar.succeeded() ? ar.result() : HttpResult.failed(ar.cause())));
        } catch (RuntimeException e) {
            result.complete(HttpResult.failed(e));
        }
    }

    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public void close() {
        try {
            client.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing anyway
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // daemon-less threads die with the JVM
        }
    }
}
