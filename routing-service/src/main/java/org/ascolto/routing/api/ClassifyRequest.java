package org.ascolto.routing.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A message to classify without publishing it; the channel, when given, is a contact channel name. */
public record ClassifyRequest(
        @NotBlank @Size(max = ClassifyRequest.MAX_TEXT_LENGTH) String text,
        @Pattern(regexp = "[a-z][a-z0-9-]{0,31}", message = "must be a channel name such as whatsapp or web") String channel) {

    static final int MAX_TEXT_LENGTH = 20_000;
}
