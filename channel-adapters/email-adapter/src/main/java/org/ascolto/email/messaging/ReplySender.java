package org.ascolto.email.messaging;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.adapter.ReplySending;
import org.ascolto.adapter.ReplyStatusPublisher;
import org.ascolto.contracts.Channels;
import org.ascolto.contracts.Reply;
import org.ascolto.contracts.ReplyStatus;
import org.ascolto.email.config.EmailConfig;
import org.ascolto.email.domain.MailNormalizer;
import org.ascolto.email.domain.ReplyMail;
import org.ascolto.email.persistence.SentReplies;
import org.ascolto.support.retry.DoublingPauses;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends an operator's reply, or a notice, by SMTP once, in the thread of the citizen's message: claimed by its id before
 * the first attempt, so that whatever Kafka redelivers never goes twice. A mail server that refuses for now (4xx) or does
 * not answer is tried again with doubling pauses; a permanent refusal (5xx) is recorded as the reply's failure with its
 * code, logged by reply id and case reference only. The case is told: {@code sent} once the server accepted it,
 * {@code failed} with the code otherwise. A reply whose send was cut short by a stop between the claim and the server's
 * answer is failed with code 0 later, and not sent again (the server may have taken it).
 */
@ApplicationScoped
public class ReplySender implements ReplySending {

    private static final Set<String> CHANNELS = Set.of(MailNormalizer.CHANNEL);

    private static final Logger LOG = Logger.getLogger(ReplySender.class);

    private final SmtpTransport smtp;
    private final SentReplies sent;
    private final EmailConfig.Replies config;
    private final MeterRegistry registry;
    private final ReplyStatusPublisher statuses;

    public ReplySender(SmtpTransport smtp, SentReplies sent, EmailConfig config, MeterRegistry registry, ReplyStatusPublisher statuses) {
        this.smtp = smtp;
        this.sent = sent;
        this.config = config.replies();
        this.registry = registry;
        this.statuses = statuses;
    }

    @Override
    public Set<String> channels() {
        return CHANNELS;
    }

    @Override
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
                statuses.tell(Channels.EMAIL, List.of(new SentReplies.SentReply(reply.replyId(), reply.caseId())), ReplyStatus.SENT, 0);
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
        statuses.tell(Channels.EMAIL, List.of(new SentReplies.SentReply(reply.replyId(), reply.caseId())), ReplyStatus.FAILED, code);
    }

    /** Now and then: the replies whose send was cut short are failed, and the cases told. */
    @Scheduled(every = "{ascolto.email.replies.abandoned-check}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void failAbandoned() {
        List<SentReplies.SentReply> abandoned = sent.failAbandoned(config.abandonedAfter());
        abandoned.forEach(reply -> {
            count("abandoned");
            LOG.warnf("reply %s was claimed but never answered by the mail server (its sender stopped): marked failed", reply.replyId());
        });
        statuses.tell(Channels.EMAIL, abandoned, ReplyStatus.FAILED, 0);
    }

    private void count(String outcome) {
        registry.counter("ascolto.email.replies", "outcome", outcome).increment();
    }
}
