package dev.obsaga.faulttests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.obsaga.contracts.topology.Subscription;
import dev.obsaga.testsupport.RabbitCluster;
import dev.obsaga.testsupport.SagaProcesses;
import dev.obsaga.testsupport.SagaService;
import dev.obsaga.testsupport.TestInfrastructure;
import io.vertx.core.Vertx;

/**
 * Scale-out on this machine: a three-node RabbitMQ cluster of the test's own (quorum queues), two instances of every
 * service against it and the test database (instance "a" on the tests' ports, taking load-gen's requests; instance
 * "b" on ports {@link #SECOND_OFFSET} higher, competing for the same queues and outbox tables). Then, under load:
 * the node that leads payments' queue is SIGKILLed and later another node restarted; one instance of every service
 * is SIGKILLed. Each prints the fault suite's result line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterScenariosIT {

    /** Orders per second: CLUSTER_LOAD_RATE (docs/reliability.md has what this machine sustains, and why). */
    static final double RATE = Double.parseDouble(System.getenv().getOrDefault("CLUSTER_LOAD_RATE", "30"));
    static final int SECOND_OFFSET = 50;
    static final String VHOST = "obsaga-cluster";
    static final Duration RECOVERY = Duration.ofSeconds(120);
    static final List<SagaService> ALL = List.of(SagaService.values());
    static final String PAYMENTS_QUEUE = Subscription.PAYMENTS_ORDER_CREATED.queue();

    static RabbitCluster cluster;
    static Vertx vertx;
    static TestDatabase db;
    static SagaProcesses first;
    static SagaProcesses second;
    static SagaLedger ledger;
    static ScenarioResults results;

    @BeforeAll
    static void startClusterAndTwoOfEverything() throws IOException {
        results = new ScenarioResults(Path.of("target", "cluster-results.txt"));
        cluster = new RabbitCluster(Path.of("target", "rabbit-cluster"), 3).start(VHOST);
        TestInfrastructure.resetTestDatabase();
        vertx = Vertx.vertx();
        db = new TestDatabase(vertx);
        ledger = new SagaLedger(db, queue -> cluster.messageCount(VHOST, queue));
        Map<String, String> env = new HashMap<>();
        env.put("RABBITMQ_ADDRESSES", cluster.addresses());
        env.put("RABBITMQ_VHOST", VHOST);
        // The cluster is the test's own and fresh: its only user is the built-in one. The per-service broker users
        // and their limits are proven on the machine's broker (ServiceIdentitiesIT, every other saga test); the
        // database here is the shared test database, where each service still is its own role.
        env.put("RABBITMQ_USER", "guest");
        env.put("RABBITMQ_PASSWORD", "guest");
        env.put("OTEL_SDK_DISABLED", "true");
        Path apps = Path.of("target", "apps");
        first = new SagaProcesses(Path.of("target", "service-logs", "cluster-a"), env).runningCopiesIn(apps);
        second = new SagaProcesses(Path.of("target", "service-logs", "cluster-b"), env).runningFrom(apps)
                .withPortOffset(SagaService.TEST_PORT_OFFSET + SECOND_OFFSET);
        // One instance of each first: the first start of a service creates its schema; then the second instances,
        // together, against the existing schema and queues.
        first.startTogether();
        second.startTogether();
        BackgroundLoad warm = BackgroundLoad.start(BackgroundLoad.options(Duration.ofSeconds(10)).rate(RATE)
                .ramp(Duration.ofSeconds(10)).build());
        warm.awaitReport(Duration.ofMinutes(2));
        ledger.settle("cluster-warm-up", warm.acceptedOrderIds());
    }

    @AfterAll
    static void stopEverything() {
        for (AutoCloseable closeable : new AutoCloseable[] {second, first, db, cluster}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                System.err.println("cleanup: " + e);
            }
        }
        if (vertx != null) {
            vertx.close();
        }
    }

    @Test
    @Order(1)
    void theNodeLeadingPaymentsQueueSigkilledThenAnotherNodeRestarted() {
        Scenario scenario = Scenario.start("rabbit-leader-sigkill", Duration.ofSeconds(40), RATE, ledger, results);
        // Payments stops consuming for a moment so its queue holds messages when its leader dies.
        for (SagaProcesses instances : List.of(first, second)) {
            assertEquals(200, Probes.put(instances.managementUrl(SagaService.PAYMENTS), "/faults/consumer-paused", "{}"));
        }
        await("order.created piles up in payments' queue").atMost(Duration.ofSeconds(30))
                .until(() -> cluster.messageCount(VHOST, PAYMENTS_QUEUE) >= 3 * RATE);
        String leader = cluster.leaderOf(VHOST, PAYMENTS_QUEUE);
        assertTrue(cluster.nodes().contains(leader), "payments' queue has a leader: " + leader);
        List<Integer> allNodes = cluster.nodes().stream().map(cluster::amqpPort).toList();
        List<Integer> survivors = cluster.nodes().stream().filter(node -> !node.equals(leader))
                .map(cluster::amqpPort).toList();
        Map<SagaService, Long> connectionsBefore = BrokerConnections.count(first, allNodes);
        Set<SagaService> connectedToLeader = onNode(first, cluster.amqpPort(leader));
        long waitingBefore = cluster.messageCount(VHOST, PAYMENTS_QUEUE);

        cluster.kill(leader);
        await("a new leader for payments' queue").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    String now = cluster.leaderOf(VHOST, PAYMENTS_QUEUE);
                    return !now.isEmpty() && !now.equals(leader);
                });
        long waitingAfter = cluster.messageCount(VHOST, PAYMENTS_QUEUE);
        assertTrue(waitingAfter >= waitingBefore, "the queue kept its messages: " + waitingBefore + " before the"
                + " kill, " + waitingAfter + " after");
        for (SagaProcesses instances : List.of(first, second)) {
            assertEquals(204, Probes.delete(instances.managementUrl(SagaService.PAYMENTS), "/faults/consumer-paused"));
        }
        await("readiness back everywhere without the dead node").atMost(RECOVERY).pollInterval(Duration.ofMillis(250))
                .until(() -> ALL.stream().allMatch(Probes::ready));
        // Each connection the dead node held is open again on a surviving one. Readiness alone cannot show that: a
        // publisher reconnects to another node within a fraction of a second, between two probes.
        await("every connection of instance a open again on the surviving nodes").atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertEquals(connectionsBefore, BrokerConnections.count(first, survivors)));
        cluster.startAgain(leader);
        // Later, one more node (not the one just back) restarted gracefully, as a rolling upgrade would.
        String another = cluster.nodes().stream().filter(node -> !node.equals(leader)).findFirst().orElseThrow();
        cluster.restart(another);

        scenario.finish(0);
        System.out.printf("rabbit-leader-sigkill: killed %s (leader of %s, %d messages waiting, %d after), services of"
                + " instance a connected to it: %s, broker connections per service: %s%n", leader, PAYMENTS_QUEUE,
                waitingBefore, waitingAfter, connectedToLeader, connectionsBefore);
        assertFalse(connectedToLeader.isEmpty(), "no service of instance a had a connection on the killed node");
        await("every instance ready at the end").atMost(RECOVERY).until(() -> allReady(first) && allReady(second));
    }

    @Test
    @Order(2)
    void oneInstanceOfEveryServiceSigkilledUnderLoad() {
        Scenario scenario = Scenario.start("one-of-each-sigkill", Duration.ofSeconds(30), RATE, ledger, results);
        await("the second instances busy when they are killed").atMost(Duration.ofSeconds(20))
                .until(() -> Probes.sample(Probes.metrics(second.managementUrl(SagaService.PAYMENTS)),
                        "obsaga_messaging_consume_total", Map.of("queue", PAYMENTS_QUEUE, "outcome", "ack")) > 0);
        for (SagaService service : ALL) {
            second.kill(service);
        }
        scenario.finish(0);
        scenario.assertNeverDown(ALL);
        assertTrue(EnumSet.allOf(SagaService.class).stream().noneMatch(second::isRunning));
    }

    private static Set<SagaService> onNode(SagaProcesses instances, int brokerPort) {
        Set<SagaService> connected = EnumSet.noneOf(SagaService.class);
        BrokerConnections.count(instances, List.of(brokerPort)).forEach((service, connections) -> {
            if (connections > 0) {
                connected.add(service);
            }
        });
        return connected;
    }

    private static boolean allReady(SagaProcesses instances) {
        return ALL.stream().allMatch(service ->
                SagaProcesses.status(instances.managementUrl(service) + "/q/health/ready") == 200);
    }
}
