package org.ascolto.web.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.adapter.AdapterConfig;
import org.ascolto.adapter.CitizenKeys;
import org.ascolto.adapter.PhoneNumbers;
import org.ascolto.contracts.Channels;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.ContactIds;
import org.ascolto.web.config.WebConfig;

/** Turns a validated Scrivi form into a citizen contact. */
@ApplicationScoped
public class ScriviNormalizer {

    static final String CHANNEL = Channels.WEB;

    private final CitizenKeys keys;
    private final AdapterConfig config;
    private final WebConfig web;

    public ScriviNormalizer(CitizenKeys keys, AdapterConfig config, WebConfig web) {
        this.keys = keys;
        this.config = config;
        this.web = web;
    }

    /** {@code submissionId} is the portal's idempotency key: the same submission is the same contact. */
    public CitizenContact normalize(ScriviForm form, String submissionId, Instant receivedAt) {
        String email = form.email().trim().toLowerCase(Locale.ROOT);
        String phone = PhoneNumbers.toE164(form.phone(), config.defaultPhoneRegion()).orElse(null);
        Map<String, String> metadata = new HashMap<>(Map.of("form", "scrivi"));
        if (form.fiscalCode() != null && web.keepFiscalCode()) {
            metadata.put("fiscalCode", form.fiscalCode().trim().toUpperCase(Locale.ROOT));
        }
        return new CitizenContact(
                ContactIds.of(CHANNEL, submissionId),
                CHANNEL,
                submissionId,
                receivedAt,
                receivedAt,
                new CitizenContact.Citizen(keys.ofForm(phone, email, CHANNEL, null), form.name().trim(), phone, email, null),
                form.subject().trim(),
                form.message().trim(),
                null,
                location(form),
                form.attachments() == null ? List.of()
                        : form.attachments().stream().map(a -> new CitizenContact.Attachment(a.url(), a.mediaType())).toList(),
                null,
                metadata,
                CitizenContact.SCHEMA_VERSION);
    }

    private static CitizenContact.Location location(ScriviForm form) {
        boolean hasAddress = form.address() != null && !form.address().isBlank();
        if (!hasAddress && form.latitude() == null) {
            return null;
        }
        return new CitizenContact.Location(form.latitude(), form.longitude(), hasAddress ? form.address().trim() : null);
    }
}
