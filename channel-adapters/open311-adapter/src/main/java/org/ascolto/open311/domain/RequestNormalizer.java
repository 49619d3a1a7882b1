package org.ascolto.open311.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.adapter.AdapterConfig;
import org.ascolto.adapter.CitizenKeys;
import org.ascolto.adapter.PhoneNumbers;
import org.ascolto.contracts.Channels;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.ContactIds;
import org.ascolto.support.taxonomy.Taxonomy;

/**
 * A GeoReport v2 {@code POST requests} form into a contact: the service code is the area, a location (coordinates,
 * an address or an address id) and a description (or a photo) are required, and the citizen is keyed by their phone,
 * else their email, else the app's account or device id.
 */
@ApplicationScoped
public class RequestNormalizer {

    static final int MAX_DESCRIPTION = 4000;

    private final Taxonomy taxonomy;
    private final CitizenKeys keys;
    private final AdapterConfig adapter;

    public RequestNormalizer(Taxonomy taxonomy, CitizenKeys keys, AdapterConfig adapter) {
        this.taxonomy = taxonomy;
        this.keys = keys;
        this.adapter = adapter;
    }

    /** The contact of the form's fields, by their Open311 names; {@code externalId} names this request. */
    public CitizenContact contact(Map<String, String> form, String externalId, Instant receivedAt) {
        String serviceCode = text(form, "service_code");
        if (serviceCode == null || !taxonomy.areas().containsKey(serviceCode)) {
            throw new InvalidRequestException("service_code is required and must be one of " + taxonomy.areas().keySet());
        }
        Double latitude = number(form, "lat");
        Double longitude = number(form, "long");
        String address = text(form, "address_string");
        String addressId = text(form, "address_id");
        if ((latitude == null || longitude == null) && address == null && addressId == null) {
            throw new InvalidRequestException("a location is required: lat and long, address_string or address_id");
        }
        String description = text(form, "description");
        String mediaUrl = text(form, "media_url");
        if (description == null && mediaUrl == null) {
            throw new InvalidRequestException("description is required (or media_url)");
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw new InvalidRequestException("description is longer than " + MAX_DESCRIPTION + " characters");
        }
        String phone = text(form, "phone");
        String e164 = phone == null ? null : PhoneNumbers.toE164(phone, adapter.defaultPhoneRegion())
                .orElseThrow(() -> new InvalidRequestException("phone is not a valid phone number"));
        String email = text(form, "email");
        String userId = Optional.ofNullable(text(form, "account_id")).orElse(text(form, "device_id"));
        String name = Stream.of(text(form, "first_name"), text(form, "last_name")).filter(part -> part != null)
                .collect(Collectors.joining(" "));
        return new CitizenContact(ContactIds.of(Channels.OPEN311, externalId), Channels.OPEN311, externalId,
                receivedAt, receivedAt,
                new CitizenContact.Citizen(keys.ofForm(e164, email, Channels.OPEN311, userId == null ? externalId : userId),
                        name.isEmpty() ? null : name, e164, email, userId),
                taxonomy.areas().get(serviceCode).nameIt(), description == null ? "" : description, null,
                latitude == null && address == null ? null : new CitizenContact.Location(latitude, longitude, address),
                mediaUrl == null ? List.of() : List.of(new CitizenContact.Attachment(mediaUrl, null)),
                null, addressId == null ? Map.of("serviceCode", serviceCode) : Map.of("serviceCode", serviceCode, "addressId", addressId),
                CitizenContact.SCHEMA_VERSION);
    }

    /** A field's trimmed text, or null when it is missing or blank. */
    private static String text(Map<String, String> form, String field) {
        String value = form.get(field);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Double number(Map<String, String> form, String field) {
        String value = text(form, field);
        try {
            Double number = value == null ? null : Double.valueOf(value);
            // Java reads "NaN" and "Infinity", which are no coordinates
            if (number != null && !Double.isFinite(number)) {
                throw new NumberFormatException(value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(field + " must be a decimal number");
        }
    }
}
