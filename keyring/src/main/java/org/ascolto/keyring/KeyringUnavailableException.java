package org.ascolto.keyring;

/**
 * The keyring cannot answer now: its database does not, or the master key does not open the data keys. Never a reason
 * to call a record erased or invalid: the caller waits and tries again (a consumer) or answers 503 (an adapter).
 */
public class KeyringUnavailableException extends RuntimeException {

    public KeyringUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
