package org.ascolto.meta.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.adapter.ClaimedReplies;
import org.ascolto.adapter.CitizenKeys;
import org.ascolto.adapter.ReplyStatusPublisher;
import org.ascolto.contracts.ReplyStatus;
import org.ascolto.meta.domain.MessengerReceipts;
import org.ascolto.meta.persistence.SentReplies;

/**
 * Meta's delivery and read receipts of the replies this adapter sent, as reply statuses for the case service. Each
 * reply is told delivered, and read, once, after Kafka acknowledged it; a receipt of no reply of ours (the Page's
 * other messages, or replies already told) is counted and left.
 */
@ApplicationScoped
public class ReplyReceipts {

    private final SentReplies sent;
    private final ReplyStatusPublisher publisher;
    private final CitizenKeys keys;

    public ReplyReceipts(SentReplies sent, ReplyStatusPublisher publisher, CitizenKeys keys) {
        this.sent = sent;
        this.publisher = publisher;
        this.keys = keys;
    }

    /** Publishes the statuses of an authentic notification's receipts; blocks on the database and on Kafka's acknowledgement. */
    public void record(List<MessengerReceipts.Receipt> receipts) {
        for (MessengerReceipts.Receipt receipt : receipts) {
            List<ClaimedReplies.SentReply> replies = receipt.messageIds().isEmpty()
                    ? sent.notYet(receipt.status(), keys.account(receipt.channel(), receipt.citizenId()), receipt.upTo())
                    : sent.notYet(receipt.status(), receipt.messageIds());
            if (replies.isEmpty()) {
                publisher.count(receipt.channel(), ReplyStatusPublisher.UNKNOWN);
                continue;
            }
            publisher.publish(replies.stream().map(reply -> ReplyStatus.of(reply.replyId(), reply.caseId(), receipt.channel(),
                    receipt.status(), receipt.upTo(), null)).toList());
            sent.told(receipt.status(), replies.stream().map(ClaimedReplies.SentReply::replyId).toList(), receipt.upTo());
        }
    }
}
