package dev.obsaga.faulttests;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

/**
 * A TCP proxy of the test's own between the services and a shared dependency (RabbitMQ, PostgreSQL), so a test can
 * cut that dependency off for the services alone: {@link #cut()} drops every connection and stops listening (a
 * new connection is refused, as by a host that went away), {@link #restore()} listens again on the same port. The
 * machine's broker and database themselves are never touched.
 */
final class TcpProxy implements AutoCloseable {

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final String name;
    private final String upstreamHost;
    private final int upstreamPort;
    private final NetClient upstream;
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private volatile NetServer server;
    private volatile int port;

    TcpProxy(Vertx vertx, String name, String upstreamHost, int upstreamPort) {
        this.vertx = vertx;
        this.name = name;
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.upstream = vertx.createNetClient(new NetClientOptions().setConnectTimeout(5_000).setTcpNoDelay(true));
    }

    /** Listens on a free port (the services are pointed at {@link #port()}). */
    TcpProxy start() {
        listen(0);
        return this;
    }

    int port() {
        return port;
    }

    String name() {
        return name;
    }

    /** Connections the proxy has accepted so far: proof the services really go through it. */
    long connectionsAccepted() {
        return accepted.get();
    }

    boolean isCut() {
        return server == null;
    }

    /** Drops every open connection and refuses new ones until {@link #restore()}. */
    synchronized void cut() {
        NetServer listening = server;
        server = null;
        if (listening != null) {
            await(listening.close());
        }
        for (NetSocket socket : Set.copyOf(open)) {
            socket.close();
        }
    }

    /** Accepts connections again, on the same port. */
    synchronized void restore() {
        if (server == null) {
            listen(port);
        }
    }

    @Override
    public synchronized void close() {
        cut();
        await(upstream.close());
    }

    private void listen(int requestedPort) {
        NetServer created = vertx.createNetServer().connectHandler(this::proxy);
        await(created.listen(requestedPort, "127.0.0.1"));
        port = created.actualPort();
        server = created;
    }

    private void proxy(NetSocket client) {
        accepted.incrementAndGet();
        client.pause();
        open.add(client);
        // A cut resets connections on purpose: nothing to report.
        client.exceptionHandler(e -> client.close());
        client.closeHandler(v -> open.remove(client));
        upstream.connect(upstreamPort, upstreamHost).onComplete(connected -> {
            if (connected.failed() || server == null || !open.contains(client)) {
                client.close();
                if (connected.succeeded()) {
                    connected.result().close();
                }
                return;
            }
            NetSocket service = connected.result();
            open.add(service);
            service.exceptionHandler(e -> service.close());
            // Either side closing closes the other: the service must see a cut as a dead connection.
            client.closeHandler(v -> {
                open.remove(client);
                service.close();
            });
            service.closeHandler(v -> {
                open.remove(service);
                client.close();
            });
            client.pipeTo(service);
            service.pipeTo(client);
        });
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("proxy step failed: " + e, e);
        }
    }
}
