package org.ascolto.keyring;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that wraps every data key in the keyring database ({@code ASCOLTO_KEYRING_MASTER_KEY}, 32 bytes in base64):
 * the database alone opens nothing. A wrapped key is bound to its citizen key and key id, so a row copied onto
 * another citizen's does not unwrap.
 */
public final class MasterKey {

    /** The development key of the dev and test profiles and the local run; production refuses it. */
    public static final String DEVELOPMENT = "bG9jYWwtZGV2ZWxvcG1lbnQta2V5cmluZy1rZXktMzI=";

    private final SecretKey key;

    private MasterKey(SecretKey key) {
        this.key = key;
    }

    /** The master key from its base64 form; anything but 32 bytes in base64 is refused, naming the variable, never the value. */
    public static MasterKey of(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64 == null ? "" : base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ASCOLTO_KEYRING_MASTER_KEY is not base64: give 32 random bytes in base64");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("ASCOLTO_KEYRING_MASTER_KEY must be 32 bytes in base64, not " + bytes.length);
        }
        return new MasterKey(new SecretKeySpec(bytes, "AES"));
    }

    byte[] wrap(String citizenKey, DataKey dataKey) {
        return Aead.seal(key, dataKey.key().getEncoded(), boundTo(citizenKey, dataKey.id()));
    }

    /** The data key of a row; a master key that does not open it is a configuration fault, never an erasure. */
    DataKey unwrap(String citizenKey, UUID keyId, byte[] wrapped) {
        try {
            return new DataKey(keyId, new SecretKeySpec(Aead.open(key, wrapped, boundTo(citizenKey, keyId)), "AES"));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KeyringUnavailableException("the master key does not open the citizens' data keys:"
                    + " ASCOLTO_KEYRING_MASTER_KEY is not the key they were wrapped with", e);
        }
    }

    private static byte[] boundTo(String citizenKey, UUID keyId) {
        return ("citizen-data-key\n" + citizenKey + "\n" + keyId).getBytes(StandardCharsets.UTF_8);
    }
}
