package org.ascolto.cases.domain;

/** A caller asked for a case, or a change, that their role and queues do not allow. */
public class CaseAccessDeniedException extends RuntimeException {

    public CaseAccessDeniedException(String reason) {
        super(reason);
    }
}
