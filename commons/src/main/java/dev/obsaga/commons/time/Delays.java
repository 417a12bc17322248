package dev.obsaga.commons.time;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Waits without blocking, on a Vert.x timer: the caller goes on on its own event loop and context (Mutiny's own
 * delay would resume on a worker thread, outside the trace).
 */
@ApplicationScoped
public class Delays {

    private final Vertx vertx;

    public Delays(Vertx vertx) {
        this.vertx = vertx;
    }

    public Uni<Void> of(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(delay.toMillis(), id -> emitter.complete(null)));
    }
}
