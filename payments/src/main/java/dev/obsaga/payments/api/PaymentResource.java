package dev.obsaga.payments.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.obsaga.commons.api.Ids;
import dev.obsaga.payments.persistence.PaymentRepository;
import io.smallrye.mutiny.Uni;

/** Read-only view for support and tests: which payments an order has. */
@Path("/payments")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentResource {

    private final PaymentRepository payments;

    public PaymentResource(PaymentRepository payments) {
        this.payments = payments;
    }

    @GET
    public Uni<List<PaymentView>> byOrder(@QueryParam("orderId") String orderId) {
        return payments.findByOrder(Ids.parse("orderId", orderId))
                .map(list -> list.stream().map(p -> new PaymentView(p.id(), p.orderId(), p.status(), p.reason(),
                        p.amount(), p.currency(), p.cardLast4(), p.createdAt())).toList());
    }

    public record PaymentView(UUID id, UUID orderId, String status,
            @JsonInclude(JsonInclude.Include.NON_NULL) String reason, BigDecimal amount, String currency,
            String cardLast4, Instant createdAt) {
    }
}
