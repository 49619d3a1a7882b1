package org.ascolto.web.domain;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.ascolto.adapter.PhoneNumber;

/** What a citizen submits on the Scrivi portal. */
public record ScriviForm(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Email @Size(max = 320) String email,
        @PhoneNumber String phone,
        @FiscalCode String fiscalCode,
        @NotBlank @Size(max = 200) String subject,
        @NotBlank @Size(max = 5000) String message,
        @Size(max = 500) String address,
        @DecimalMin("-90") @DecimalMax("90") Double latitude,
        @DecimalMin("-180") @DecimalMax("180") Double longitude,
        @Size(max = 10) List<@Valid @NotNull AttachmentReference> attachments,
        @NotNull(message = "must be given: the request cannot be stored without the citizen's consent")
        @AssertTrue(message = "must be true: the request cannot be stored without the citizen's consent") Boolean privacyConsent) {

    /** A file the portal already stored (photos of the problem, a document): the contact carries only its address. */
    public record AttachmentReference(
            @NotBlank @Size(max = 2048) @Pattern(regexp = "https://\\S+", message = "must be an https URL") String url,
            @Size(max = 255) String mediaType) {
    }

    /** A place is an address, a point, or both; a point needs both coordinates. */
    @AssertTrue(message = "latitude and longitude go together")
    public boolean isCoordinatesComplete() {
        return (latitude == null) == (longitude == null);
    }
}
