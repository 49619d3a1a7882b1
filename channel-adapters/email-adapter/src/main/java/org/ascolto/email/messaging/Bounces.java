package org.ascolto.email.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.adapter.ReplyStatusPublisher;
import org.ascolto.contracts.Channels;
import org.ascolto.contracts.ReplyStatus;
import org.ascolto.email.domain.InboundMail;
import org.ascolto.email.domain.MailNormalizer;
import org.ascolto.email.persistence.SentReplies;
import org.jboss.logging.Logger;

/**
 * Bounces of the replies this adapter sent: each reply a bounce returns is recorded failed with the bounce's SMTP code
 * and told to its case as a {@code failed} status; a bounce of a message no reply became is counted ({@code unknown}).
 */
@ApplicationScoped
public class Bounces {

    private static final Logger LOG = Logger.getLogger(Bounces.class);

    private final SentReplies sent;
    private final ReplyStatusPublisher statuses;

    public Bounces(SentReplies sent, ReplyStatusPublisher statuses) {
        this.sent = sent;
        this.statuses = statuses;
    }

    /**
     * Blocks until Kafka acknowledged the failures, or throws: the bounces are then read again later, and the same
     * failures told again (the same status records, held once by the case service).
     */
    public void record(List<InboundMail.Bounced> bounces) {
        List<ReplyStatus> failures = new ArrayList<>();
        Instant now = Instant.now();
        for (InboundMail.Bounced bounce : bounces) {
            List<SentReplies.SentReply> returned = sent.bounced(bounce.messageIds(), bounce.smtpCode());
            if (returned.isEmpty()) {
                statuses.count(Channels.EMAIL, ReplyStatusPublisher.UNKNOWN);
            }
            returned.forEach(reply -> {
                LOG.warnf("reply %s bounced: SMTP code %d", reply.replyId(), bounce.smtpCode());
                failures.add(ReplyStatus.of(reply.replyId(), reply.caseId(), MailNormalizer.CHANNEL, ReplyStatus.FAILED, now,
                        bounce.smtpCode()));
            });
        }
        statuses.publish(failures);
    }
}
