package dev.obsaga.loadgen;

/**
 * Plain-JVM entry point ({@code java -cp ... dev.obsaga.loadgen.Main}), used by tests that start the CLI as a
 * child process. The packaged CLI ({@code quarkus-run.jar}) runs the same {@link LoadGenCommand} through
 * {@link LoadGenApp}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(LoadGenCommand.commandLine().execute(args));
    }
}
