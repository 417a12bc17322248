package dev.obsaga.bench;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.obsaga.contracts.topology.Subscription;

/**
 * Waits (bounded) until the saga's queues in the bench's vhost are empty, so that one step's backlog does not
 * spill into the next step's measurement. Depths come from passive declares over AMQP (no management API here).
 */
final class QueueDrain {

    private QueueDrain() {
    }

    /** @return the messages still queued when it gave up (0: drained) */
    static long await(BenchSettings s, int maxSeconds) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setVirtualHost(s.vhost());
        try (Connection connection = factory.newConnection("obsaga-bench-drain")) {
            long depth = depth(connection);
            for (int i = 0; i < maxSeconds && depth > 0; i++) {
                Shell.sleep(1);
                depth = depth(connection);
            }
            return depth;
        } catch (IOException | TimeoutException e) {
            return -1;
        }
    }

    private static long depth(Connection connection) throws IOException {
        long total = 0;
        for (Subscription subscription : Subscription.values()) {
            // A passive declare of a missing queue closes its channel: one channel per queue.
            try (Channel channel = connection.createChannel()) {
                total += channel.queueDeclarePassive(subscription.queue()).getMessageCount();
            } catch (IOException | TimeoutException | RuntimeException e) {
                // not declared (yet): empty
            }
        }
        return total;
    }
}
