package dev.obsaga.faulttests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.obsaga.testsupport.SagaProcesses;
import dev.obsaga.testsupport.SagaService;

/**
 * Which service processes hold a TCP connection to a broker port, from the kernel's socket table ({@code ss}): the
 * services pick their node at random from RABBITMQ_ADDRESSES, so a test that kills a node asks who was on it.
 */
final class BrokerConnections {

    private BrokerConnections() {
    }

    static Set<SagaService> servicesConnectedTo(SagaProcesses instances, int brokerPort) {
        String sockets = ss(brokerPort);
        Set<SagaService> connected = EnumSet.noneOf(SagaService.class);
        for (SagaService service : SagaService.values()) {
            if (instances.isRunning(service) && sockets.contains("pid=" + instances.pid(service) + ",")) {
                connected.add(service);
            }
        }
        return connected;
    }

    private static String ss(int brokerPort) {
        List<String> command = List.of("ss", "-tnpH", "state", "established", "( dport = :" + brokerPort + " )");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("the test needs ss (iproute2): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
