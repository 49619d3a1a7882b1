package org.ascolto.analytics.streams;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.ascolto.analytics.domain.CitizenHistory;
import org.ascolto.analytics.domain.ContactFacts;
import org.ascolto.analytics.domain.Granularity;
import org.ascolto.analytics.domain.Journey;
import org.jboss.logging.Logger;

/**
 * Counts each contact once, in the windows of its {@code occurredAt}. Records are keyed by citizen key,
 * so a redelivered contact meets its citizen's history in the same partition and is recognized there;
 * counts are kept per partition and summed when queried, which spares a repartition topic.
 */
final class StatisticsProcessor<V> implements Processor<String, V, Void, Void> {

    private static final Logger LOG = Logger.getLogger(StatisticsProcessor.class);

    private final StatisticsFamily family;
    private final StatisticsSettings settings;
    private final Function<V, ContactFacts> factsOf;
    private final BiFunction<V, Journey, List<String>> dimensionsOf;

    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, CitizenHistory> histories;
    private final Map<Granularity, WindowStore<String, Long>> windows = new EnumMap<>(Granularity.class);
    private KeyValueStore<String, Long> totals;

    StatisticsProcessor(StatisticsFamily family, StatisticsSettings settings, Function<V, ContactFacts> factsOf,
            BiFunction<V, Journey, List<String>> dimensionsOf) {
        this.family = family;
        this.settings = settings;
        this.factsOf = factsOf;
        this.dimensionsOf = dimensionsOf;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        histories = context.getStateStore(family.historyStore());
        for (Granularity g : Granularity.values()) {
            windows.put(g, context.getStateStore(family.windowStore(g)));
        }
        totals = context.getStateStore(family.totalStore());
    }

    @Override
    public void process(Record<String, V> record) {
        if (record.value() == null) {
            return;
        }
        // the event time the extractor gave: occurredAt, or the record's own time when that is earlier
        ContactFacts facts = factsOf.apply(record.value()).noLaterThan(Instant.ofEpochMilli(record.timestamp()));
        long streamTime = context.currentStreamTimeMs();
        if (facts.occurredAt().toEpochMilli() < streamTime - settings.grace().toMillis()) {
            LOG.debugf("contact %s occurred at %s, after its windows closed: not counted", facts.contactId(), facts.occurredAt());
            return;
        }
        CitizenHistory history = histories.get(facts.citizenKey());
        if (history == null) {
            history = CitizenHistory.EMPTY;
        } else if (history.contains(facts.contactId())) {
            return;
        }
        Journey journey = history.journeyOf(facts, settings.journeyWindow());
        histories.put(facts.citizenKey(), history.with(facts, streamTime - settings.historyKept().toMillis()));
        List<String> dimensions = dimensionsOf.apply(record.value(), journey);
        for (Granularity g : Granularity.values()) {
            long windowStart = g.windowStart(facts.occurredAt(), settings.zone()).toEpochMilli();
            WindowStore<String, Long> store = windows.get(g);
            for (String dimension : dimensions) {
                Long count = store.fetch(dimension, windowStart);
                store.put(dimension, count == null ? 1L : count + 1, windowStart);
            }
        }
        for (String dimension : dimensions) {
            Long count = totals.get(dimension);
            totals.put(dimension, count == null ? 1L : count + 1);
        }
    }
}
