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
import dev.obsaga.payments.persistence.PaymentRepository;
import io.smallrye.mutiny.Uni;

/**
 * Read-only view for support and tests: which payments an order has. Operators only: a payment row does not know
 * its customer (a customer follows its payment through GET /orders/{id}), so a customer's token gets 404.
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
    @APIResponse(responseCode = "200", description = "The order's payments; empty while it is not charged yet")
    @APIResponse(responseCode = "400", description = "orderId missing or not a UUID (problem+json)")
    public Uni<List<PaymentView>> byOrder(@QueryParam("orderId") String orderId) {
        var order = Ids.parse("orderId", orderId);
        return access.caller().invoke(caller -> {
            if (!caller.operator()) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No payments visible for order " + orderId + ".");
            }
        }).chain(caller -> payments.findByOrder(order))
                .map(list -> list.stream().map(p -> new PaymentView(p.id(), p.orderId(), p.status(), p.reason(),
                        p.amount(), p.currency(), p.cardLast4(), p.createdAt())).toList());
    }
}
