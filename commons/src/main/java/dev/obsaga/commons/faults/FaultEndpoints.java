package dev.obsaga.commons.faults;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.obsaga.commons.problem.Problem;
import dev.obsaga.commons.problem.ProblemType;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code GET /faults}, {@code PUT /faults/{kind}} (JSON {@code rate}, {@code latencyMs}, {@code count}),
 * {@code DELETE /faults/{kind}}, {@code DELETE /faults} — on the management interface only, and only when
 * {@code obsaga.faults.enabled=true}: never reachable on the public port.
 */
@ApplicationScoped
public class FaultEndpoints {

    private final Faults faults;
    private final FaultsConfig config;
    private final ObjectMapper mapper;

    public FaultEndpoints(Faults faults, FaultsConfig config, ObjectMapper mapper) {
        this.faults = faults;
        this.config = config;
        this.mapper = mapper;
    }

    void register(@Observes ManagementInterface management) {
        if (!config.enabled()) {
            return;
        }
        var router = management.router();
        router.route("/faults*").handler(BodyHandler.create().setBodyLimit(4096));
        router.route(HttpMethod.GET, "/faults").handler(ctx -> json(ctx, 200, Map.of("faults", faults.all())));
        router.route(HttpMethod.DELETE, "/faults").handler(ctx -> {
            faults.resetAll();
            ctx.response().setStatusCode(204).end();
        });
        router.route(HttpMethod.PUT, "/faults/:kind").handler(this::set);
        router.route(HttpMethod.DELETE, "/faults/:kind").handler(ctx -> {
            String kind = ctx.pathParam("kind");
            if (!faults.isKnown(kind)) {
                unknown(ctx, kind);
                return;
            }
            faults.reset(kind);
            ctx.response().setStatusCode(204).end();
        });
    }

    private void set(RoutingContext ctx) {
        String kind = ctx.pathParam("kind");
        if (!faults.isKnown(kind)) {
            unknown(ctx, kind);
            return;
        }
        try {
            JsonNode body = ctx.body().isEmpty() ? mapper.createObjectNode() : mapper.readTree(ctx.body().asString());
            double rate = body.path("rate").asDouble(1.0);
            long latency = body.path("latencyMs").asLong(0);
            int count = body.path("count").asInt(0);
            if (rate < 0 || rate > 1 || latency < 0 || latency > 60_000 || count < 0 || count > 10_000) {
                problem(ctx, "rate must be 0..1, latencyMs 0..60000, count 0..10000");
                return;
            }
            json(ctx, 200, faults.set(kind, rate, latency, count));
        } catch (Exception e) {
            problem(ctx, "The body must be a JSON object");
        }
    }

    private void unknown(RoutingContext ctx, String kind) {
        json(ctx, 404, Problem.of(ProblemType.NOT_FOUND, "No fault '" + kind + "' here; GET /faults lists them."),
                Problem.MEDIA_TYPE);
    }

    private void problem(RoutingContext ctx, String detail) {
        json(ctx, 400, Problem.of(ProblemType.VALIDATION_FAILED, detail), Problem.MEDIA_TYPE);
    }

    private void json(RoutingContext ctx, int status, Object body) {
        json(ctx, status, body, "application/json");
    }

    private void json(RoutingContext ctx, int status, Object body, String type) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", type).end(mapper.writeValueAsString(body));
        } catch (Exception e) {
            ctx.fail(e);
        }
    }
}
