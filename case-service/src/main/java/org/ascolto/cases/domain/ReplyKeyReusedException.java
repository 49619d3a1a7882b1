package org.ascolto.cases.domain;

/** An Idempotency-Key already named another reply to the case: the request is not that reply again, nor a new one. */
public class ReplyKeyReusedException extends RuntimeException {

    public ReplyKeyReusedException() {
        super("This Idempotency-Key already named a reply to this case with another text; use a new key for a new reply");
    }
}
