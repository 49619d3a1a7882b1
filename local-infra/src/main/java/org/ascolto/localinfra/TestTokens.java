package org.ascolto.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;

/**
 * Bearer tokens for tests, shaped as the city's identity provider issues them (Keycloak: {@code preferred_username},
 * {@code realm_access.roles}, the operator's {@code queues}, audience {@code ascolto-api}) and signed with a key of this
 * test run, whose public half the services under test verify with ({@link IdentityTestResource}).
 */
public final class TestTokens {

    public static final String ISSUER = "https://identity.test/realms/ascolto";
    public static final String AUDIENCE = "ascolto-api";
    /** One key pair per test JVM, whatever class loader asks. */
    private static final String KEY = "ascolto.test.identity.key";
    private static final String PEM = "ascolto.test.identity.pem";

    /**
     * This class loader's copy of the JVM's one key pair, which a system property keeps as text (PKCS#8 and X.509 in
     * base64) for every class loader that asks.
     */
    private static KeyPair keys;

    private TestTokens() {
    }

    /** A token of {@code user} with these roles and queues, valid for an hour. */
    public static String of(String user, List<String> roles, List<String> queues) {
        return token(user, roles, queues, Instant.now(), Duration.ofHours(1), ISSUER);
    }

    public static String operator(String user, String... queues) {
        return of(user, List.of("operator"), List.of(queues));
    }

    public static String supervisor(String user) {
        return of(user, List.of("supervisor"), List.of());
    }

    /** A token that expired a minute ago. */
    public static String expired(String user, String role) {
        return token(user, List.of(role), List.of(), Instant.now().minus(Duration.ofHours(1)), Duration.ofMinutes(59), ISSUER);
    }

    /** A well-formed token of another issuer, signed with this run's key: a service must still refuse it. */
    public static String ofAnotherIssuer(String user, String role) {
        return token(user, List.of(role), List.of(), Instant.now(), Duration.ofHours(1), "https://elsewhere.example/realms/ascolto");
    }

    /**
     * A PEM file of the public key the services verify with, for {@code mp.jwt.verify.publickey.location}
     * ({@code MP_JWT_VERIFY_PUBLICKEY_LOCATION} of a packaged service).
     */
    public static synchronized String publicKeyLocation() {
        return PerJvm.get(PEM, TestTokens::writePublicKey);
    }

    private static String writePublicKey() {
        try {
            Path file = Files.createTempFile("ascolto-test-identity", ".pem");
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys().getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            file.toFile().deleteOnExit();
            return file.toUri().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String token(String user, List<String> roles, List<String> queues, Instant issuedAt, Duration lifetime,
            String issuer) {
        return Jwt.issuer(issuer)
                .subject(UUID.nameUUIDFromBytes(user.getBytes()).toString())
                .claim("preferred_username", user)
                .audience(AUDIENCE)
                .claim("realm_access", Map.of("roles", roles))
                .claim("queues", queues)
                .issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(lifetime))
                .jws().keyId("ascolto-test")
                .sign(keys().getPrivate());
    }

    /**
     * One key pair per test JVM, whatever class loader asks: kept in a system property as text (PKCS#8 and X.509 in
     * base64), since system properties must hold strings only.
     */
    private static synchronized KeyPair keys() {
        if (keys == null) {
            String[] parts = PerJvm.get(KEY, TestTokens::newKeyPair).split(" ");
            try {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                keys = new KeyPair(rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(parts[1]))),
                        rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[0]))));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("RSA is part of every Java platform", e);
            }
        }
        return keys;
    }

    private static String newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + " "
                    + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every Java platform", e);
        }
    }
}
