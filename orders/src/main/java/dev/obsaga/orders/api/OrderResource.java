package dev.obsaga.orders.api;

import java.net.URI;

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

    public OrderResource(OrderPlacement placement, OrderReader reader, WaitParameter waits, CardVault vault) {
        this.placement = placement;
        this.reader = reader;
        this.waits = waits;
        this.vault = vault;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place an order; it is paid asynchronously (follow it with GET /orders/{id}?wait=5s)")
    @APIResponse(responseCode = "202", description = "Accepted, PENDING")
    @APIResponse(responseCode = "400", description = "Invalid request (problem+json)")
    @APIResponse(responseCode = "422", description = "Unknown customer (problem+json)")
    @APIResponse(responseCode = "503", description = "customers unavailable; see Retry-After (problem+json)")
    public Uni<RestResponse<OrderAccepted>> place(@Valid @NotNull PlaceOrderRequest request) {
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
    @APIResponse(responseCode = "404", description = "Unknown order (problem+json)")
    public Uni<OrderView> get(@PathParam("id") String id,
            @Parameter(description = "Wait up to this long for a final state (CONFIRMED or REJECTED) before "
                    + "answering, e.g. 5s or 500ms; at most obsaga.orders.wait.max. Absent or 0: answer at once.",
                    example = "5s") @QueryParam("wait") String wait) {
        return reader.find(Ids.parse("id", id), waits.parse(wait))
                .onItem().ifNull().failWith(() -> new ProblemException(ProblemType.NOT_FOUND, "No order with id " + id + "."))
                .map(OrderView::from);
    }
}
