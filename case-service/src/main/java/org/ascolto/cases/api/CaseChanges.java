package org.ascolto.cases.api;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.ascolto.cases.domain.CaseStatus;
import org.ascolto.contracts.Reply;

/** The bodies of an operator's changes; who made them is the bearer token's user, never a field of the body. */
public final class CaseChanges {

    private CaseChanges() {
    }

    public record StatusChange(@NotNull CaseStatus status) {
    }

    public record AssigneeChange(@NotBlank @Size(max = 128) String assignee) {
    }

    /** A supervisor's reassignment of several cases at once. */
    public record BulkAssignment(@NotEmpty @Size(max = CaseResource.MAX_PAGE) List<@NotNull UUID> caseIds,
            @NotBlank @Size(max = 128) String assignee) {
    }

    /** A move to another queue; the reason, when given, joins the timeline as the caller's note. */
    public record QueueChange(@NotBlank @Size(max = 64) String queue, @Size(max = 2_000) String reason) {
    }

    /** The category an operator says the case belongs to: an area of the taxonomy. */
    public record CategoryChange(@NotBlank @Size(max = 64) String category) {
    }

    public record NewNote(@NotBlank @Size(max = 10_000) String text) {
    }

    /** Whether the case's citizen wants no notices of how their cases go. */
    public record NoticesChoice(@NotNull Boolean optedOut) {
    }

    /** A reply to the citizen, sent on the channel of their latest contact. */
    public record NewReply(@NotBlank @Size(max = Reply.MAX_TEXT)
            @Pattern(regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*", message = "must not hold control characters") String text) {
    }
}
