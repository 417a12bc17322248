package dev.obsaga.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.obsaga.testsupport.SagaProcesses;
import dev.obsaga.testsupport.SagaService;
import dev.obsaga.testsupport.ServiceHttp;
import dev.obsaga.testsupport.TestCredentials;
import dev.obsaga.testsupport.TestInfrastructure;

/**
 * Who may do what on the public APIs of the four packaged services (README: Security): every bad token is 401,
 * another customer's data is 404, an order for another customer 403 — each problem+json, each leaving nothing
 * behind — while the owner and the operator get their answers; and no token reaches a log line.
 */
class AccessControlIT {

    private static final HttpClient HTTP = ServiceHttp.client(Duration.ofSeconds(5));
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    static SagaProcesses services;
    static UUID alice;
    static UUID bob;
    static String aliceOrder;
    static final List<String> TOKENS_USED = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startSystem() {
        TestInfrastructure.resetTestDatabase();
        TestInfrastructure.purgeQueues();
        // Small pools: this test is about access, not throughput, and a PostgreSQL shared with other runs keeps its
        // last connection slots for superusers, which the services' roles are not.
        services = new SagaProcesses(Path.of("target", "service-logs", "access-control"),
                Map.of("DB_POOL_MAX_SIZE", "4")).startAll();
        alice = register("Alice");
        bob = register("Bob");
        Answer placed = send("POST", SagaService.ORDERS, "/orders", orderFor(alice), token(TestCredentials.customerToken(alice)));
        assertEquals(202, placed.status(), placed.body());
        aliceOrder = id(placed.body());
        Answer confirmed = send("GET", SagaService.ORDERS, "/orders/" + aliceOrder + "?wait=30s", null, owner(alice));
        assertTrue(confirmed.body().contains("\"CONFIRMED\""), confirmed.body());
        // The saga's last effect: Alice's confirmation notification exists, so nothing is still on its way.
        await().atMost(Duration.ofSeconds(60)).until(() -> send("GET", SagaService.NOTIFICATIONS,
                "/notifications?orderId=" + aliceOrder, null, operator()).body().contains("ORDER_CONFIRMED"));
    }

    @AfterAll
    static void stopSystem() {
        if (services != null) {
            services.close();
        }
    }

    /** Each protected read and the placement, as Alice's data. */
    static Map<String, Request> aliceResources() {
        Map<String, Request> requests = new LinkedHashMap<>();
        requests.put("customer record", new Request("GET", SagaService.CUSTOMERS, "/customers/" + alice, null));
        requests.put("order", new Request("GET", SagaService.ORDERS, "/orders/" + aliceOrder, null));
        requests.put("payments", new Request("GET", SagaService.PAYMENTS, "/payments?orderId=" + aliceOrder, null));
        requests.put("notifications", new Request("GET", SagaService.NOTIFICATIONS,
                "/notifications?customerId=" + alice, null));
        requests.put("placement", new Request("POST", SagaService.ORDERS, "/orders", orderFor(alice)));
        return requests;
    }

    @Test
    void everyMissingOrInvalidTokenIs401ProblemJsonAndPlacesNoOrder() {
        Map<String, String> badAuthorizations = new LinkedHashMap<>();
        badAuthorizations.put("no token", null);
        badAuthorizations.put("expired", token(TestCredentials.expiredCustomerToken(alice)));
        badAuthorizations.put("signed by another key", token(TestCredentials.operatorTokenOfAnotherKey()));
        badAuthorizations.put("alg none", token(TestCredentials.unsignedOperatorToken()));
        badAuthorizations.put("not a JWT", "Bearer not-a-token");
        long ordersBefore = ordersOf(alice);
        for (var bad : badAuthorizations.entrySet()) {
            for (var resource : aliceResources().entrySet()) {
                Answer answer = resource.getValue().send(bad.getValue());
                String what = bad.getKey() + " on " + resource.getKey() + ": " + answer;
                assertEquals(401, answer.status(), what);
                assertProblem(answer, what);
                assertEquals("Bearer", answer.wwwAuthenticate(), what);
            }
        }
        assertEquals(ordersBefore, ordersOf(alice), "a rejected placement left an order behind");
        assertNoEventFor(alice);
    }

