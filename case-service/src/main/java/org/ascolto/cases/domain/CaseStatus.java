package org.ascolto.cases.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The lifecycle of a case: NEW → ASSIGNED → IN_PROGRESS ⇄ WAITING_CITIZEN → RESOLVED → CLOSED. */
public enum CaseStatus {
    NEW, ASSIGNED, IN_PROGRESS, WAITING_CITIZEN, RESOLVED, CLOSED;

    /** Statuses in which a new contact of the same citizen and category joins the case. */
    public static final Set<CaseStatus> OPEN = EnumSet.of(NEW, ASSIGNED, IN_PROGRESS, WAITING_CITIZEN);

    private static final Map<CaseStatus, Set<CaseStatus>> NEXT = Map.of(
            NEW, EnumSet.of(ASSIGNED, IN_PROGRESS, RESOLVED, CLOSED),
            ASSIGNED, EnumSet.of(NEW, IN_PROGRESS, RESOLVED),
            IN_PROGRESS, EnumSet.of(WAITING_CITIZEN, RESOLVED),
            WAITING_CITIZEN, EnumSet.of(IN_PROGRESS, RESOLVED),
            RESOLVED, EnumSet.of(IN_PROGRESS, CLOSED),
            CLOSED, EnumSet.noneOf(CaseStatus.class));

    public boolean canMoveTo(CaseStatus next) {
        return NEXT.get(this).contains(next);
    }

    public Set<CaseStatus> next() {
        return NEXT.get(this);
    }

    /** The Open311 status: a case is {@code closed} once resolved. */
    public String open311() {
        return this == RESOLVED || this == CLOSED ? "closed" : "open";
    }
}
