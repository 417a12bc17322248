package dev.obsaga.orders.api;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.obsaga.commons.api.Ids;
import dev.obsaga.commons.auth.ApiAccess;
import dev.obsaga.commons.auth.Caller;
import dev.obsaga.commons.problem.ProblemException;
import dev.obsaga.commons.problem.ProblemType;
import dev.obsaga.orders.client.CardVault;
import dev.obsaga.orders.saga.Order;
import dev.obsaga.orders.saga.OrderPlacement;
import dev.obsaga.orders.saga.OrderReader;
import io.smallrye.mutiny.Uni;

@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "orders")
public class OrderResource {

    private final OrderPlacement placement;
    private final OrderReader reader;
    private final WaitParameter waits;
    private final CardVault vault;
    private final ApiAccess access;

    public OrderResource(OrderPlacement placement, OrderReader reader, WaitParameter waits, CardVault vault,
            ApiAccess access) {
        this.placement = placement;
        this.reader = reader;
        this.waits = waits;
        this.vault = vault;
        this.access = access;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place an order; it is paid asynchronously (follow it with GET /orders/{id}?wait=5s)")
    @APIResponse(responseCode = "202", description = "Accepted, PENDING")
    @APIResponse(responseCode = "400", description = "Invalid request (problem+json)")
    @APIResponse(responseCode = "401", description = "No valid bearer token (problem+json)")
    @APIResponse(responseCode = "403", description = "A customer placing an order for another customer (problem+json)")
    @APIResponse(responseCode = "422", description = "Unknown customer (problem+json)")
    @APIResponse(responseCode = "503", description = "customers unavailable; see Retry-After (problem+json)")
    public Uni<RestResponse<OrderAccepted>> place(@Valid @NotNull PlaceOrderRequest request) {
        return access.caller().chain(caller -> {
            if (!caller.mayAccess(request.customerId())) {
                // Whatever the other id is (an existing customer or not): nothing about it is revealed.
                throw new ProblemException(ProblemType.FORBIDDEN, "A customer may place orders only for itself.");
            }
            return placeFor(request);
        });
    }

    private Uni<RestResponse<OrderAccepted>> placeFor(PlaceOrderRequest request) {
        var card = vault.tokenize(request.card().number(), request.card().expiryMonth(), request.card().expiryYear());
        var lines = request.items().stream()
                .map(item -> new Order.OrderLine(item.sku(), item.quantity(), item.unitPrice()))
                .toList();
        return placement.place(request.customerId(), request.currency(), lines, card)
                .map(order -> RestResponse.ResponseBuilder
                        .<OrderAccepted>accepted()
                        .location(URI.create("/orders/" + order.id()))
                        .entity(new OrderAccepted(order.id(), order.status().name(), order.total(), order.currency()))
                        .build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an order and its saga state; with wait, as soon as it is final (long-poll)")
    @APIResponse(responseCode = "200", description = "The order (still PENDING when the wait ran out)")
    @APIResponse(responseCode = "400", description = "Invalid id or wait (problem+json)")
    @APIResponse(responseCode = "401", description = "No valid bearer token (problem+json)")
    @APIResponse(responseCode = "404", description = "Unknown order, or another customer's (problem+json)")
    public Uni<OrderView> get(@PathParam("id") String id,
            @Parameter(description = "Wait up to this long for a final state (CONFIRMED or REJECTED) before "
                    + "answering, e.g. 5s or 500ms; at most obsaga.orders.wait.max. Absent or 0: answer at once.",
                    example = "5s") @QueryParam("wait") String wait) {
        var orderId = Ids.parse("id", id);
        var waitFor = waits.parse(wait);
        return access.caller()
                .chain(caller -> caller.operator() ? reader.find(orderId, waitFor) : findOwn(caller, orderId, waitFor))
                .onItem().ifNull().failWith(() -> new ProblemException(ProblemType.NOT_FOUND, "No order with id " + id + "."))
                .map(OrderView::from);
    }

    /**
     * A customer's order: ownership is checked on an immediate read, before any wait, so that how long the answer
     * takes does not tell whether someone else's order exists. Null for another customer's order.
     */
    private Uni<Order> findOwn(Caller caller, UUID orderId, Duration wait) {
        return reader.find(orderId, Duration.ZERO).chain(order -> {
            if (order == null || !caller.mayAccess(order.customerId())) {
                return Uni.createFrom().nullItem();
            }
            return wait.isZero() || order.status().isFinal() ? Uni.createFrom().item(order) : reader.find(orderId, wait);
        });
    }
}