    @Test
    void anotherCustomersDataIs404AndAnOrderForAnotherCustomerIs403() {
        String bobs = owner(bob);
        long ordersBefore = ordersOf(alice);
        for (var resource : aliceResources().entrySet()) {
            Answer answer = resource.getValue().send(bobs);
            String what = "Bob on Alice's " + resource.getKey() + ": " + answer;
            assertEquals(resource.getKey().equals("placement") ? 403 : 404, answer.status(), what);
            assertProblem(answer, what);
            assertFalse(answer.body().contains("@example.org"), what);
        }
        // Asking by Alice's order id lists none of her notifications for Bob.
        Answer byOrder = send("GET", SagaService.NOTIFICATIONS, "/notifications?orderId=" + aliceOrder, null, bobs);
        assertEquals(200, byOrder.status(), byOrder.toString());
        assertEquals("[]", byOrder.body().strip());
        // The same answer whether the resource exists or not: nothing is revealed.
        Answer unknown = send("GET", SagaService.ORDERS, "/orders/" + UUID.randomUUID(), null, bobs);
        assertEquals(404, unknown.status());
        assertEquals(ordersBefore, ordersOf(alice), "a forbidden placement left an order behind");
        assertEquals(0, ordersOf(bob), "Bob's attempt became an order of Bob's");
        assertNoEventFor(alice);
    }

    @Test
    void theOwnerReadsItsOwnDataAndTheOperatorReadsEverything() {
        for (var resource : aliceResources().entrySet()) {
            if (resource.getKey().equals("placement")) {
                continue;
            }
            Answer byOperator = resource.getValue().send(operator());
            assertEquals(200, byOperator.status(), "operator on " + resource.getKey() + ": " + byOperator);
            Answer byOwner = resource.getValue().send(owner(alice));
            assertEquals(200, byOwner.status(), "Alice on her " + resource.getKey() + ": " + byOwner);
        }
        assertTrue(send("GET", SagaService.NOTIFICATIONS, "/notifications?customerId=" + alice, null, owner(alice))
                .body().contains(aliceOrder));
        for (String caller : List.of(operator(), owner(alice))) {
            String payments = send("GET", SagaService.PAYMENTS, "/payments?orderId=" + aliceOrder, null, caller).body();
            assertTrue(payments.contains("SUCCEEDED") && payments.contains("\"customerId\":\"" + alice + "\""),
                    payments);
        }
    }

    @Test
    void aValidTokenIsVerifiedOnceAndThenRememberedWhileABadOneNeverIs() {
        String operator = operator();
        String forged = token(TestCredentials.operatorTokenOfAnotherKey());
        double hits = verifiedTokenCache(SagaService.ORDERS, "hit");
        double misses = verifiedTokenCache(SagaService.ORDERS, "miss");
        for (int i = 0; i < 5; i++) {
            assertEquals(200, send("GET", SagaService.ORDERS, "/orders/" + aliceOrder, null, operator).status());
            assertEquals(401, send("GET", SagaService.ORDERS, "/orders/" + aliceOrder, null, forged).status());
        }
        // the valid token: at most one miss, then hits; the forged one: a miss (and a signature check) every time
        assertTrue(verifiedTokenCache(SagaService.ORDERS, "hit") - hits >= 4, "hits");
        double newMisses = verifiedTokenCache(SagaService.ORDERS, "miss") - misses;
        assertTrue(newMisses >= 5 && newMisses <= 6, "misses: " + newMisses);
    }

