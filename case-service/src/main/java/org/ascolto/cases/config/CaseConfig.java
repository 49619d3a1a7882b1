package org.ascolto.cases.config;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.ascolto.support.kafka.BatchStore;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ascolto.cases")
public interface CaseConfig {

    /** City prefix of human case references, as in MI-2026-000123. */
    @WithDefault("MI")
    String referencePrefix();

    /** A contact joins a case of the same citizen and category resolved less than this long ago, and reopens it. */
    @WithDefault("P30D")
    Duration rejoinWindow();

    BatchStore.Retry consumer();

    Outbox outbox();

    Retention retention();

    Replies replies();

    Notices notices();

    Sla sla();

    /** What citizens are told of their cases by themselves, and how they stop it. */
    interface Notices {
        /**
         * The channels on which citizens are told that their case opened (a receipt with its reference), waits for them
         * or is resolved: the citizen's latest contact must have come on one; each needs an adapter that sends replies.
         */
        @WithDefault("whatsapp,email")
        Set<String> channels();

        /**
         * Per notice kind ({@code opened}, {@code waiting-citizen}, {@code resolved}) and language, the text;
         * {@code {reference}} becomes the case reference. Each kind needs the default language's.
         */
        Map<String, Map<String, String>> templates();

        /** The language of a citizen whose own has no text. */
        @WithDefault("it")
        String defaultLanguage();

        /** A message that says only one of these (without case, accents, punctuation) stops the citizen's notices. */
        @WithDefault("stop,basta,basta notifiche,stop notifiche,unsubscribe")
        Set<String> stopWords();

        /** A message that says only one of these starts them again. */
        @WithDefault("start,notifiche,riattiva notifiche")
        Set<String> startWords();
    }

    interface Replies {
        /** The channels whose adapter sends operators' replies; a case whose latest contact came on another is not answered. */
        @WithDefault("whatsapp")
        Set<String> channels();

        /**
         * The channels that take no message (a phone call): a reply to a case whose latest contact came on one is a
         * callback task on the case, for the contact center, and is sent nowhere.
         */
        @WithDefault("phone")
        Set<String> callbackChannels();
    }

    interface Outbox {
        /** Pause between relay rounds when the outbox is empty. */
        @WithDefault("1s")
        Duration interval();

        /** Case events published per relay round. */
        @WithDefault("500")
        int batchSize();

        /** Published case events stay in the outbox this long, for audit and replay, then are deleted. */
        @WithDefault("P7D")
        Duration retention();
    }

    interface Retention {
        /**
         * A case resolved or closed longer ago than this loses its personal data (texts, subjects, notes, citizen key,
         * the routed contact's personal fields); its non-personal facts stay.
         */
        @WithDefault("P180D")
        Duration personalData();

        /** How often the purge looks for such cases. */
        @WithDefault("1h")
        Duration interval();
    }

    interface Sla {
        /** How often cases are checked against their SLA due time (the scheduler reads it). */
        @WithDefault("1m")
        Duration checkInterval();
    }
}
