package org.ascolto.adapter;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A {@code sha256=<hex HMAC-SHA256(secret, raw body)>} signature header, as Meta's
 * {@code X-Hub-Signature-256} and the contact center's {@code X-Ascolto-Signature-256} carry it.
 */
public final class WebhookSignature {

    private static final String PREFIX = "sha256=";

    private final Mac prototype;

    public WebhookSignature(String secret) {
        try {
            prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }

    /** The header value a sender puts on {@code body}. */
    public String sign(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(body));
    }

    /** Whether {@code header} signs exactly these bytes; compared in constant time. */
    public boolean verifies(String header, byte[] body) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(given, mac(body));
    }

    private byte[] mac(byte[] body) {
        try {
            return ((Mac) prototype.clone()).doFinal(body);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
