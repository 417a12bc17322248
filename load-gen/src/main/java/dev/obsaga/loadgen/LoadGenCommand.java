package dev.obsaga.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import dev.obsaga.contracts.auth.DevIssuer;
import dev.obsaga.loadgen.OptionValues.DurationConverter;
import dev.obsaga.loadgen.OptionValues.FaultConverter;
import dev.obsaga.loadgen.OptionValues.OnOffConverter;
import dev.obsaga.loadgen.OptionValues.ScenarioConverter;
import dev.obsaga.loadgen.OptionValues.Toggle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The CLI: options → {@link LoadOptions} → {@link LoadRun} → table, JSON report, exit code. */
@Command(name = "load-gen", mixinStandardHelpOptions = true, version = "load-gen 0.1.0",
        exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SETUP_FAILED,
        sortOptions = false, usageHelpWidth = 110,
        description = {
            "Open-model load generator for the order saga: requests start at their intended arrival times "
                    + "whatever the latency, latency is measured from the intended start, and every accepted "
                    + "order is followed to CONFIRMED/REJECTED.",
            ""},
        subcommands = TokenCommand.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:run passed",
            "1:threshold broken (--max-error-rate, --max-p99, 5xx in scenario invalid)",
            "2:accepted orders lost (not final within --saga-deadline)",
            "3:usage error",
            "4:set-up or fault control failed (or the run crashed)"})
