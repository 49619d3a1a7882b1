package org.ascolto.contracts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic contact ids: an RFC 9562 version 5 (SHA-1, name-based) UUID of
 * {@code channel + ":" + externalId} in the {@link #NAMESPACE} namespace, so a redelivered
 * message always gets the same id, in any language that implements UUIDv5.
 */
public final class ContactIds {

    /** The Ascolto contact namespace, itself the UUIDv5 of "ascolto:contact" in the URL namespace. */
    public static final UUID NAMESPACE = UUID.fromString("10579c5d-3ba8-5fe6-ba25-4f1e7b12d2d0");

    private ContactIds() {
    }

    public static UUID of(String channel, String externalId) {
        if (channel == null || channel.isBlank() || externalId == null || externalId.isBlank()) {
            throw new IllegalArgumentException("channel and externalId are required for a contact id");
        }
        return nameBased(NAMESPACE, channel + ":" + externalId);
    }

    static UUID nameBased(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java platform", e);
        }
        sha1.update(ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits())
                .array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
