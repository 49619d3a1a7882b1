package org.ascolto.cases.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.ascolto.cases.domain.CaseStatus;

/** The bodies of the operator's changes; {@code operator} names who made it, for the history and the case events. */
public final class CaseChanges {

    private CaseChanges() {
    }

    public record StatusChange(@NotNull CaseStatus status, @NotBlank @Size(max = 128) String operator) {
    }

    public record AssigneeChange(@NotBlank @Size(max = 128) String assignee, @NotBlank @Size(max = 128) String operator) {
    }

    public record QueueChange(@NotBlank @Size(max = 64) String queue, @NotBlank @Size(max = 128) String operator) {
    }

    public record NewNote(@NotBlank @Size(max = 10_000) String text, @NotBlank @Size(max = 128) String operator) {
    }
}
