package org.ascolto.web;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.ascolto.adapter.PhoneNumber;

/** What a citizen submits on the Scrivi portal. */
public record ScriviForm(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Email @Size(max = 320) String email,
        @PhoneNumber String phone,
        @NotBlank @Size(max = 200) String subject,
        @NotBlank @Size(max = 5000) String message) {
}
