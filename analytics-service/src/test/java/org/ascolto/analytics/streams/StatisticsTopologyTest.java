package org.ascolto.analytics.streams;

import static org.ascolto.analytics.TestContacts.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.ascolto.analytics.TestRecords;
import org.ascolto.analytics.domain.CitizenHistory;
import org.ascolto.analytics.domain.Granularity;
import org.ascolto.analytics.domain.Tally;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.CitizenErasure;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.contracts.Topics;
import org.ascolto.localinfra.Contacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatisticsTopologyTest {

    private static final ZoneId MILAN = ZoneId.of("Europe/Rome");
    private static final Instant MONDAY_NOON = Instant.parse("2026-11-23T11:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> contacts;
    private TestInputTopic<String, byte[]> routed;
    private TestInputTopic<String, byte[]> erasures;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "statistics-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        driver = new TopologyTestDriver(
                StatisticsTopology.build(new StatisticsSettings(Duration.ofHours(1), MILAN, Duration.ofDays(7))), props);
        contacts = driver.createInputTopic(Topics.CONTACTS, new StringSerializer(), new ByteArraySerializer());
        routed = driver.createInputTopic(Topics.CONTACTS_ROUTED, new StringSerializer(), new ByteArraySerializer());
        erasures = driver.createInputTopic(Topics.ERASURES, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void countsEachContactOnceAndSkipsInvalidRecords() {
        String citizen = Contacts.newCitizenKey();
        CitizenContact call = at(Contacts.contact("phone", citizen, "chiamata"), MONDAY_NOON);
        CitizenContact message = at(Contacts.contact("whatsapp", Contacts.newCitizenKey(), "messaggio"), MONDAY_NOON);
        send(call);
        send(message);
        send(message);
        contacts.pipeInput(citizen, "{broken".getBytes(StandardCharsets.UTF_8));
        contacts.pipeInput(citizen, "{\"channel\":\"web\"}".getBytes(StandardCharsets.UTF_8));
        send(call);

        assertEquals(Map.of("phone", 1L, "whatsapp", 1L), totals().channels());
    }

    @Test
    void countsInTheMinuteHourAndLocalDayOfOccurredAtWhileLateRecordsStayWithinGrace() {
        send(at(Contacts.contact("web", Contacts.newCitizenKey(), "ora"), MONDAY_NOON));
        send(at(Contacts.contact("web", Contacts.newCitizenKey(), "prima"), MONDAY_NOON.minus(Duration.ofMinutes(50))));
        send(at(Contacts.contact("web", Contacts.newCitizenKey(), "troppo tardi"), MONDAY_NOON.minus(Duration.ofMinutes(61))));

        assertEquals(1L, count(Granularity.MINUTE, "channel:web", MONDAY_NOON));
        assertEquals(1L, count(Granularity.MINUTE, "channel:web", Instant.parse("2026-11-23T10:10:00Z")));
        assertEquals(1L, count(Granularity.HOUR, "channel:web", Instant.parse("2026-11-23T10:00:00Z")));
        // Milan's Monday starts at 23:00 UTC on Sunday in winter
        assertEquals(2L, count(Granularity.DAY, "channel:web", Instant.parse("2026-11-22T23:00:00Z")));
        assertEquals(2L, totals().contacts());
    }

    @Test
    void journeysOfConstructedCitizens() {
        String anna = Contacts.newCitizenKey();
        String bruno = Contacts.newCitizenKey();
        String carla = Contacts.newCitizenKey();
        String dario = Contacts.newCitizenKey();
        Instant start = MONDAY_NOON.minus(Duration.ofDays(20));
        // in the order they happened: Anna calls, writes on WhatsApp two days later, then fills the web form
        // the same day (two switches); Bruno calls twice in a week (a repeat, no switch); Carla writes on
        // Facebook, then on WhatsApp eight days later (a new journey, not a repeat); Dario writes once
        send(at(Contacts.contact("phone", anna, "1"), start));
        send(at(Contacts.contact("whatsapp", anna, "2"), start.plus(Duration.ofDays(2))));
        CitizenContact annaWeb = at(Contacts.contact("web", anna, "3"), start.plus(Duration.ofDays(2).plusHours(3)));
        send(annaWeb);
        send(annaWeb);
        send(at(Contacts.contact("phone", bruno, "1"), start.plus(Duration.ofDays(3))));
        send(at(Contacts.contact("facebook", carla, "1"), start.plus(Duration.ofDays(4))));
        send(at(Contacts.contact("phone", bruno, "2"), start.plus(Duration.ofDays(9))));
        send(at(Contacts.contact("whatsapp", carla, "2"), start.plus(Duration.ofDays(12))));
        send(at(Contacts.contact("web", dario, "1"), start.plus(Duration.ofDays(13))));

        Tally totals = totals();
        assertEquals(8L, totals.contacts());
        assertEquals(3L, totals.repeats());
        assertEquals(Map.of("whatsapp", 1L, "web", 1L, "phone", 1L), totals.repeatsByChannel());
        assertEquals(2L, totals.switches());
        assertEquals(Map.of("phone>whatsapp", 1L, "whatsapp>web", 1L), totals.switchesByPair());
    }

    @Test
    void routedContactsCountPerChannelCategoryAndUrgencyOnce() {
        String citizen = Contacts.newCitizenKey();
        CitizenContact noise = at(Contacts.contact("whatsapp", citizen, "rumore"), MONDAY_NOON);
        CitizenContact fine = at(Contacts.contact("web", citizen, "multa"), MONDAY_NOON);
        CitizenContact violence = at(Contacts.contact("phone", citizen, "aiuto"), MONDAY_NOON);
        route(noise, "safety", false);
        route(noise, "safety", false);
        route(fine, "fines", false);
        route(violence, "safety", true);

        Tally totals = totals();
        assertEquals(3L, totals.routed());
        assertEquals(Map.of("safety", 2L, "fines", 1L), totals.categories());
        assertEquals(Map.of("phone", Map.of("safety", 1L), "web", Map.of("fines", 1L), "whatsapp", Map.of("safety", 1L)),
                totals.categoriesByChannel());
        assertEquals(Map.of("phone", 1L), totals.urgentByChannel());
        assertEquals(0L, totals.contacts(), "routed contacts are not counted again as contacts");
    }

    @Test
    void anErasedCitizensHistoriesAreDeletedFromBothStoresWhileTheCountsStay() {
        String anna = Contacts.newCitizenKey();
        String bruno = Contacts.newCitizenKey();
        CitizenContact call = at(Contacts.contact("phone", anna, "chiamata"), MONDAY_NOON);
        CitizenContact message = at(Contacts.contact("whatsapp", anna, "messaggio"), MONDAY_NOON.plus(Duration.ofMinutes(5)));
        send(call);
        send(message);
        route(message, "fines", false);
        send(at(Contacts.contact("web", bruno, "modulo"), MONDAY_NOON));
        Tally before = totals();

        // an erasure's record time joins the task's stream time, as the contacts' do: it is published when it happens
        Instant erasedAt = MONDAY_NOON.plus(Duration.ofMinutes(6));
        erasures.pipeInput(anna, EventJson.write(CitizenErasure.of(UUID.randomUUID(), anna, List.of(UUID.randomUUID()), erasedAt)), erasedAt);
        erasures.pipeInput(anna, "{\"citizenKey\":\"not an erasure\"}".getBytes(StandardCharsets.UTF_8), erasedAt);

        for (StatisticsFamily family : StatisticsFamily.values()) {
            KeyValueStore<String, CitizenHistory> histories = driver.getKeyValueStore(family.historyStore());
            assertNull(histories.get(anna), "no history of the erased citizen in " + family.historyStore());
        }
        assertNotNull(driver.<String, CitizenHistory>getKeyValueStore(StatisticsFamily.CONTACTS.historyStore()).get(bruno));
        assertEquals(before.channels(), totals().channels(), "counts hold no citizen and stay");
        assertEquals(before.categories(), totals().categories());
        assertEquals(1L, before.switches());

        erasures.pipeInput(anna, EventJson.write(CitizenErasure.of(UUID.randomUUID(), anna, List.of(), erasedAt)), erasedAt);
        send(at(Contacts.contact("web", anna, "di nuovo"), MONDAY_NOON.plus(Duration.ofMinutes(10))));
        assertEquals(before.switches(), totals().switches(), "after the erasure the citizen starts a new journey");
        assertEquals(before.contacts() + 1, totals().contacts());
    }

    private void send(CitizenContact contact) {
        contacts.pipeInput(contact.citizen().key(), TestRecords.sealed().contact(contact));
    }

    private void route(CitizenContact contact, String category, boolean urgent) {
        routed.pipeInput(contact.citizen().key(), TestRecords.sealed().routed(new RoutedContact(contact, Contacts.decision(category, urgent))));
    }

    private Tally totals() {
        Tally tally = new Tally();
        for (StatisticsFamily family : StatisticsFamily.values()) {
            KeyValueStore<String, Long> store = driver.getKeyValueStore(family.totalStore());
            store.all().forEachRemaining(kv -> tally.add(kv.key, kv.value));
        }
        return tally;
    }

    private long count(Granularity granularity, String dimension, Instant windowStart) {
        WindowStore<String, Long> store = driver.getWindowStore(StatisticsFamily.CONTACTS.windowStore(granularity));
        Long count = store.fetch(dimension, windowStart.toEpochMilli());
        return count == null ? 0 : count;
    }
}
