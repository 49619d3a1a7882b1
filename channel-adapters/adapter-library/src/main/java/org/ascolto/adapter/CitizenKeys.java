package org.ascolto.adapter;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Pseudonymous citizen keys: base64url HMAC-SHA256 of the normalized identity under a secret,
 * so the same person has the same key on every channel and the raw identifier never leaves.
 */
@ApplicationScoped
public class CitizenKeys {

    private final Mac prototype;

    @Inject
    public CitizenKeys(AdapterConfig config) {
        this(config.citizenKeySecret());
    }

    CitizenKeys(String secret) {
        try {
            prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }

    /** A phone number in E.164: the same key for a call and for WhatsApp. */
    public String phone(String e164) {
        return key("phone:" + e164);
    }

    /**
     * A citizen who filled in a form: the phone number (in E.164, or null) wins, so their form, their calls and their
     * WhatsApp messages share one key; then the email; then, with neither, an account of the channel's own.
     */
    public String ofForm(String e164, String email, String channel, String accountId) {
        if (e164 != null) {
            return phone(e164);
        }
        return email != null && !email.isBlank() ? email(email) : account(channel, accountId);
    }

    public String email(String email) {
        return key("email:" + email.trim().toLowerCase(Locale.ROOT));
    }

    /** A social account, which only means something on its own channel. */
    public String account(String channel, String userId) {
        return key("account:" + channel + ":" + userId);
    }

    /**
     * A pseudonymous id of someone who is not the citizen (a contact-center agent), from the same keyed hash: the same
     * person has the same id on every record, and the id does not say who they are.
     */
    public String pseudonym(String role, String name) {
        return role + "-" + key("pseudonym:" + role + ":" + name).substring(0, 16);
    }

    private String key(String identity) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        byte[] digest = mac.doFinal(identity.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
