package org.ascolto.contracts;

/** A record that does not parse or does not validate against its schema; its message is the reason. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String reason) {
        super(reason);
    }
}
