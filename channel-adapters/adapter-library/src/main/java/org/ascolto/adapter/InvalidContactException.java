package org.ascolto.adapter;

import java.util.List;

/** A contact the contract refuses: answered 422 before anything is published, since the pipeline would drop it. */
public class InvalidContactException extends RuntimeException {

    private final List<String> violations;

    public InvalidContactException(List<String> violations) {
        super("The request becomes a contact the platform cannot accept: " + String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    public List<String> violations() {
        return violations;
    }
}
