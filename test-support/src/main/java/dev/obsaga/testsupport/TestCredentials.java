package dev.obsaga.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.obsaga.contracts.auth.ApiRoles;
import dev.obsaga.contracts.auth.DevIssuer;

/**
 * The one place the tests learn the credentials of the system under test: the API tokens (signed with a key pair
 * generated at test time under {@code target/}, never committed) and the environment that configures the
 * services with them. Every client of the APIs in tests takes its tokens from here.
 */
public final class TestCredentials {

    private static final Duration VALIDITY = Duration.ofHours(2);
    private static final Path KEY_DIRECTORY = Path.of("target", "obsaga-test-keys");

    private TestCredentials() {
    }

    /** The PKCS#8 PEM private key of the tests' issuer (load-gen is given this path to mint its own tokens). */
    public static synchronized Path privateKeyFile() {
        Path file = KEY_DIRECTORY.toAbsolutePath().resolve("issuer-private.pem");
        if (!Files.exists(file)) {
            // Generated once per module build; a file rather than a static so that every class loader of a
            // @QuarkusTest (and every child process) sees the same key.
            try {
                Files.createDirectories(file.getParent());
                Path temporary = Files.createTempFile(file.getParent(), "issuer", ".tmp");
                Files.writeString(temporary, DevIssuer.privateKeyPem(DevIssuer.newKeyPair().getPrivate()));
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                    Files.deleteIfExists(temporary);
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot write the tests' key pair under " + file.getParent(), e);
            }
        }
        return file;
    }

    public static String publicKeyPem() {
        return DevIssuer.publicKeyPemOf(privateKeyFile());
    }

    private static DevIssuer issuer() {
        return DevIssuer.fromPemFile(privateKeyFile());
    }

    /**
     * What one service process needs: the key to verify the tests' tokens, and its own broker user and database
     * role ({@link ServiceIdentities}, created by {@link ServiceIdentities#ensure()}).
     */
    public static Map<String, String> serviceEnvironment(SagaService service) {
        String name = service.module();
        return Map.of("MP_JWT_VERIFY_PUBLICKEY", publicKeyPem(),
                "RABBITMQ_USER", ServiceIdentities.brokerUser(name),
                "RABBITMQ_PASSWORD", ServiceIdentities.brokerPassword(name),
                "DB_USER", ServiceIdentities.databaseRole(name),
                "DB_PASSWORD", ServiceIdentities.databasePassword(name));
    }

    static Path keyDirectory() {
        return KEY_DIRECTORY.toAbsolutePath();
    }

    public static String operatorToken() {
        return issuer().operatorToken(VALIDITY);
    }

    public static String customerToken(UUID customerId) {
        return issuer().customerToken(customerId, VALIDITY);
    }

    /** The value of an Authorization header for the operator. */
    public static String operatorAuthorization() {
        return "Bearer " + operatorToken();
    }

    public static String customerAuthorization(UUID customerId) {
        return "Bearer " + customerToken(customerId);
    }

    /** A customer token that expired an hour ago (beyond any clock-skew allowance). */
    public static String expiredCustomerToken(UUID customerId) {
        return issuer().sign(customerId.toString(), List.of(ApiRoles.CUSTOMER), Instant.now().minus(Duration.ofHours(3)),
                Duration.ofHours(2));
    }

    /** A well-formed operator token signed by a key the services do not trust. */
    public static String operatorTokenOfAnotherKey() {
        return new DevIssuer(DevIssuer.newKeyPair().getPrivate(), ApiRoles.LOCAL_ISSUER).operatorToken(VALIDITY);
    }

    /** An operator token with {@code alg: none} and no signature: must never be accepted. */
    public static String unsignedOperatorToken() {
        String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"" + ApiRoles.LOCAL_ISSUER + "\",\"sub\":\"operator\",\"groups\":[\"operator\"],"
                + "\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}";
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
    }
}
