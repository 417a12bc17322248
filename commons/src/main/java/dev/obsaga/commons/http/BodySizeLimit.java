package dev.obsaga.commons.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.obsaga.commons.problem.Problem;
import dev.obsaga.commons.problem.ProblemType;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;

/**
 * Answers an over-sized body with a 413 problem before it is read. Vert.x enforces
 * quarkus.http.limits.max-body-size too, but with an empty answer; this route runs first whenever the client
 * declares Content-Length, which every client we know of does for a JSON body.
 */
@ApplicationScoped
public class BodySizeLimit {

    private static final Logger LOG = Logger.getLogger(BodySizeLimit.class);

    private final long maxBytes;
    private final String body;

    public BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize max,
            ObjectMapper mapper) throws JsonProcessingException {
        this.maxBytes = max.asLongValue();
        this.body = mapper.writeValueAsString(Problem.of(ProblemType.PAYLOAD_TOO_LARGE,
                "The body must not exceed " + maxBytes + " bytes."));
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && exceeds(length)) {
                LOG.warnf("Rejected request %s %s -> 413: body of %s bytes exceeds %d", ctx.request().method(),
                        ctx.request().path(), length, maxBytes);
                ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close").end(body);
                return;
            }
            ctx.next();
        });
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
