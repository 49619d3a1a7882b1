package org.ascolto.open311.domain;

/** A posted service request that Open311 and the contract do not accept; the message says why, for the civic app. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String reason) {
        super(reason);
    }
}
