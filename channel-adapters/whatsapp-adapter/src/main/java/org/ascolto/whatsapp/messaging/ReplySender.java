package org.ascolto.whatsapp.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.adapter.ClaimedReplies;
import org.ascolto.adapter.GraphApi;
import org.ascolto.adapter.ReplySending;
import org.ascolto.adapter.ReplyStatusPublisher;
import org.ascolto.contracts.Channels;
import org.ascolto.contracts.Reply;
import org.ascolto.contracts.ReplyStatus;
import org.ascolto.whatsapp.config.WhatsAppConfig;
import org.ascolto.whatsapp.domain.ReplyMessages;
import org.ascolto.whatsapp.persistence.SentReplies;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends an operator's reply once: claimed by its id before the first request, so that whatever Kafka redelivers never
 * goes twice. Free text inside the customer-service window, the template outside it or when Meta answers 131047;
 * rate limits, Meta's server errors and silence are tried again with doubling pauses; any other error is recorded as
 * the reply's failure, by code, told to the case as a {@code failed} status, and logged without the citizen's number or
 * the text. A reply whose send was cut short by a stop between the claim and Meta's answer is failed the same way later.
 */
@ApplicationScoped
public class ReplySender implements ReplySending {

    private static final Set<String> CHANNELS = Set.of(Channels.WHATSAPP);

    private static final Logger LOG = Logger.getLogger(ReplySender.class);
    /** Graph API ids are numbers: anything else would change the path of the request. */
    private static final Pattern GRAPH_ID = Pattern.compile("\\d{1,32}");
    private static final String TEXT = "text";
    private static final String TEMPLATE = "template";
    /** Meta's codes for "try again later": throughput and pair rate limits, unknown error, service unavailable, API down. */
    private static final Set<Integer> TRY_AGAIN = Set.of(1, 2, 130429, 131000, 131016, 131056, 133004);
    /** More than 24 hours since the citizen's last message: only a template may go now. */
    private static final int RE_ENGAGEMENT = 131047;

    private final GraphApi graph;
    private final SentReplies sent;
    private final WhatsAppConfig config;
    private final MeterRegistry registry;
    private final ReplyStatusPublisher statuses;

    public ReplySender(SentReplies sent, WhatsAppConfig config, MeterRegistry registry, ReplyStatusPublisher statuses) {
        this.graph = new GraphApi(config.graph(), TRY_AGAIN);
        this.sent = sent;
        this.config = config;
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
        String phoneNumberId = reply.inReplyTo().metadata().get("phoneNumberId");
        String to = ReplyMessages.recipient(reply);
        if (phoneNumberId == null || !GRAPH_ID.matcher(phoneNumberId).matches() || to == null || !GRAPH_ID.matcher(to).matches()) {
            fail(reply, TEXT, 0, "names no business number or no WhatsApp user to send to");
            return;
        }
        boolean windowOpen = ReplyMessages.windowOpen(reply, config.template(), Instant.now());
        String type = windowOpen ? TEXT : TEMPLATE;
        GraphApi.Answer answer = graph.deliver(phoneNumberId, windowOpen ? ReplyMessages.text(reply)
                : ReplyMessages.template(reply, config.template()));
        if (windowOpen && answer.errorCode() == RE_ENGAGEMENT) {
            type = TEMPLATE;
            answer = graph.deliver(phoneNumberId, ReplyMessages.template(reply, config.template()));
        }
        if (answer.accepted()) {
            sent.sent(reply.replyId(), type, answer.messageId());
            count(type);
        } else {
            fail(reply, type, answer.errorCode(), "refused by Meta (HTTP " + answer.status() + ")");
        }
    }

    private void fail(Reply reply, String type, int errorCode, String why) {
        sent.failed(reply.replyId(), type, errorCode);
        count("failed");
        LOG.warnf("reply %s of case %s not sent: %s, error code %d", reply.replyId(), reply.reference(), why, errorCode);
        statuses.tell(Channels.WHATSAPP, List.of(new ClaimedReplies.SentReply(reply.replyId(), reply.caseId())), ReplyStatus.FAILED, errorCode);
    }

    /** Now and then: the replies whose send was cut short are failed, and the cases told. */
    @Scheduled(every = "{ascolto.whatsapp.graph.abandoned-check}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void failAbandoned() {
        List<ClaimedReplies.SentReply> abandoned = sent.failAbandoned(config.graph().abandonedAfter());
        abandoned.forEach(reply -> {
            count("abandoned");
            LOG.warnf("reply %s was claimed but never answered by Meta (its sender stopped): marked failed", reply.replyId());
        });
        statuses.tell(Channels.WHATSAPP, abandoned, ReplyStatus.FAILED, 0);
    }

    private void count(String outcome) {
        registry.counter("ascolto.whatsapp.replies", "outcome", outcome).increment();
    }
}
