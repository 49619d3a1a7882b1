package org.ascolto.analytics.streams;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.ascolto.kafka.DeadLetter;
import org.ascolto.support.kafka.DeadLetterCounter;
import org.jboss.logging.Logger;

/**
 * What the topology refuses, a record it cannot read or a record whose processing throws, goes to the DLQ in the same
 * transaction as the counts, with its reason and source headers, is counted as {@code ascolto_dead_letters_total}, and
 * the stream goes on.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    /** The Streams property that carries the {@link DeadLetterCounter}. */
    public static final String COUNTER = "ascolto.dead-letter-counter";

    private static final Logger LOG = Logger.getLogger(DeadLetterHandler.class);

    private DeadLetterCounter counter;

    @Override
    public void configure(Map<String, ?> configs) {
        counter = (DeadLetterCounter) configs.get(COUNTER);
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        return DeserializationExceptionHandler.Response.resume(deadLetter(context, DeadLetter.Reason.unreadable(record), exception));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        return ProcessingExceptionHandler.Response.resume(deadLetter(context, DeadLetter.Reason.INVALID, exception));
    }

    private List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext context, DeadLetter.Reason reason,
            Exception exception) {
        byte[] key = context.sourceRawKey();
        ConsumerRecord<String, byte[]> source = new ConsumerRecord<>(context.topic(), context.partition(), context.offset(),
                context.timestamp(), TimestampType.CREATE_TIME, -1, -1, key == null ? null : new String(key, StandardCharsets.UTF_8),
                context.sourceRawValue(), context.headers(), Optional.empty());
        String detail = reason == DeadLetter.Reason.NO_VALUE ? "no value" : exception.getMessage();
        LOG.warnf("a record of %s sent to the DLQ: %s", context.topic(), reason.label());
        counter.count(source, reason);
        ProducerRecord<String, byte[]> letter = DeadLetter.of(source, reason, detail);
        return List.of(new ProducerRecord<>(letter.topic(), null, key, letter.value(), letter.headers()));
    }
}
