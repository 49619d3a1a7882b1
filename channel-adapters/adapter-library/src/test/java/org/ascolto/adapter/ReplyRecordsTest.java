package org.ascolto.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ReplyRecordsTest {

    private static Optional<String> channelOf(String json) {
        return ReplyRecords.channelInClear(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theChannelARecordNamesInClearIsReadWhereverItStandsAndNotFromInsideAnotherField() {
        assertEquals(Optional.of("whatsapp"), channelOf("""
                {"replyId":"r","inReplyTo":{"channel":"email","metadata":{"channel":"x"}},"channel":"whatsapp","sealed":"AAAA"}"""));
        assertEquals(Optional.of("email"), channelOf("{\"channel\":\"email\"}"));
    }

    @Test
    void aRecordThatNamesNoChannelPlainlyIsToBeOpened() {
        assertEquals(Optional.empty(), channelOf("{\"channel\":\"email\",\"channel\":\"whatsapp\"}"), "two channels");
        assertEquals(Optional.empty(), channelOf("{\"channel\":[\"email\"]}"), "no string");
        assertEquals(Optional.empty(), channelOf("{\"channel\":null}"));
        assertEquals(Optional.empty(), channelOf("{\"replyId\":\"r\"}"), "none");
        assertEquals(Optional.empty(), channelOf("[\"channel\",\"email\"]"), "no object");
        assertEquals(Optional.empty(), channelOf("{\"channel\":\"email\",\"text\":\"trunc"), "cut short");
        assertEquals(Optional.empty(), channelOf("{\"channel\":\"em\u0000ail\"}"), "a NUL, unescaped");
        assertEquals(Optional.empty(), channelOf(""));
        assertEquals(Optional.empty(), ReplyRecords.channelInClear(null));
        assertEquals(Optional.empty(), ReplyRecords.channelInClear(new byte[] {'{', '"', 'c', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}),
                "invalid UTF-8");
    }
}
