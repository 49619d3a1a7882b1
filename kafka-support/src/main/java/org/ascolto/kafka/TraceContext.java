package org.ascolto.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * W3C trace context in Kafka headers ({@code traceparent}), so one contact can be followed from
 * its adapter through routing to its case: an adapter starts a trace, every later hop continues it
 * with a span of its own.
 */
public final class TraceContext {

    public static final String TRACEPARENT = "traceparent";

    private static final W3CTraceContextPropagator PROPAGATOR = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Headers> KAFKA_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            return StreamSupport.stream(carrier.spliterator(), false).map(Header::key).toList();
        }

        @Override
        public String get(Headers carrier, String key) {
            return carrier == null ? null : CloudEventHeaders.text(carrier, key).orElse(null);
        }
    };

    private TraceContext() {
    }

    /** Adds a {@code traceparent} that continues the trace of {@code incoming}, or starts one when it has none. */
    public static Headers continueInto(Headers incoming, Headers outgoing) {
        SpanContext parent = incoming == null ? SpanContext.getInvalid() : spanContext(incoming);
        String traceId = parent.isValid() ? parent.getTraceId() : newTraceId();
        SpanContext span = SpanContext.create(traceId, SpanId.fromLong(nonZeroRandom()), TraceFlags.getSampled(),
                TraceState.getDefault());
        PROPAGATOR.inject(Context.root().with(Span.wrap(span)), outgoing,
                (headers, key, value) -> headers.remove(key).add(key, value.getBytes(StandardCharsets.UTF_8)));
        return outgoing;
    }

    /** The trace id the headers carry, if they carry a valid {@code traceparent}. */
    public static Optional<String> traceId(Headers headers) {
        SpanContext context = spanContext(headers);
        return context.isValid() ? Optional.of(context.getTraceId()) : Optional.empty();
    }

    private static SpanContext spanContext(Headers headers) {
        return Span.fromContext(PROPAGATOR.extract(Context.root(), headers, KAFKA_HEADERS)).getSpanContext();
    }

    private static String newTraceId() {
        return TraceId.fromLongs(nonZeroRandom(), ThreadLocalRandom.current().nextLong());
    }

    private static long nonZeroRandom() {
        long value;
        do {
            value = ThreadLocalRandom.current().nextLong();
        } while (value == 0);
        return value;
    }
}
