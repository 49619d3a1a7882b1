package org.ascolto.email.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.contracts.Reply;
import org.ascolto.email.config.EmailConfig;
import org.ascolto.email.domain.ReplyMail;
import org.ascolto.email.persistence.SentReplies;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.vertx.ext.mail.SMTPException;

/**
 * Sends an operator's reply by SMTP once, in the thread of the citizen's message: claimed by its id before the first
 * attempt, so that whatever Kafka redelivers never goes twice. A mail server that refuses for now (4xx) or does not
 * answer is tried again with doubling pauses; a permanent refusal (5xx) is recorded as the reply's failure with its
 * code, logged by reply id and case reference only.
 */
@ApplicationScoped
public class ReplySender {

    private static final Logger LOG = Logger.getLogger(ReplySender.class);

    private final Mailer mailer;
    private final SentReplies sent;
    private final EmailConfig.Replies config;
    private final MeterRegistry registry;

    public ReplySender(Mailer mailer, SentReplies sent, EmailConfig config, MeterRegistry registry) {
        this.mailer = mailer;
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
        Duration pause = config.backoff();
        for (int attempt = 1;; attempt++) {
            try {
                Mail message = Mail.withText(mail.to(), mail.subject(), mail.text()).setFrom(config.from());
                mail.headers().forEach(message::addHeader);
                mailer.send(message);
                sent.sent(reply.replyId(), mail.messageId());
                count("sent");
                return;
            } catch (RuntimeException e) {
                SMTPException refusal = refusal(e);
                if (refusal != null && refusal.isPermanent() || attempt >= config.attempts()) {
                    fail(reply, refusal == null ? 0 : refusal.getReplyCode(), "refused by the mail server");
                    return;
                }
            }
            sleep(pause);
            Duration doubled = pause.multipliedBy(2);
            pause = doubled.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : doubled;
        }
    }

    private static SMTPException refusal(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException smtp) {
                return smtp;
            }
        }
        return null;
    }

    private void fail(Reply reply, int code, String why) {
        sent.failed(reply.replyId(), code);
        count("failed");
        LOG.warnf("reply %s of case %s not sent: %s, SMTP code %d", reply.replyId(), reply.reference(), why, code);
    }

    private void count(String outcome) {
        registry.counter("ascolto.email.replies", "outcome", outcome).increment();
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to send a reply again", e);
        }
    }
}
