package dev.obsaga.loadgen;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Entry point of {@code quarkus-run.jar}: a Quarkus command-mode app running the picocli {@link LoadGenCommand}. */
@QuarkusMain
public class LoadGenApp implements QuarkusApplication {

    @Override
    public int run(String... args) {
        return LoadGenCommand.commandLine().execute(args);
    }
}
