package org.ascolto.simulator.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TrafficTest {

    private static final Messages CORPUS = Messages.load(Path.of("../routing-service/src/main/resources/corpus/train.jsonl"));
    private static final int CONTACTS = 100_000;

    @Test
    void followsMilansChannelMix() {
        Traffic traffic = new Traffic(CORPUS, new Random(7), "t", Traffic.RETURNING);
        Map<Channel, Integer> counts = new EnumMap<>(Channel.class);
        for (int i = 0; i < CONTACTS; i++) {
            counts.merge(traffic.next(Schedule.milanMix()).channel(), 1, Integer::sum);
        }
        assertEquals(0.836, counts.get(Channel.PHONE) / (double) CONTACTS, 0.01);
        assertEquals(0.103, counts.get(Channel.WEB) / (double) CONTACTS, 0.01);
        assertEquals(0.042, counts.get(Channel.WHATSAPP) / (double) CONTACTS, 0.005);
        assertEquals(0.004, (counts.get(Channel.FACEBOOK) + counts.get(Channel.INSTAGRAM)) / (double) CONTACTS, 0.002);
        assertEquals(0.015, counts.get(Channel.EMAIL) / (double) CONTACTS, 0.003);
    }

    @Test
    void returningCitizensComeBackOnAnotherChannelAboutTheSameMatter() {
        Traffic traffic = new Traffic(CORPUS, new Random(11), "t", Traffic.RETURNING);
        Map<Integer, Contact> firstContact = new HashMap<>();
        int returning = 0;
        for (int i = 0; i < CONTACTS; i++) {
            Contact contact = traffic.next(Schedule.milanMix());
            if (contact.returning()) {
                returning++;
                Contact earlier = firstContact.get(contact.citizen().number());
                assertNotEquals(earlier.channel(), contact.channel());
                assertEquals(earlier.message().category(), contact.message().category());
            } else {
                firstContact.put(contact.citizen().number(), contact);
            }
        }
        // Returning draws that land on the citizen's own channel become new citizens: a bit under 12 %.
        assertTrue(returning > CONTACTS * 0.02 && returning < CONTACTS * Traffic.RETURNING, "returning " + returning);
    }

    @Test
    void citizensWriteMostlyInItalianAndInTheirOwnLanguage() {
        Traffic traffic = new Traffic(CORPUS, new Random(3), "t", 0);
        int italian = 0;
        int inOwnLanguage = 0;
        for (int i = 0; i < 10_000; i++) {
            Contact contact = traffic.next(Map.of(Channel.WHATSAPP, 1.0));
            italian += contact.citizen().language().equals("it") ? 1 : 0;
            inOwnLanguage += contact.message().language().equals(contact.citizen().language()) ? 1 : 0;
        }
        assertEquals(0.82, italian / 10_000.0, 0.02);
        assertTrue(inOwnLanguage > 9_500, "in own language " + inOwnLanguage);
    }
}
