package dev.obsaga.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * A RabbitMQ cluster of the test's own: {@code n} {@code rabbitmq-server} nodes on this machine ({@code obsaga-r1@localhost}
 * …), each with its AMQP port, distribution port, data and log directories under {@code directory}, joined with
 * {@code rabbitmqctl join_cluster}. The nodes and their CLI calls share an Erlang cookie of their own (a {@code HOME}
 * under {@code directory}), run no plugin and read no file of the machine's broker, whose node is never addressed:
 * every {@code rabbitmqctl} call names its node with {@code -n}.
 */
public final class RabbitCluster implements AutoCloseable {

    /** First AMQP port (node i listens on first + i - 1); distribution ports are 20000 higher. */
    public static final int FIRST_PORT = Integer.parseInt(
            System.getenv().getOrDefault("TEST_RABBITMQ_CLUSTER_PORT", "5701"));
    /** Where the broker's own scripts are (not the /usr/sbin wrappers, which switch to the rabbitmq user). */
    private static final Path BIN = Path.of(System.getenv().getOrDefault("TEST_RABBITMQ_BIN", "/usr/lib/rabbitmq/bin"));
    private static final Duration BOOT = Duration.ofSeconds(120);

    private final Path directory;
    private final int size;
    private final Map<String, Process> processes = new LinkedHashMap<>();

