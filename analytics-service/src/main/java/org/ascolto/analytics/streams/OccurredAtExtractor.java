package org.ascolto.analytics.streams;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.ascolto.analytics.domain.ContactFacts;
import org.ascolto.analytics.domain.RoutedFacts;

/**
 * Event time is when the citizen wrote or called ({@code occurredAt}), not when Kafka received the record; but never
 * later than the record, as no contact occurs after it was received. A contact dated in the future (a sender's broken
 * clock, or a hostile one: Meta's timestamp 99999999999999) would otherwise date the changelog records of its counts,
 * which the broker refuses beyond an hour ahead, and that refusal stops the streams of every instance in turn.
 */
final class OccurredAtExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof ContactFacts contact) {
            return noLaterThanTheRecord(contact.occurredAt().toEpochMilli(), record);
        }
        if (record.value() instanceof RoutedFacts routed) {
            return noLaterThanTheRecord(routed.contact().occurredAt().toEpochMilli(), record);
        }
        return partitionTime;
    }

    private static long noLaterThanTheRecord(long occurredAt, ConsumerRecord<Object, Object> record) {
        return record.timestamp() < 0 ? occurredAt : Math.min(occurredAt, record.timestamp());
    }
}
