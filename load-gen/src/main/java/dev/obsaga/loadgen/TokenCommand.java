package dev.obsaga.loadgen;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;

import dev.obsaga.contracts.auth.DevIssuer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code load-gen token --customer <id>}: prints a bearer token of the local dev issuer (README: Security). */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Prints a bearer token signed with the dev issuer's private key, for curl and experiments.")
public class TokenCommand implements Callable<Integer> {

    static class Holder {
        @Option(names = "--customer", paramLabel = "ID", required = true,
                description = "A customer token: may read only this customer's data and place its orders.")
        UUID customer;

        @Option(names = "--operator", required = true, description = "An operator token: may read everything.")
        boolean operator;
    }

    @ArgGroup(multiplicity = "1")
    Holder holder;

    @Option(names = "--private-key", defaultValue = "${env:OBSAGA_AUTH_PRIVATE_KEY}", paramLabel = "FILE",
            required = true, description = "PKCS#8 PEM key of the dev issuer (default: $OBSAGA_AUTH_PRIVATE_KEY).")
    Path privateKey;

    @Option(names = "--validity", defaultValue = "8h", converter = OptionValues.DurationConverter.class,
            description = "How long the token is valid (default ${DEFAULT-VALUE}).")
    Duration validity;

    @Override
    public Integer call() {
        DevIssuer issuer = DevIssuer.fromPemFile(privateKey);
        System.out.println(holder.operator ? issuer.operatorToken(validity)
                : issuer.customerToken(holder.customer, validity));
        return 0;
    }
}
