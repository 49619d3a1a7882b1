package org.ascolto.keyring;

import java.util.UUID;

import javax.crypto.SecretKey;

/** A citizen's AES-256 data key and its id, which every blob sealed with it names. */
public record DataKey(UUID id, SecretKey key) {
}
