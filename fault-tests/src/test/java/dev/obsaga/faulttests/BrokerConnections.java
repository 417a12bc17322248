package dev.obsaga.faulttests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.obsaga.testsupport.SagaProcesses;
import dev.obsaga.testsupport.SagaService;

/**
 * How many TCP connections each service process holds to a set of broker ports, from the kernel's socket table
 * ({@code ss}): the services pick their node at random from RABBITMQ_ADDRESSES (each connection on its own), so a
 * test that kills a node asks who was on it and, afterwards, whether every connection found another node.
 */
final class BrokerConnections {

    private BrokerConnections() {
    }

    /** Established connections per running service of {@code instances} to any of {@code brokerPorts}. */
    static Map<SagaService, Long> count(SagaProcesses instances, Collection<Integer> brokerPorts) {
        List<String> sockets = ss(brokerPorts);
        Map<SagaService, Long> connections = new EnumMap<>(SagaService.class);
        for (SagaService service : SagaService.values()) {
            if (instances.isRunning(service)) {
                String owner = "pid=" + instances.pid(service) + ",";
                connections.put(service, sockets.stream().filter(line -> line.contains(owner)).count());
            }
        }
        return connections;
    }

    private static List<String> ss(Collection<Integer> brokerPorts) {
        String ports = brokerPorts.stream().map(port -> "dport = :" + port).collect(Collectors.joining(" or "));
        List<String> command = new ArrayList<>(List.of("ss", "-tnpH", "state", "established", "( " + ports + " )"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output.lines().toList();
        } catch (IOException e) {
            throw new IllegalStateException("the test needs ss (iproute2): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
