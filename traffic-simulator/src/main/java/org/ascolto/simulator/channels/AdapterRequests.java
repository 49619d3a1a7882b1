package org.ascolto.simulator.channels;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ascolto.contracts.EventJson;
import org.ascolto.simulator.traffic.Channel;
import org.ascolto.simulator.traffic.Citizen;
import org.ascolto.simulator.traffic.Contact;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * What each channel really sends to its adapter: a Scrivi form, a WhatsApp or Meta webhook, Amazon Connect contact records,
 * an email as the city's mail server delivers it.
 */
public final class AdapterRequests {

    static final String CITY_PAGE_ID = "104729358212345";
    static final String CITY_INSTAGRAM_ID = "17841400000000001";
    static final String WHATSAPP_BUSINESS_ACCOUNT = "102938475610293";
    static final String WHATSAPP_PHONE_NUMBER_ID = "109876543210987";
    /** The contact center's IVR menu (choice 1 to 7) and the queue each choice reaches. */
    private static final List<String> IVR_MENU = List.of(
            "registry-office", "taxes", "safety", "mobility", "fines", "social-services", "other");
    private static final List<String> IVR_QUEUES = List.of(
            "Anagrafe", "Tributi", "Polizia Locale", "Mobilita", "Contravvenzioni", "Servizi Sociali", "Informazioni");

    /** Reports about a place: the portal asks where. */
    private static final Set<String> PLACED_CATEGORIES = Set.of("safety", "mobility");
    private static final double MILAN_LATITUDE = 45.4642;
    private static final double MILAN_LONGITUDE = 9.1900;
    private static final Pattern FIRST_SENTENCE = Pattern.compile("^[^\\n.!?]*[.!?]?");

    private final AdapterEndpoints endpoints;
    private final String run;

    /** {@code run} makes external ids unique across runs, so a new run never collides with an earlier one. */
    public AdapterRequests(AdapterEndpoints endpoints, String run) {
        this.endpoints = endpoints;
        this.run = run;
    }

    public Delivery delivery(Contact contact, Instant now) {
        String id = externalId(contact);
        return switch (contact.channel()) {
            case WEB -> webForm(contact, id);
            case WHATSAPP -> signed(List.of(contact), List.of(id), whatsapp(contact, id, now));
            case FACEBOOK -> signed(List.of(contact), List.of(id), isComment(contact) ? facebookComment(contact, id, now)
                    : messenger(contact, id, now, "page", CITY_PAGE_ID, contact.citizen().facebookId()));
            case INSTAGRAM -> signed(List.of(contact), List.of(id), isComment(contact) ? instagramComment(contact, id, now)
                    : messenger(contact, id, now, "instagram", CITY_INSTAGRAM_ID, contact.citizen().instagramId()));
            case PHONE -> contactRecords(List.of(contact), now);
            case EMAIL -> email(contact, id, now);
        };
    }

