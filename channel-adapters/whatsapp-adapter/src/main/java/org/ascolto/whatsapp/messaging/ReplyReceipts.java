package org.ascolto.whatsapp.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.adapter.ClaimedReplies;
import org.ascolto.adapter.ReplyStatusPublisher;
import org.ascolto.contracts.Channels;
import org.ascolto.contracts.ReplyStatus;
import org.ascolto.whatsapp.domain.DeliveryReceipts;
import org.ascolto.whatsapp.persistence.SentReplies;

/**
 * Meta's delivery receipts of the replies this adapter sent, as reply statuses for the case service. A receipt of a
 * message no reply became (one sent by another app of the same number, or one whose send was never recorded) is
 * counted and left; a repeated receipt is the same status record again, which the case service holds once. A failure
 * Meta reports after accepting a message (131047 when the 24-hour window had closed) is recorded here too.
 */
@ApplicationScoped
public class ReplyReceipts {

    private final SentReplies sent;
    private final ReplyStatusPublisher publisher;

    public ReplyReceipts(SentReplies sent, ReplyStatusPublisher publisher) {
        this.sent = sent;
        this.publisher = publisher;
    }

    /** Publishes the statuses of an authentic notification's receipts; blocks on the database and on Kafka's acknowledgement. */
    public void record(List<DeliveryReceipts.Receipt> receipts) {
        Map<String, ClaimedReplies.SentReply> replies = sent.byProviderMessageIds(
                receipts.stream().map(DeliveryReceipts.Receipt::messageId).distinct().toList());
        List<ReplyStatus> statuses = new ArrayList<>();
        for (DeliveryReceipts.Receipt receipt : receipts) {
            ClaimedReplies.SentReply reply = replies.get(receipt.messageId());
            if (reply == null) {
                publisher.count(Channels.WHATSAPP, ReplyStatusPublisher.UNKNOWN);
            } else {
                statuses.add(ReplyStatus.of(reply.replyId(), reply.caseId(), Channels.WHATSAPP, receipt.status(), receipt.at(),
                        receipt.errorCode()));
            }
        }
        publisher.publish(statuses);
        statuses.stream().filter(status -> ReplyStatus.FAILED.equals(status.status()))
                .forEach(failed -> sent.failed(failed.replyId(), null, failed.errorCode()));
    }
}
