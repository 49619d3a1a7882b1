package org.ascolto.email.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.ascolto.adapter.ReplyRetries;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The city's mailboxes this adapter reads, the mail servers' delivery by HTTP, and how replies leave by SMTP. */
@ConfigMapping(prefix = "ascolto.email")
public interface EmailConfig {

    /** The secret a mail server signs each message it delivers by HTTP with ({@code X-Ascolto-Signature-256}). */
    String signingSecret();

    /** The mailboxes read over IMAP, by a name of the city's choosing (it appears in metrics and metadata); none is fine. */
    Map<String, Mailbox> mailboxes();

    /** A message larger than this is not fetched: it is marked seen and counted as skipped ({@code too-large}). */
    @WithDefault("25000000")
    long maxMessageBytes();

    Replies replies();

    interface Mailbox {
        String host();

        /** 993 for IMAPS; 143 with {@code ssl=false} (and STARTTLS where the server offers it). */
        @WithDefault("993")
        int port();

        @WithDefault("true")
        boolean ssl();

        String user();

        String password();

        @WithDefault("INBOX")
        String folder();

        /** A PEC (posta elettronica certificata) mailbox: its receipts are skipped and each message is read from its envelope. */
        @WithDefault("false")
        boolean pec();

        /** Pause between two looks at a server that offers no IMAP IDLE, and before reconnecting after a failure. */
        @WithDefault("30s")
        Duration pollInterval();

        /** Most messages published in one batch: Kafka acknowledges them together, then they are marked seen together. */
        @WithDefault("100")
        int batch();
    }

    /** A mail server that refuses for now (4xx) or does not answer is tried again ({@link ReplyRetries}). */
    interface Replies extends ReplyRetries {
        /** The city's address replies come from; its domain names each reply's Message-ID, {@code <reply-<reply id>@domain>}. */
        String from();

        /** The subject of a reply; {@code {reference}} is the case reference. */
        @WithDefault("Re: la sua richiesta {reference} al Comune")
        String subject();

        Smtp smtp();
    }

    /** The city's outgoing mail server (submission: port 587 with STARTTLS, or 465 with {@code ssl}). */
    interface Smtp {
        String host();

        @WithDefault("587")
        int port();

        /** Refuse to send unless the server upgrades the connection to TLS. */
        @WithDefault("true")
        boolean starttls();

        @WithDefault("false")
        boolean ssl();

        /** Without a user the server is a relay that trusts the adapter's network. */
        Optional<String> user();

        Optional<String> password();

        /** How long one connection, command or answer may take before the attempt counts as unanswered. */
        @WithDefault("30s")
        Duration timeout();
    }
}
