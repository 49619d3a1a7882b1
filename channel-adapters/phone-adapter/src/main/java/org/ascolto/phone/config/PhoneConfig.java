package org.ascolto.phone.config;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The contact center that sends its call records to this adapter. */
@ConfigMapping(prefix = "ascolto.phone")
public interface PhoneConfig {

    /** The secret the contact center signs each request body with ({@code X-Ascolto-Signature-256}). */
    String signingSecret();

    /** The {@code Attributes} keys of the operator's wrap-up note, in order: the first present is the request text. */
    @WithDefault("wrapUpNote,note")
    List<String> noteAttributes();

    /** The {@code Attributes} key of the caller's IVR menu choice. */
    @WithDefault("ivrChoice")
    String ivrAttribute();
}
