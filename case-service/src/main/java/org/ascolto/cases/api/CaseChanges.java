package org.ascolto.cases.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.ascolto.cases.domain.CaseStatus;

/** The bodies of an operator's changes; who made them is the bearer token's user, never a field of the body. */
public final class CaseChanges {

    private CaseChanges() {
    }

    public record StatusChange(@NotNull CaseStatus status) {
    }

    public record AssigneeChange(@NotBlank @Size(max = 128) String assignee) {
    }

    /** A move to another queue; the reason, when given, joins the timeline as the caller's note. */
    public record QueueChange(@NotBlank @Size(max = 64) String queue, @Size(max = 2_000) String reason) {
    }

    public record NewNote(@NotBlank @Size(max = 10_000) String text) {
    }
}
