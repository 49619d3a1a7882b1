package org.ascolto.cases.domain;

/** A category correction the case's state does not allow: the category it already has, or a closed case. */
public class IllegalCorrectionException extends RuntimeException {

    public IllegalCorrectionException(String message) {
        super(message);
    }
}
