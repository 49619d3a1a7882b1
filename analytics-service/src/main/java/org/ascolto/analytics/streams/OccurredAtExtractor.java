package org.ascolto.analytics.streams;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.ascolto.analytics.domain.ContactFacts;
import org.ascolto.analytics.domain.RoutedFacts;

/** Event time is when the citizen wrote or called ({@code occurredAt}), not when Kafka received the record. */
final class OccurredAtExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof ContactFacts contact) {
            return contact.occurredAt().toEpochMilli();
        }
        if (record.value() instanceof RoutedFacts routed) {
            return routed.contact().occurredAt().toEpochMilli();
        }
        return partitionTime;
    }
}
