package dev.obsaga.notifications.api;

import java.util.List;
import java.util.UUID;

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
import dev.obsaga.notifications.persistence.NotificationRepository;
import io.smallrye.mutiny.Uni;

@Tag(name = "notifications")
@Path("/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private final NotificationRepository notifications;
    private final ApiAccess access;

    public NotificationResource(NotificationRepository notifications, ApiAccess access) {
        this.notifications = notifications;
        this.access = access;
    }

    /**
     * Lists notifications of an order or a customer (at most 500, oldest first); one filter is required. A customer
     * sees only its own: another customer's id answers 404, another customer's order an empty list.
     */
    @GET
    @Operation(summary = "The notifications of an order or of a customer (at most 500, oldest first)")
    @APIResponse(responseCode = "200", description = "The notifications sent; recipients are masked")
    @APIResponse(responseCode = "400", description = "No filter, or an id that is not a UUID (problem+json)")
    public Uni<List<NotificationView>> list(@QueryParam("orderId") String orderId,
            @QueryParam("customerId") String customerId) {
        if (orderId == null && customerId == null) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "Give orderId or customerId.");
        }
        UUID order = orderId == null ? null : Ids.parse("orderId", orderId);
        UUID customer = customerId == null ? null : Ids.parse("customerId", customerId);
        return access.caller().invoke(caller -> {
            if (customer != null && !caller.mayAccess(customer)) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No customer with id " + customerId + ".");
            }
        }).chain(caller -> notifications.find(order, caller.operator() ? customer : caller.customerId()))
                .map(list -> list.stream().map(n -> new NotificationView(n.id(), n.eventId(), n.type().name(),
                        n.customerId(), n.orderId(), n.recipient(), n.subject(), n.createdAt())).toList());
    }
}