    public RabbitCluster(Path directory, int size) {
        this.directory = directory.toAbsolutePath();
        this.size = size;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> processes.values().forEach(Process::destroyForcibly),
                "rabbit-cluster-cleanup"));
    }

    /** Starts every node (fresh data), joins nodes 2..n to node 1, then makes {@code vhost} with guest's rights. */
    public RabbitCluster start(String vhost) {
        try {
            deleteRecursively(directory);
            Files.createDirectories(directory.resolve("home"));
            Path cookie = directory.resolve("home/.erlang.cookie");
            Files.writeString(cookie, "OBSAGA" + UUID.randomUUID().toString().replace("-", "").toUpperCase());
            Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("r--------"));
            Files.writeString(directory.resolve("enabled_plugins"), "[].\n");
            Files.writeString(directory.resolve("rabbitmq-env.conf"), "");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot prepare " + directory, e);
        }
        for (String node : nodes()) {
            launch(node);
        }
        for (String node : nodes()) {
            awaitStartup(node);
        }
        String first = node(1);
        for (String node : nodes().subList(1, size)) {
            ctl(node, "stop_app");
            ctl(node, "join_cluster", first);
            ctl(node, "start_app");
        }
        ctl(first, "add_vhost", vhost);
        ctl(first, "set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
        return this;
    }

    public List<String> nodes() {
        List<String> nodes = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            nodes.add(node(i));
        }
        return nodes;
    }

    public static String node(int index) {
        return "obsaga-r" + index + "@localhost";
    }

    public int amqpPort(String node) {
        return FIRST_PORT + index(node) - 1;
    }

    /** {@code host:port,host:port,…}: what RABBITMQ_ADDRESSES takes. */
    public String addresses() {
        return nodes().stream().map(node -> "127.0.0.1:" + amqpPort(node)).collect(Collectors.joining(","));
    }

    /** The node leading a quorum queue now, or empty while none does (an election under way). */
    public String leaderOf(String vhost, String queue) {
        String any = runningNode();
        for (String line : ctl(any, "list_queues", "-p", vhost, "name", "leader", "--quiet", "--no-table-headers")
                .split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length == 2 && columns[0].equals(queue)) {
                return columns[1];
            }
        }
        return "";
    }

    /** SIGKILL to the node's Erlang VM: no goodbye to its peers or its clients. */
    public void kill(String node) {
        String pid = ctl(node, "eval", "os:getpid().").trim().replace("\"", "");
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
        Process process = processes.remove(node);
        if (process != null) {
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts a stopped or killed node again on its data; it rejoins the cluster by itself. */
    public void startAgain(String node) {
        launch(node);
        awaitStartup(node);
    }

    /** A graceful restart of one node (stop, start), as a rolling upgrade does it. */
    public void restart(String node) {
        stop(node);
        startAgain(node);
    }

    public boolean isRunning(String node) {
        Process process = processes.get(node);
        return process != null && process.isAlive();
    }

    /** Messages ready in a queue, read through any node that answers. */
    public long messageCount(String vhost, String queue) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setVirtualHost(vhost);
        factory.setConnectionTimeout(5_000);
        List<Address> addresses = nodes().stream().filter(this::isRunning)
                .map(node -> new Address("127.0.0.1", amqpPort(node))).toList();
        try (Connection connection = factory.newConnection(addresses, "obsaga-cluster-test");
                Channel channel = connection.createChannel()) {
            return channel.messageCount(queue);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cluster queue " + queue + " not readable: " + e, e);
        }
    }

    private void stop(String node) {
        ctl(node, "stop");
        Process process = processes.remove(node);
        if (process != null) {
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String runningNode() {
        return nodes().stream().filter(this::isRunning).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node of the cluster is running"));
    }

    private int index(String node) {
        return Integer.parseInt(node.substring("obsaga-r".length(), node.indexOf('@')));
    }

    private void launch(String node) {
        int i = index(node);
        Path home = directory.resolve("n" + i);
        try {
            Files.createDirectories(home.resolve("mnesia"));
            Files.createDirectories(home.resolve("log"));
            Files.writeString(home.resolve("rabbitmq.conf"), "listeners.tcp.default = 127.0.0.1:" + amqpPort(node)
                    + "\nloopback_users.guest = true\n");
            ProcessBuilder builder = new ProcessBuilder(BIN.resolve("rabbitmq-server").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("stdout.log").toFile()));
            Map<String, String> env = builder.environment();
            env.putAll(cliEnvironment());
            env.put("RABBITMQ_NODENAME", node);
            env.put("RABBITMQ_NODE_PORT", String.valueOf(amqpPort(node)));
            env.put("RABBITMQ_DIST_PORT", String.valueOf(amqpPort(node) + 20000));
            env.put("RABBITMQ_MNESIA_BASE", home.resolve("mnesia").toString());
            env.put("RABBITMQ_LOG_BASE", home.resolve("log").toString());
            env.put("RABBITMQ_CONFIG_FILE", home.resolve("rabbitmq.conf").toString());
            env.put("RABBITMQ_ENABLED_PLUGINS_FILE", directory.resolve("enabled_plugins").toString());
            env.put("RABBITMQ_PID_FILE", home.resolve("pid").toString());
            env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
            processes.put(node, builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("Could not start RabbitMQ node " + node + " (" + BIN + ")", e);
        }
    }

    private Map<String, String> cliEnvironment() {
        return Map.of("HOME", directory.resolve("home").toString(),
                "RABBITMQ_CONF_ENV_FILE", directory.resolve("rabbitmq-env.conf").toString(),
                "ERL_EPMD_ADDRESS", "127.0.0.1");
    }

    private void awaitStartup(String node) {
        await("RabbitMQ node " + node + " started").atMost(BOOT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (!isRunning(node)) {
                throw new IllegalStateException(node + " exited; see " + directory.resolve("n" + index(node)));
            }
            return run(List.of(BIN.resolve("rabbitmqctl").toString(), "-n", node, "await_startup", "--timeout", "20"))
                    .exitCode == 0;
        });
    }

    /** rabbitmqctl against one of this cluster's nodes; fails loudly when it fails. */
    public String ctl(String node, String... arguments) {
        List<String> command = new ArrayList<>(List.of(BIN.resolve("rabbitmqctl").toString(), "-n", node));
        command.addAll(List.of(arguments));
        Result result = run(command);
        if (result.exitCode != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output);
        }
        return result.output;
    }

    private record Result(int exitCode, String output) {
    }

    private Result run(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(cliEnvironment());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command.get(0) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (String node : new ArrayList<>(processes.keySet())) {
            try {
                stop(node);
            } catch (RuntimeException e) {
                processes.remove(node).destroyForcibly();
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
