package dev.obsaga.customers.api;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.obsaga.commons.api.Ids;
import dev.obsaga.commons.auth.ApiAccess;
import dev.obsaga.commons.problem.ProblemException;
import dev.obsaga.commons.problem.ProblemType;
import dev.obsaga.customers.persistence.CustomerRepository;
import dev.obsaga.customers.registration.CustomerRegistration;
import io.smallrye.mutiny.Uni;

@Path("/customers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "customers")
public class CustomerResource {

    private final CustomerRegistration registration;
    private final CustomerRepository customers;
    private final ApiAccess access;

    public CustomerResource(CustomerRegistration registration, CustomerRepository customers, ApiAccess access) {
        this.registration = registration;
        this.customers = customers;
        this.access = access;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a customer (open: no token needed, README: Security)")
    @APIResponse(responseCode = "201", description = "Registered")
    @APIResponse(responseCode = "400", description = "Invalid request (problem+json)")
    @APIResponse(responseCode = "409", description = "E-mail address already registered (problem+json)")
    public Uni<RestResponse<CustomerResponse>> register(@Valid @NotNull RegisterCustomerRequest request) {
        return registration.register(request.name(), request.email())
                .map(customer -> RestResponse.ResponseBuilder
                        .<CustomerResponse>created(URI.create("/customers/" + customer.id()))
                        .entity(CustomerResponse.from(customer))
                        .build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a customer (the customer itself or an operator)")
    @APIResponse(responseCode = "200", description = "The customer")
    @APIResponse(responseCode = "401", description = "No valid bearer token (problem+json)")
    @APIResponse(responseCode = "404", description = "Unknown customer, or another customer's (problem+json)")
    public Uni<CustomerResponse> get(@PathParam("id") String id) {
        var customerId = Ids.parse("id", id);
        return access.requireAccessTo(customerId, "No customer with id " + id + ".")
                .chain(caller -> customers.findById(customerId))
                .onItem().ifNull().failWith(() -> new ProblemException(ProblemType.NOT_FOUND,
                        "No customer with id " + id + "."))
                .map(CustomerResponse::from);
    }
}
