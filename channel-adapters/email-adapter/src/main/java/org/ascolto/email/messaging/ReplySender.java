package org.ascolto.email.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.contracts.Reply;
import org.ascolto.email.config.EmailConfig;
import org.ascolto.email.domain.ReplyMail;
import org.ascolto.email.persistence.SentReplies;
import org.ascolto.support.retry.DoublingPauses;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends an operator's reply by SMTP once, in the thread of the citizen's message: claimed by its id before the first
 * attempt, so that whatever Kafka redelivers never goes twice. A mail server that refuses for now (4xx) or does not
 * answer is tried again with doubling pauses; a permanent refusal (5xx) is recorded as the reply's failure with its
 * code, logged by reply id and case reference only.
 */
@ApplicationScoped
public class ReplySender {

    private static final Logger LOG = Logger.getLogger(ReplySender.class);

    private final SmtpTransport smtp;
    private final SentReplies sent;
    private final EmailConfig.Replies config;
    private final MeterRegistry registry;

    public ReplySender(SmtpTransport smtp, SentReplies sent, EmailConfig config, MeterRegistry registry) {
        this.smtp = smtp;
        this.sent = sent;
        this.config = config.replies();
        this.registry = registry;
    }

    public void send(Reply reply) {
        if (!sent.claim(reply.replyId(), reply.caseId())) {
            count("duplicate");
            return;
        }
        ReplyMail mail = ReplyMail.of(reply, config.from(), config.subject());
        if (mail == null) {
            fail(reply, 0, "names no valid address to send to");
            return;
        }
        DoublingPauses pauses = new DoublingPauses(config.backoff(), config.maxBackoff());
        for (int attempt = 1;; attempt++) {
            SmtpTransport.Outcome outcome = smtp.send(mail);
            if (outcome.accepted()) {
                sent.sent(reply.replyId(), mail.messageId());
                count("sent");
                return;
            }
            // the server's text may name the recipient: the reply code only
            LOG.warnf("reply %s of case %s, attempt %d: SMTP code %d", reply.replyId(), reply.reference(), attempt, outcome.code());
            if (outcome.permanent() || attempt >= config.attempts()) {
                fail(reply, outcome.code(), "refused by the mail server or not answered");
                return;
            }
            pauses.await();
        }
    }

    private void fail(Reply reply, int code, String why) {
        sent.failed(reply.replyId(), code);
        count("failed");
        LOG.warnf("reply %s of case %s not sent: %s, SMTP code %d", reply.replyId(), reply.reference(), why, code);
    }

    private void count(String outcome) {
        registry.counter("ascolto.email.replies", "outcome", outcome).increment();
    }
}
