package org.ascolto.cases.domain;

import java.util.EnumSet;
import java.util.Set;

/** The lifecycle of a case. */
public enum CaseStatus {
    NEW, ASSIGNED, IN_PROGRESS, WAITING_CITIZEN, RESOLVED, CLOSED;

    /** Statuses in which a new contact of the same citizen and category joins the case. */
    public static final Set<CaseStatus> OPEN = EnumSet.of(NEW, ASSIGNED, IN_PROGRESS, WAITING_CITIZEN);
}
