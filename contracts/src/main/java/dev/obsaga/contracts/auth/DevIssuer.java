package dev.obsaga.contracts.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * A token issuer that needs no server: signs RS256 tokens with a private key read from a PKCS#8 PEM file (what
 * {@code openssl genpkey} writes). Used by run-local.sh (through load-gen's {@code token} command), by load-gen for
 * its own requests and by the tests. In production a real identity provider issues the tokens instead.
 */
public final class DevIssuer {

    private final PrivateKey privateKey;
    private final String issuer;

    public DevIssuer(PrivateKey privateKey, String issuer) {
        this.privateKey = privateKey;
        this.issuer = issuer;
    }

    public static DevIssuer fromPemFile(Path privateKeyPem) {
        try {
            return new DevIssuer(readPrivateKey(Files.readString(privateKeyPem)), ApiRoles.LOCAL_ISSUER);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the private key " + privateKeyPem + ": " + e.getMessage(), e);
        }
    }

    public String operatorToken(Duration validity) {
        return sign("operator", List.of(ApiRoles.OPERATOR), Instant.now(), validity);
    }

    public String customerToken(UUID customerId, Duration validity) {
        return sign(customerId.toString(), List.of(ApiRoles.CUSTOMER), Instant.now(), validity);
    }

    /** A token issued at {@code issuedAt}: in the past, it makes an expired token for the tests. */
    public String sign(String subject, List<String> groups, Instant issuedAt, Duration validity) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setStringListClaim("groups", groups);
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(issuedAt.plus(validity).getEpochSecond()));
        claims.setJwtId(UUID.randomUUID().toString());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(privateKey);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String privateKeyPem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    public static String publicKeyPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** The public half of a private key, as PEM: what the services are configured with. */
    public static String publicKeyPemOf(Path privateKeyPem) {
        try {
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) readPrivateKey(Files.readString(privateKeyPem));
            return publicKeyPem(KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())));
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("Cannot read the RSA private key " + privateKeyPem, e);
        }
    }

    static PrivateKey readPrivateKey(String pem) {
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException("Expected a PKCS#8 PEM private key (BEGIN PRIVATE KEY), "
                    + "as written by: openssl genpkey -algorithm RSA");
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a valid RSA private key", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
