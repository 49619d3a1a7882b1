package org.ascolto.meta.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.adapter.ClaimedReplies;
import org.ascolto.adapter.CitizenKeys;
import org.ascolto.adapter.GraphApi;
import org.ascolto.adapter.ReplySending;
import org.ascolto.adapter.ReplyStatusPublisher;
import org.ascolto.contracts.Channels;
import org.ascolto.contracts.Reply;
import org.ascolto.contracts.ReplyStatus;
import org.ascolto.meta.config.MetaConfig;
import org.ascolto.meta.domain.SendApiMessages;
import org.ascolto.meta.persistence.SentReplies;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends a reply on Messenger or Instagram once: claimed by its id before the first request, so that whatever Kafka
 * redelivers never goes twice. The body follows Meta's windows ({@link SendApiMessages}); a reply whose window has
 * closed is not sent and is told {@code failed} with Meta's code for it (10) rather than dropped. Rate limits, Meta's
 * server errors, its temporary codes and silence are tried again with doubling pauses; any other error is recorded as
 * the reply's failure, by code and subcode, told to the case as a {@code failed} status, and logged without the
 * citizen's id or the text. A message Meta accepted is told {@code sent}: Messenger has no receipt of it.
 */
@ApplicationScoped
public class ReplySender implements ReplySending {

    private static final Set<String> CHANNELS = Set.of(Channels.FACEBOOK, Channels.INSTAGRAM);

    private static final Logger LOG = Logger.getLogger(ReplySender.class);
    /** Graph ids are numbers, a Page comment's two joined by '_': anything else would change the request. */
    private static final Pattern GRAPH_ID = Pattern.compile("\\d{1,32}(_\\d{1,32})?");
    /**
     * Meta's codes for "try again later": unknown error, service unavailable, application, user and Page request
     * limits, Send API rate limit, temporary send message failure.
     */
    private static final Set<Integer> TRY_AGAIN = Set.of(1, 2, 4, 17, 32, 613, 1200);
    /** Meta's code, with this subcode, for a message sent outside the allowed window. */
    static final int OUTSIDE_WINDOW = 10;
    static final int OUTSIDE_WINDOW_SUBCODE = 2018278;

    private final GraphApi graph;
    private final SentReplies sent;
    private final MetaConfig.Graph config;
    private final MetaConfig.Windows windows;
    private final CitizenKeys keys;
    private final MeterRegistry registry;
    private final ReplyStatusPublisher statuses;

    public ReplySender(SentReplies sent, MetaConfig config, CitizenKeys keys, MeterRegistry registry, ReplyStatusPublisher statuses) {
        this.graph = new GraphApi(config.graph(), TRY_AGAIN);
        this.sent = sent;
        this.config = config.graph();
        this.windows = config.windows();
        this.keys = keys;
        this.registry = registry;
        this.statuses = statuses;
    }

    @Override
    public Set<String> channels() {
        return CHANNELS;
    }

    @Override
    public void send(Reply reply) {
        if (!sent.claim(reply)) {
            count(reply, "duplicate");
            return;
        }
        String to = SendApiMessages.recipient(reply);
        if (to == null || !GRAPH_ID.matcher(to).matches()) {
            fail(reply, null, 0, 0, "names no one to send to");
            return;
        }
        Optional<SendApiMessages.Message> message = SendApiMessages.of(reply, windows, Instant.now());
        if (message.isEmpty()) {
            fail(reply, null, OUTSIDE_WINDOW, OUTSIDE_WINDOW_SUBCODE, "Meta's window for it has closed, so it was not sent");
            return;
        }
        String type = message.get().type();
        GraphApi.Answer answer = graph.deliver(config.pageId(), message.get().body());
        if (!answer.accepted()) {
            fail(reply, type, answer.errorCode(), answer.errorSubcode(), "refused by Meta (HTTP " + answer.status() + ")");
            return;
        }
        // a private reply's answer names the citizen's page-scoped id, which their receipts will carry
        String citizen = answer.recipientId() != null ? answer.recipientId() : reply.recipient().channelUserId();
        sent.sent(reply.replyId(), type, answer.messageId(), citizen == null ? null : keys.account(reply.channel(), citizen));
        count(reply, type);
        statuses.tell(List.of(ReplyStatus.of(reply.replyId(), reply.caseId(), reply.channel(), ReplyStatus.SENT, Instant.now(), null)));
    }

    private void fail(Reply reply, String type, int errorCode, int errorSubcode, String why) {
        sent.failed(reply.replyId(), type, errorCode, errorSubcode);
        count(reply, "failed");
        LOG.warnf("reply %s of case %s not sent: %s, error code %d subcode %d", reply.replyId(), reply.reference(), why, errorCode,
                errorSubcode);
        statuses.tell(List.of(ReplyStatus.of(reply.replyId(), reply.caseId(), reply.channel(), ReplyStatus.FAILED, Instant.now(), errorCode)));
    }

    /** Now and then: the replies whose send was cut short are failed, and the cases told. */
    @Scheduled(every = "{ascolto.meta.graph.abandoned-check}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void failAbandoned() {
        List<ClaimedReplies.SentReply> abandoned = sent.failAbandoned(config.abandonedAfter());
        if (abandoned.isEmpty()) {
            return;
        }
        Map<UUID, String> channels = sent.channels(abandoned.stream().map(ClaimedReplies.SentReply::replyId).toList());
        List<ReplyStatus> failures = abandoned.stream().map(reply -> ReplyStatus.of(reply.replyId(), reply.caseId(),
                channels.get(reply.replyId()), ReplyStatus.FAILED, Instant.now(), 0)).toList();
        failures.forEach(failure -> {
            registry.counter("ascolto.meta.replies", "channel", failure.channel(), "outcome", "abandoned").increment();
            LOG.warnf("reply %s was claimed but never answered by Meta (its sender stopped): marked failed", failure.replyId());
        });
        statuses.tell(failures);
    }

    private void count(Reply reply, String outcome) {
        registry.counter("ascolto.meta.replies", "channel", reply.channel(), "outcome", outcome).increment();
    }
}