public class LoadGenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rate", defaultValue = "100", description = "Arrival rate, requests per second (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
            description = "Measured load time, after the warm-up (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "0s", converter = DurationConverter.class,
            description = "Load before the measured part, left out of the numbers (default ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--ramp", defaultValue = "0s", converter = DurationConverter.class,
            description = "Linear ramp from 0 to --rate at the start (default ${DEFAULT-VALUE}).")
    Duration ramp;

    @Option(names = "--max-in-flight", defaultValue = "1000",
            description = "Outstanding placements at most; a request due beyond is dropped and counted (default ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--scenario", defaultValue = "happy", converter = ScenarioConverter.class,
            description = "Load scenario: happy, mixed, invalid (default ${DEFAULT-VALUE}).")
    ScenarioKind scenario;

    @Option(names = "--customers", defaultValue = "50", description = "Customers registered before the load (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--saga-deadline", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long an accepted order may take to become final before it counts as lost (default ${DEFAULT-VALUE}).")
    Duration sagaDeadline;

    @Option(names = "--seed", description = "Seed of the request mix and customer data (default: random, printed in the report).")
    Long seed;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the JSON report to FILE ('-' for stdout).")
    Path report;

    @Option(names = "--max-error-rate", defaultValue = "0.01",
            description = "Fail (exit 1) when (unexpected answers + transport errors + dropped) / scheduled exceeds this (default ${DEFAULT-VALUE}).")
    double maxErrorRate;

    @Option(names = "--max-p99", paramLabel = "MS", description = "Fail (exit 1) when the placement p99 exceeds MS milliseconds.")
    Double maxP99;

    @Option(names = "--traceparent", arity = "0..1", defaultValue = "on", fallbackValue = "on", paramLabel = "on|off",
            converter = OnOffConverter.class,
            description = "Export a client span per request (OTLP to --otlp-endpoint) and send its W3C traceparent: "
                    + "each order's trace starts at load-gen; a poll is a trace of its own linked to its order "
                    + "(default ${DEFAULT-VALUE}; no endpoint also means off).")
    Toggle traceparent;

    @Option(names = "--otlp-endpoint", defaultValue = "${env:OTEL_EXPORTER_OTLP_ENDPOINT}", paramLabel = "URL",
            description = "OTLP http/protobuf base URL for load-gen's spans, service.name=load-gen "
                    + "(default: $OTEL_EXPORTER_OTLP_ENDPOINT; unset: no spans, no traceparent).")
    String otlpEndpoint;

    @Option(names = "--fault", converter = FaultConverter.class, paramLabel = "SCENARIO",
            description = "Fault scenario: payment-errors, payment-latency, customers-outage, customers-slow, consumer-stalled, notification-errors, notifications-stalled, poison-messages.")
    FaultScenario fault;

    @Option(names = "--fault-start", defaultValue = "0s", converter = DurationConverter.class,
            description = "When the fault goes on, from the start of the load (default ${DEFAULT-VALUE}).")
    Duration faultStart;

    @Option(names = "--fault-duration", converter = DurationConverter.class,
            description = "How long the fault stays on (default: until the load ends).")
    Duration faultDuration;

    @Option(names = "--fault-grace", defaultValue = "5s", converter = DurationConverter.class,
            description = "After the reset, the fault's known errors still count as expected for this long (default ${DEFAULT-VALUE}).")
    Duration faultGrace;

    @Option(names = "--customers-url", defaultValue = "http://127.0.0.1:8081", paramLabel = "URL",
            description = "customers API (default ${DEFAULT-VALUE}).")
    URI customersUrl;

    @Option(names = "--orders-url", defaultValue = "http://127.0.0.1:8082", paramLabel = "URL",
            description = "orders API (default ${DEFAULT-VALUE}).")
    URI ordersUrl;

    @Option(names = "--payments-url", defaultValue = "http://127.0.0.1:8083", paramLabel = "URL",
            description = "payments API (default ${DEFAULT-VALUE}).")
    URI paymentsUrl;

    @Option(names = "--notifications-url", defaultValue = "http://127.0.0.1:8084", paramLabel = "URL",
            description = "notifications API (default ${DEFAULT-VALUE}).")
    URI notificationsUrl;

    @Option(names = "--customers-mgmt-url", defaultValue = "http://127.0.0.1:9081", paramLabel = "URL",
            description = "customers management port, for faults (default ${DEFAULT-VALUE}).")
    URI customersMgmtUrl;

    @Option(names = "--orders-mgmt-url", defaultValue = "http://127.0.0.1:9082", paramLabel = "URL",
            description = "orders management port (default ${DEFAULT-VALUE}).")
    URI ordersMgmtUrl;

    @Option(names = "--payments-mgmt-url", defaultValue = "http://127.0.0.1:9083", paramLabel = "URL",
            description = "payments management port (default ${DEFAULT-VALUE}).")
    URI paymentsMgmtUrl;

    @Option(names = "--notifications-mgmt-url", defaultValue = "http://127.0.0.1:9084", paramLabel = "URL",
            description = "notifications management port (default ${DEFAULT-VALUE}).")
    URI notificationsMgmtUrl;

    @Option(names = "--request-timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "Timeout of one HTTP request (default ${DEFAULT-VALUE}).")
    Duration requestTimeout;

    @Option(names = "--max-polls-in-flight", defaultValue = "256", description = "Concurrent GET /orders/{id} (long-)polls at most; each holds a connection while it waits (default ${DEFAULT-VALUE}).")
    int maxPollsInFlight;

    @Option(names = "--poll-min", defaultValue = "5ms", converter = DurationConverter.class,
            description = "First poll delay, doubling per poll (default ${DEFAULT-VALUE}).")
    Duration pollMin;

    @Option(names = "--poll-max", defaultValue = "200ms", converter = DurationConverter.class,
            description = "Longest poll interval (default ${DEFAULT-VALUE}).")
    Duration pollMax;

    @Option(names = "--poll-wait", defaultValue = "5s", converter = DurationConverter.class,
            description = "How long one GET /orders/{id}?wait= may wait on the server for the final state (long-poll); "
                    + "0 polls without waiting (default ${DEFAULT-VALUE}).")
    Duration pollWait;

    @Option(names = "--connections", defaultValue = "256",
            description = "HTTP connections for placements at most; requests beyond wait for one, their wait counted in their latency (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--progress", arity = "0..1", defaultValue = "on", fallbackValue = "on", paramLabel = "on|off",
            converter = OnOffConverter.class, description = "Progress line on stderr once a second (default ${DEFAULT-VALUE}).")
    Toggle progress;

    @Option(names = "--private-key", defaultValue = "${env:OBSAGA_AUTH_PRIVATE_KEY}", paramLabel = "FILE",
            description = "PKCS#8 PEM key of the dev issuer (run-local.sh: .run/jwt/private.pem): load-gen signs "
                    + "itself an operator token with it (default: $OBSAGA_AUTH_PRIVATE_KEY; none: no token sent).")
    Path privateKey;

    /** The command line with its error handling: a usage error prints the problem and a hint, exit 3. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LoadGenCommand());
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("load-gen: " + e.getMessage());
            c.getErr().println("Try 'load-gen --help' for the options.");
            return ExitCodes.USAGE;
        });
        return cli;
    }

    @Override
    public Integer call() throws IOException {
        LoadOptions options = LoadOptions.builder()
                .rate(rate).duration(duration).warmup(warmup).ramp(ramp).maxInFlight(maxInFlight)
                .scenario(scenario).customers(customers).sagaDeadline(sagaDeadline).seed(seed).reportFile(report)
                .maxErrorRate(maxErrorRate).maxP99Ms(maxP99).traceparent(traceparent.on()).otlpEndpoint(otlpEndpoint)
                .fault(fault).faultStart(faultStart).faultDuration(faultDuration).faultGrace(faultGrace)
                .url(Service.CUSTOMERS, customersUrl).url(Service.ORDERS, ordersUrl)
                .url(Service.PAYMENTS, paymentsUrl).url(Service.NOTIFICATIONS, notificationsUrl)
                .managementUrl(Service.CUSTOMERS, customersMgmtUrl).managementUrl(Service.ORDERS, ordersMgmtUrl)
                .managementUrl(Service.PAYMENTS, paymentsMgmtUrl)
                .managementUrl(Service.NOTIFICATIONS, notificationsMgmtUrl)
                .requestTimeout(requestTimeout).maxPollsInFlight(maxPollsInFlight).pollMin(pollMin).pollMax(pollMax)
                .pollWait(pollWait)
                .connections(connections)
                .progress(progress.on() ? System.err : null)
                .log(System.err)
                .bearerToken(runToken())
                .build();
        String problem = options.validate();
        if (problem != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), problem);
        }
        Report result = LoadRun.run(options);
        PrintStream out = System.out;
        ReportPrinter.print(result, out);
        if (report != null) {
            ReportJson.write(result, report, out);
            if (!report.toString().equals("-")) {
                out.println("report written to " + report.toAbsolutePath());
            }
        }
        out.flush();
        return result.exitCode();
    }

    /** An operator token valid for the whole run and its saga deadline, with an hour to spare; null without a key. */
    private String runToken() {
        if (privateKey == null) {
            return null;
        }
        Duration validity = warmup.plus(duration).plus(sagaDeadline).plus(Duration.ofHours(1));
        return DevIssuer.fromPemFile(privateKey).operatorToken(validity);
    }
}
