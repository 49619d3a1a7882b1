package org.ascolto.analytics.streams;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.Stores;
import org.ascolto.analytics.domain.ContactFacts;
import org.ascolto.analytics.domain.Granularity;
import org.ascolto.analytics.domain.RoutedFacts;
import org.ascolto.analytics.domain.Tally;
import org.ascolto.contracts.CitizenErasure;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.Topics;

/**
 * Contacts per channel (from {@code crm.contacts.v2}) with their citizens' journeys, and routed
 * contacts per channel, category and urgency (from {@code crm.contacts.routed.v2}), in minute, hour
 * and day windows of {@code occurredAt} and in totals; every store is changelogged, and with
 * exactly-once processing a restart neither loses nor repeats a count. An erased citizen's histories are deleted
 * (from {@code crm.erasures.v1}).
 */
public final class StatisticsTopology {

    private StatisticsTopology() {
    }

    public static Topology build(StatisticsSettings settings) {
        Topology topology = new Topology();
        add(topology, StatisticsFamily.CONTACTS, FactsDeserializers.contacts(),
                () -> new StatisticsProcessor<ContactFacts>(StatisticsFamily.CONTACTS, settings, facts -> facts,
                        (facts, journey) -> Tally.contactDimensions(facts.channel(), journey)),
                settings);
        add(topology, StatisticsFamily.ROUTED, FactsDeserializers.routedContacts(),
                () -> new StatisticsProcessor<RoutedFacts>(StatisticsFamily.ROUTED, settings, RoutedFacts::contact,
                        (routed, journey) -> Tally.routedDimensions(routed.contact().channel(), routed.category(), routed.urgent())),
                settings);
        // connected to both history stores, the erasures share the contacts' tasks: crm.erasures.v1 has their partitions
        topology.addSource(AutoOffsetReset.earliest(), "erasures-source", new StringDeserializer(),
                (topic, data) -> EventSchema.CITIZEN_ERASURE.read(data, CitizenErasure.class), Topics.ERASURES);
        topology.addProcessor("erasures", ErasureProcessor::new, "erasures-source");
        for (StatisticsFamily family : StatisticsFamily.values()) {
            topology.connectProcessorAndStateStores("erasures", family.historyStore());
        }
        return topology;
    }

    private static <V> void add(Topology topology, StatisticsFamily family, Deserializer<V> values,
            ProcessorSupplier<String, V, Void, Void> processor, StatisticsSettings settings) {
        String source = family.name().toLowerCase() + "-source";
        String statistics = family.name().toLowerCase() + "-statistics";
        topology.addSource(AutoOffsetReset.earliest(), source, new OccurredAtExtractor(), new StringDeserializer(), values, family.topic());
        topology.addProcessor(statistics, processor, source);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(family.historyStore()),
                Serdes.String(), CitizenHistorySerde.serde()).withCachingEnabled(), statistics);
        for (Granularity g : Granularity.values()) {
            if (g.retention().compareTo(settings.grace().plus(g.size())) < 0) {
                throw new IllegalArgumentException("grace " + settings.grace() + " exceeds what " + g + " windows keep");
            }
            topology.addStateStore(Stores.windowStoreBuilder(
                    Stores.persistentWindowStore(family.windowStore(g), g.retention(), g.size(), false),
                    Serdes.String(), Serdes.Long()).withCachingEnabled(), statistics);
        }
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(family.totalStore()),
                Serdes.String(), Serdes.Long()).withCachingEnabled(), statistics);
    }
}
