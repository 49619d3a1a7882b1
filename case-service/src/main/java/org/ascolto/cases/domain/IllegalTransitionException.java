package org.ascolto.cases.domain;

/** An operator asked for a status change the lifecycle does not allow from the case's current status. */
public class IllegalTransitionException extends RuntimeException {

    public IllegalTransitionException(CaseStatus from, CaseStatus to) {
        super("A case in status " + from + " cannot move to " + to + "; allowed: " + from.next());
    }
}