    /**
     * Calls the contact center's stream delivers together, as a Kinesis consumer passes on a batch of records: one
     * signed JSON array of contact trace records.
     */
    public Delivery contactRecords(List<Contact> calls, Instant now) {
        List<String> ids = calls.stream().map(this::externalId).toList();
        List<Map<String, Object>> records = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            records.add(contactRecord(calls.get(i), ids.get(i), now));
        }
        return signed(calls, ids, records);
    }

    /** A third of what reaches the city's Facebook Page and Instagram account are comments under its posts. */
    private static boolean isComment(Contact contact) {
        return contact.sequence() % 3 == 0;
    }

    /** The id the channel gives the message: the contact id is derived from it, so redeliveries share it. */
    private String externalId(Contact contact) {
        long sequence = contact.sequence();
        return switch (contact.channel()) {
            case WEB -> "sim-" + run + "-" + sequence;
            case WHATSAPP -> "wamid.HBgM" + run + sequence;
            case FACEBOOK -> isComment(contact) ? facebookPost(contact) + "_" + run + sequence : "m_" + run + "_" + sequence;
            case INSTAGRAM -> isComment(contact) ? "1790" + Integer.toUnsignedString(run.hashCode()) + sequence : "m_" + run + "_" + sequence;
            case PHONE -> UUID.nameUUIDFromBytes((run + ":" + sequence).getBytes(StandardCharsets.UTF_8)).toString();
            case EMAIL -> "<sim-" + run + "-" + sequence + "@mail.example.org>";
        };
    }

    private static String facebookPost(Contact contact) {
        return CITY_PAGE_ID + "_" + (900_000 + contact.sequence() % 50);
    }

    /** A Scrivi form; the idempotency key is what the portal resends on a double click. */
    public Delivery webForm(Contact contact, String idempotencyKey) {
        Citizen citizen = contact.citizen();
        String text = contact.message().text();
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("name", citizen.name());
        form.put("email", citizen.email());
        form.put("phone", citizen.phone());
        form.put("subject", subjectOf(text));
        form.put("message", text);
        if (PLACED_CATEGORIES.contains(contact.message().category())) {
            // A point in Milan, within about 5 km of the Duomo.
            form.put("latitude", MILAN_LATITUDE + (contact.sequence() % 101 - 50) * 0.0009);
            form.put("longitude", MILAN_LONGITUDE + (contact.sequence() * 7 % 101 - 50) * 0.0013);
        }
        form.put("privacyConsent", true);
        return new Delivery(List.of(contact), List.of(idempotencyKey), endpoints.intake(contact.channel()),
                Map.of("Content-Type", "application/json", "Idempotency-Key", idempotencyKey), json(form));
    }

    private Map<String, Object> whatsapp(Contact contact, String messageId, Instant now) {
        Citizen citizen = contact.citizen();
        Map<String, Object> message = Map.of(
                "from", citizen.whatsappId(),
                "id", messageId,
                "timestamp", Long.toString(now.getEpochSecond()),
                "type", "text",
                "text", Map.of("body", contact.message().text()));
        Map<String, Object> value = Map.of(
                "messaging_product", "whatsapp",
                "metadata", Map.of("display_phone_number", "390202020", "phone_number_id", WHATSAPP_PHONE_NUMBER_ID),
                "contacts", List.of(Map.of("profile", Map.of("name", citizen.name()), "wa_id", citizen.whatsappId())),
                "messages", List.of(message));
        return Map.of("object", "whatsapp_business_account", "entry", List.of(Map.of(
                "id", WHATSAPP_BUSINESS_ACCOUNT,
                "changes", List.of(Map.of("field", "messages", "value", value)))));
    }

    private Map<String, Object> messenger(Contact contact, String mid, Instant now, String object, String accountId, String senderId) {
        Map<String, Object> messaging = Map.of(
                "sender", Map.of("id", senderId),
                "recipient", Map.of("id", accountId),
                "timestamp", now.toEpochMilli(),
                "message", Map.of("mid", mid, "text", contact.message().text()));
        return Map.of("object", object, "entry", List.of(Map.of(
                "id", accountId, "time", now.toEpochMilli(), "messaging", List.of(messaging))));
    }

    private Map<String, Object> facebookComment(Contact contact, String commentId, Instant now) {
        Citizen citizen = contact.citizen();
        Map<String, Object> comment = Map.of(
                "item", "comment", "verb", "add",
                "comment_id", commentId,
                "post_id", facebookPost(contact),
                "from", Map.of("id", citizen.facebookId(), "name", citizen.name()),
                "message", contact.message().text(),
                "created_time", now.getEpochSecond());
        return Map.of("object", "page", "entry", List.of(Map.of(
                "id", CITY_PAGE_ID, "time", now.toEpochMilli(),
                "changes", List.of(Map.of("field", "feed", "value", comment)))));
    }

    private Map<String, Object> instagramComment(Contact contact, String commentId, Instant now) {
        Citizen citizen = contact.citizen();
        Map<String, Object> comment = Map.of(
                "id", commentId,
                "from", Map.of("id", citizen.instagramId(), "username", citizen.instagramUsername()),
                "text", contact.message().text(),
                "media", Map.of("id", "1795" + (contact.sequence() % 50)));
        return Map.of("object", "instagram", "entry", List.of(Map.of(
                "id", CITY_INSTAGRAM_ID, "time", now.toEpochMilli(),
                "changes", List.of(Map.of("field", "comments", "value", comment)))));
    }

    /**
     * A citizen's email as the city's mail server delivers it to the adapter ({@code message/rfc822}, signed), the way a
     * local run without a mailbox takes mail; its Message-ID is the external id.
     */
    private Delivery email(Contact contact, String messageId, Instant now) {
        Citizen citizen = contact.citizen();
        String text = contact.message().text();
        String mail = "From: " + encodedWord(citizen.name()) + " <" + citizen.email() + ">\r\n"
                + "To: urp@comune.milano.it\r\n"
                + "Subject: " + encodedWord(subjectOf(text)) + "\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atZone(ZoneOffset.UTC)) + "\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "\r\n";
        return signed(List.of(contact), List.of(messageId), "message/rfc822", mail.getBytes(StandardCharsets.US_ASCII));
    }

    /** Header text in any script, as RFC 2047 writes it in a mail's ASCII headers. */
    private static String encodedWord(String text) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    /** An Amazon Connect contact trace record: the operator's wrap-up note and the IVR choice travel in Attributes. */
    private Map<String, Object> contactRecord(Contact contact, String contactId, Instant now) {
        Instant disconnected = now.truncatedTo(ChronoUnit.SECONDS);
        Instant initiated = disconnected.minusSeconds(90 + contact.sequence() % 400);
        int choice = Math.max(0, IVR_MENU.indexOf(contact.message().category()));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("ContactId", contactId);
        record.put("Channel", "VOICE");
        record.put("InitiationMethod", "INBOUND");
        record.put("InitiationTimestamp", initiated.toString());
        record.put("DisconnectTimestamp", disconnected.toString());
        record.put("LastUpdateTimestamp", disconnected.plusSeconds(5).toString());
        record.put("CustomerEndpoint", Map.of("Address", contact.citizen().phone(), "Type", "TELEPHONE_NUMBER"));
        record.put("SystemEndpoint", Map.of("Address", "+390202020", "Type", "TELEPHONE_NUMBER"));
        record.put("Queue", Map.of("Name", IVR_QUEUES.get(choice)));
        record.put("Agent", Map.of("Username", "operatore." + (1 + contact.sequence() % 180)));
        record.put("Attributes", Map.of("wrapUpNote", contact.message().text(),
                "ivrChoice", Integer.toString(choice + 1)));
        return record;
    }

    /** The payload as the channel signs it: an HMAC-SHA256 of the body bytes under the channel's secret. */
    private Delivery signed(List<Contact> contacts, List<String> externalIds, Object payload) {
        return signed(contacts, externalIds, "application/json", json(payload));
    }

    private Delivery signed(List<Contact> contacts, List<String> externalIds, String contentType, byte[] body) {
        Signing signing = signing(contacts.get(0).channel());
        return new Delivery(contacts, externalIds, endpoints.intake(contacts.get(0).channel()),
                Map.of("Content-Type", contentType, signing.header(), Signatures.sha256(signing.secret(), body)), body);
    }

    private record Signing(String header, String secret) {
    }

    /** The header and secret a channel signs its bodies with; null for the portal's form, which is not signed. */
    private Signing signing(Channel channel) {
        return switch (channel) {
            case WHATSAPP -> new Signing("X-Hub-Signature-256", endpoints.whatsappAppSecret());
            case FACEBOOK, INSTAGRAM -> new Signing("X-Hub-Signature-256", endpoints.metaAppSecret());
            case PHONE -> new Signing("X-Ascolto-Signature-256", endpoints.phoneSigningSecret());
            case EMAIL -> new Signing("X-Ascolto-Signature-256", endpoints.emailSigningSecret());
            case WEB -> null;
        };
    }

    /** The same request with another body, signed as its channel signs: what a sender holding the secret can send. */
    public Delivery withBody(Delivery delivery, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>(delivery.headers());
        Signing signing = signing(delivery.channel());
        if (signing != null) {
            headers.put(signing.header(), Signatures.sha256(signing.secret(), body));
        }
        return new Delivery(delivery.contacts(), delivery.externalIds(), delivery.uri(), headers, body);
    }

    /** The portal's subject line: the first words of the message. */
    static String subjectOf(String text) {
        Matcher sentence = FIRST_SENTENCE.matcher(text.strip());
        String firstLine = sentence.find() ? sentence.group().strip() : text.strip();
        return firstLine.length() <= 60 ? firstLine : firstLine.substring(0, 57).strip() + "...";
    }

    private static byte[] json(Object payload) {
        try {
            return EventJson.mapper().writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + payload, e);
        }
    }
}
