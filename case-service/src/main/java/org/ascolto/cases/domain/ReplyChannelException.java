package org.ascolto.cases.domain;

/** A case whose citizen cannot be answered where they last wrote: a channel without replies (a call), or no address. */
public class ReplyChannelException extends RuntimeException {

    public ReplyChannelException(String reason) {
        super("Case " + reason);
    }
}
