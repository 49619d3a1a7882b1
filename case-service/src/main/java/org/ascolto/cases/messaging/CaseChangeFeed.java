package org.ascolto.cases.messaging;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.InvalidEventException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Every case event, whichever instance published it, as it reaches crm.case-events.v1: the operators' screens follow
 * their queues with it. Each instance reads the whole topic in a consumer group of its own, from the newest event.
 */
@ApplicationScoped
public class CaseChangeFeed {

    public static final String CHANNEL = "case-changes";
    private static final Logger LOG = Logger.getLogger(CaseChangeFeed.class);

    private final BroadcastProcessor<CaseEvent> changes = BroadcastProcessor.create();
    private final AtomicInteger followers = new AtomicInteger();

    @Incoming(CHANNEL)
    public void receive(byte[] payload) {
        if (followers.get() == 0) {
            // nobody follows now: an event is not worth its parsing and schema check (a few per contact)
            return;
        }
        try {
            changes.onNext(EventSchema.CASE_EVENT.read(payload, CaseEvent.class));
        } catch (InvalidEventException e) {
            LOG.warnf("A case event that does not match its schema is not shown live: %s", e.getMessage());
        }
    }

    /** The changes from now on; a subscriber that cannot keep up misses some rather than slowing the others. */
    public Multi<CaseEvent> changes() {
        return changes.onOverflow().drop()
                .onSubscription().invoke(followers::incrementAndGet)
                .onTermination().invoke(followers::decrementAndGet);
    }
}
