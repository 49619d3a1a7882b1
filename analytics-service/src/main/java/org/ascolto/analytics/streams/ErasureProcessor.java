package org.ascolto.analytics.streams;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ascolto.analytics.domain.CitizenHistory;
import org.ascolto.contracts.CitizenErasure;
import org.jboss.logging.Logger;

/**
 * Forgets an erased citizen: deletes the citizen key's history from every family's store, which writes a tombstone to
 * its changelog, so no restore brings it back. The counts by channel, category and urgency hold no citizen and stay.
 * Erasing a key again, or one never seen, deletes nothing and is harmless.
 */
final class ErasureProcessor implements Processor<String, CitizenErasure, Void, Void> {

    private static final Logger LOG = Logger.getLogger(ErasureProcessor.class);

    private final List<KeyValueStore<String, CitizenHistory>> histories = new ArrayList<>();

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        for (StatisticsFamily family : StatisticsFamily.values()) {
            histories.add(context.getStateStore(family.historyStore()));
        }
    }

    @Override
    public void process(Record<String, CitizenErasure> record) {
        if (record.value() == null) {
            return;
        }
        int deleted = 0;
        for (KeyValueStore<String, CitizenHistory> store : histories) {
            deleted += store.delete(record.value().citizenKey()) == null ? 0 : 1;
        }
        LOG.infof("erasure %s applied: %d citizen histories deleted", record.value().erasureId(), deleted);
    }
}
