package org.ascolto.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class TraceContextTest {

    @Test
    void anAdapterStartsATraceAndEveryHopContinuesItWithASpanOfItsOwn() {
        Headers atAdapter = TraceContext.continueInto(null, new RecordHeaders());
        String traceparent = CloudEventHeaders.text(atAdapter, TraceContext.TRACEPARENT).orElseThrow();
        assertTrue(traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"), traceparent);

        Headers atRouting = TraceContext.continueInto(atAdapter, new RecordHeaders());
        String continued = CloudEventHeaders.text(atRouting, TraceContext.TRACEPARENT).orElseThrow();
        assertEquals(TraceContext.traceId(atAdapter), TraceContext.traceId(atRouting));
        assertNotEquals(traceparent.substring(36, 52), continued.substring(36, 52), "a span of its own");
    }

    @Test
    void aMalformedTraceparentStartsANewTrace() {
        Headers incoming = new RecordHeaders().add(TraceContext.TRACEPARENT, "garbage".getBytes());
        assertTrue(TraceContext.traceId(incoming).isEmpty());
        assertTrue(TraceContext.traceId(TraceContext.continueInto(incoming, new RecordHeaders())).isPresent());
    }
}
