package org.ascolto.adapter;

/** An idempotency key sent again with another body: refused with 422, as the IETF Idempotency-Key draft says. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("This Idempotency-Key was used for a request with another body; use a new key for a new request.");
    }
}
