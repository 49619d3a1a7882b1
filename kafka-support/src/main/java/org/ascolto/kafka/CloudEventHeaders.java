package org.ascolto.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** CloudEvents 1.0 Kafka protocol binding, binary content mode: the event attributes travel as headers. */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /** The headers of one event; {@code subject} may be null. */
    public static Headers of(String id, String source, String type, Instant time, String subject) {
        Headers headers = new RecordHeaders()
                .add(SPEC_VERSION, bytes("1.0"))
                .add(ID, bytes(id))
                .add(SOURCE, bytes(source))
                .add(TYPE, bytes(type))
                .add(TIME, bytes(time.toString()))
                .add(CONTENT_TYPE, bytes(JSON));
        if (subject != null) {
            headers.add(SUBJECT, bytes(subject));
        }
        return headers;
    }

    /** The last value of a header as text, if present. */
    public static Optional<String> text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
