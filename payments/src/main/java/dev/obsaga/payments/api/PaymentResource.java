package dev.obsaga.payments.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.obsaga.commons.api.Ids;
import dev.obsaga.payments.persistence.PaymentRepository;
import io.smallrye.mutiny.Uni;

/** Read-only view for support and tests: which payments an order has. */
@Tag(name = "payments")
@Path("/payments")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentResource {

    private final PaymentRepository payments;

    public PaymentResource(PaymentRepository payments) {
        this.payments = payments;
    }

    @GET
    @Operation(summary = "The payments of an order (one at most, whatever the broker delivered)")
    @APIResponse(responseCode = "200", description = "The order's payments; empty while it is not charged yet")
    @APIResponse(responseCode = "400", description = "orderId missing or not a UUID (problem+json)")
    public Uni<List<PaymentView>> byOrder(@QueryParam("orderId") String orderId) {
        return payments.findByOrder(Ids.parse("orderId", orderId))
                .map(list -> list.stream().map(p -> new PaymentView(p.id(), p.orderId(), p.status(), p.reason(),
                        p.amount(), p.currency(), p.cardLast4(), p.createdAt())).toList());
    }
}
