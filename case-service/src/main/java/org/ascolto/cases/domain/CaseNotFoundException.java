package org.ascolto.cases.domain;

import java.util.UUID;

/** An operator named a case that does not exist. */
public class CaseNotFoundException extends RuntimeException {

    public CaseNotFoundException(UUID caseId) {
        super("No case " + caseId);
    }
}
