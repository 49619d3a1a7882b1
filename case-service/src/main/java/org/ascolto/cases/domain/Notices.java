package org.ascolto.cases.domain;

import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.Reply;

/**
 * The notices that tell a citizen how their case goes: a receipt with the reference when it opens, a word when it waits
 * for them and when it is resolved. Each is a reply of Ascolto's own, on the channel of the citizen's latest contact, in
 * their language when a template has it, else in the default language.
 */
public final class Notices {

    /** Where a template puts the case reference. */
    public static final String REFERENCE = "{reference}";

    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern NEITHER_LETTER_NOR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");

    private Notices() {
    }

    /** The notice a status change tells, if any. */
    public static Optional<String> kindOf(CaseStatus reached) {
        return switch (reached) {
            case WAITING_CITIZEN -> Optional.of(Reply.NOTICE_WAITING_CITIZEN);
            case RESOLVED -> Optional.of(Reply.NOTICE_RESOLVED);
            default -> Optional.empty();
        };
    }

    /**
     * The notice of {@code kind} to the citizen of {@code latest}, or none when that contact came on a channel that takes
     * no notices (a call, a form) or names no one to send it to (erased).
     */
    public static Optional<Reply> to(CitizenCase c, CitizenContact latest, String language, String kind, Templates templates,
            Instant at) {
        if (!templates.channels().contains(latest.channel()) || !Replies.addressable(latest)) {
            return Optional.empty();
        }
        Map<String, String> texts = templates.texts().get(kind);
        String chosen = language != null && texts.containsKey(language) ? language : templates.defaultLanguage();
        String text = texts.get(chosen).replace(REFERENCE, c.reference);
        return Optional.of(Replies.addressed(c, latest, text, chosen, Reply.NOTICE_AUTHOR, kind, at));
    }

    /**
     * Whether a message is one of {@code words} and nothing else: compared without case, accents, punctuation, emoji
     * and extra spaces, so that "Stop!" and "basta   notifiche." count.
     */
    public static boolean says(String text, Set<String> words) {
        if (text == null || text.length() > 64) {
            return false;
        }
        String unmarked = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        String bare = NEITHER_LETTER_NOR_DIGIT.matcher(unmarked.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        return words.contains(bare);
    }

    /**
     * The notice texts by kind and language, the channels that carry notices, and the language of a citizen whose own
     * has no text.
     */
    public record Templates(Set<String> channels, Map<String, Map<String, String>> texts, String defaultLanguage) {

        /** Refuses, at start, templates without the default language's text for every kind. */
        public Templates {
            for (String kind : Set.of(Reply.NOTICE_OPENED, Reply.NOTICE_WAITING_CITIZEN, Reply.NOTICE_RESOLVED)) {
                String text = texts.getOrDefault(kind, Map.of()).get(defaultLanguage);
                if (text == null || text.isBlank()) {
                    throw new IllegalArgumentException("no " + defaultLanguage + " text for the notice " + kind
                            + " (ascolto.cases.notices.templates." + kind + "." + defaultLanguage + ")");
                }
            }
        }
    }
}
