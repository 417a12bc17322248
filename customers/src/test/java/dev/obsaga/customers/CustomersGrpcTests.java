package dev.obsaga.customers;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.obsaga.contracts.grpc.customers.Customer;
import dev.obsaga.contracts.grpc.customers.GetCustomerRequest;
import dev.obsaga.contracts.grpc.customers.MutinyCustomersGrpc.MutinyCustomersStub;
import dev.obsaga.testsupport.RealInfrastructureResource;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class CustomersGrpcTests {

    @GrpcClient("customers")
    MutinyCustomersStub customers;

    @Test
    void getCustomerAnswersTheRegisteredCustomer() {
        String email = "g" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String id = given().contentType("application/json").body("{\"name\":\"Gus\",\"email\":\"" + email + "\"}")
                .post("/customers").then().statusCode(201).extract().path("id");

        Customer customer = customers.getCustomer(GetCustomerRequest.newBuilder().setId(id).build())
                .await().atMost(Duration.ofSeconds(5));
        assertEquals("Gus", customer.getName());
        assertEquals(email, customer.getEmail());
    }

    @Test
    void unknownIdIsNotFoundAndAMalformedOneIsInvalid() {
        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class, () -> customers
                .getCustomer(GetCustomerRequest.newBuilder().setId(UUID.randomUUID().toString()).build())
                .await().atMost(Duration.ofSeconds(5)));
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());

        StatusRuntimeException malformed = assertThrows(StatusRuntimeException.class, () -> customers
                .getCustomer(GetCustomerRequest.newBuilder().setId("42").build()).await().atMost(Duration.ofSeconds(5)));
        assertEquals(Status.Code.INVALID_ARGUMENT, malformed.getStatus().getCode());
    }
}
