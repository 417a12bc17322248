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
import dev.obsaga.commons.auth.ApiAccess;
import dev.obsaga.commons.problem.ProblemException;
import dev.obsaga.commons.problem.ProblemType;
import dev.obsaga.payments.charging.Payment;
import dev.obsaga.payments.persistence.PaymentRepository;
import io.smallrye.mutiny.Uni;

/**
 * Read-only view: which payments an order has. An operator sees every payment; a customer only its own, and 404 when
 * it has none for that order (another's order, one not charged yet and no order at all look the same).
 */
@Tag(name = "payments")
@Path("/payments")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentResource {

    private final PaymentRepository payments;
    private final ApiAccess access;

    public PaymentResource(PaymentRepository payments, ApiAccess access) {
        this.payments = payments;
        this.access = access;
    }

    @GET
    @Operation(summary = "The payments of an order (one at most, whatever the broker delivered)")
    @APIResponse(responseCode = "200", description = "The order's payments the caller may see; for an operator "
            + "empty while the order is not charged yet")
    @APIResponse(responseCode = "400", description = "orderId missing or not a UUID (problem+json)")
    @APIResponse(responseCode = "404", description = "a customer with no payment of its own for this order "
            + "(problem+json)")
    public Uni<List<PaymentView>> byOrder(@QueryParam("orderId") String orderId) {
        var order = Ids.parse("orderId", orderId);
        return access.caller().chain(caller -> payments.findByOrder(order)
                .map(all -> all.stream().filter(payment -> caller.mayAccess(payment.customerId())).toList())
                .invoke(visible -> {
                    if (visible.isEmpty() && !caller.operator()) {
                        throw new ProblemException(ProblemType.NOT_FOUND,
                                "No payments visible for order " + orderId + ".");
                    }
                }))
                .map(visible -> visible.stream().map(PaymentResource::view).toList());
    }

    private static PaymentView view(Payment p) {
        return new PaymentView(p.id(), p.orderId(), p.customerId(), p.status(), p.reason(), p.amount(), p.currency(),
                p.cardLast4(), p.createdAt());
    }
}