    private static double verifiedTokenCache(SagaService service, String result) {
        return SagaClient.metric(service, "cache_gets_total\\{cache=\"obsaga\\.auth\\.verified\\.tokens\",result=\""
                + result + "\"[^}]*}");
    }

    @Test
    void rejectionsAreOneWarnLineEachAndNoTokenIsEverLogged() {
        Answer rejected = send("GET", SagaService.CUSTOMERS, "/customers/" + alice, null,
                token(TestCredentials.operatorTokenOfAnotherKey()));
        assertEquals(401, rejected.status());
        await().atMost(Duration.ofSeconds(10)).until(() -> services.logLines(SagaService.CUSTOMERS).stream()
                .anyMatch(line -> line.contains("WARN") && line.contains("/customers/" + alice + " -> 401")));
        for (SagaService service : SagaService.values()) {
            for (String line : services.logLines(service)) {
                assertFalse(TraceAssertions.JWT.matcher(line).find() || line.contains("Bearer "),
                        service + " logs a token: " + line);
                for (String used : TOKENS_USED) {
                    // The signature is what makes a token usable; alg:none has none, its claims are checked then.
                    String secretPart = used.endsWith(".") ? used.substring(0, used.length() - 1)
                            : used.substring(used.lastIndexOf('.') + 1);
                    assertFalse(line.contains(secretPart), service + " logs a token: " + line);
                }
            }
        }
    }

    private static void assertProblem(Answer answer, String what) {
        assertTrue(answer.contentType().startsWith("application/problem+json"), what);
        assertTrue(answer.body().contains("\"status\":" + answer.status()), what);
    }

    /** The event a placement would publish: none for Alice beyond her one order (the outbox is drained, too). */
    private static void assertNoEventFor(UUID customer) {
        assertEquals(0, TestInfrastructure.count("SELECT count(*) AS n FROM orders.outbox WHERE payload LIKE '%"
                + customer + "%' AND payload NOT LIKE '%" + aliceOrder + "%'"), "an event for another order");
        assertEquals(1, TestInfrastructure.count("SELECT count(DISTINCT order_id) AS n FROM payments.payments p "
                + "JOIN orders.orders o ON o.id = p.order_id WHERE o.customer_id = '" + customer + "'"),
                "payments saw an order the test did not place");
    }

    private static long ordersOf(UUID customer) {
        return TestInfrastructure.count("SELECT count(*) AS n FROM orders.orders WHERE customer_id = '" + customer + "'");
    }

    private static UUID register(String name) {
        Answer answer = send("POST", SagaService.CUSTOMERS, "/customers", "{\"name\":\"" + name + "\",\"email\":\""
                + name.toLowerCase() + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.org\"}", null);
        assertEquals(201, answer.status(), "registration is open: " + answer);
        return UUID.fromString(id(answer.body()));
    }

    private static String orderFor(UUID customer) {
        return "{\"customerId\":\"" + customer + "\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"BOOK-1\","
                + "\"quantity\":1,\"unitPrice\":10.00}],\"card\":{\"number\":\"4242 4242 4242 4242\","
                + "\"expiryMonth\":12,\"expiryYear\":2099}}";
    }

    private static String id(String body) {
        Matcher matcher = ID.matcher(body);
        assertTrue(matcher.find(), "no id in " + body);
        return matcher.group(1);
    }

    private static String owner(UUID customer) {
        return token(TestCredentials.customerToken(customer));
    }

    private static String operator() {
        return token(TestCredentials.operatorToken());
    }

    private static String token(String jwt) {
        TOKENS_USED.add(jwt);
        return "Bearer " + jwt;
    }

    record Request(String method, SagaService service, String path, String json) {
        Answer send(String authorization) {
            return AccessControlIT.send(method, service, path, json, authorization);
        }
    }

    record Answer(int status, String contentType, String wwwAuthenticate, String body) {
    }

    static Answer send(String method, SagaService service, String path, String json, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .timeout(Duration.ofSeconds(40))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("WWW-Authenticate").orElse(""), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
