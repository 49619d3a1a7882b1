package org.ascolto.analytics.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.ascolto.analytics.TestRecords;
import org.ascolto.analytics.domain.Tally;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.support.kafka.DeadLetterCounter;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** On the real broker: stopping and starting the statistics, with or without their local state, changes no count. */
class StatisticsRestartTest {

    private static final StatisticsSettings SETTINGS = new StatisticsSettings(Duration.ofHours(24), ZoneId.of("Europe/Rome"),
            Duration.ofDays(7));
    private static final int CITIZENS = 40;

    private final String applicationId = "analytics-restart-test-" + UUID.randomUUID();
    // a channel of this test alone, so other records on the broker do not matter
    private final String channel = "restart-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void restartsNeitherLoseNorDoubleCountContacts() throws IOException {
        List<String> citizens = new ArrayList<>();
        for (int i = 0; i < CITIZENS; i++) {
            citizens.add(Contacts.newCitizenKey());
        }
        List<ProducerRecord<String, byte[]>> before = contacts(citizens, 3);
        List<ProducerRecord<String, byte[]>> during = contacts(citizens, 3);
        // redeliveries of every contact sent before the restart
        during.addAll(before);
        Path stateDir = Files.createTempDirectory("ascolto-analytics-restart");

        TestKafka.send(before);
        KafkaStreams first = start(stateDir);
        awaitContacts(first, 3 * CITIZENS);
        TestKafka.send(during);
        stop(first);

        KafkaStreams second = start(stateDir);
        awaitContacts(second, 6 * CITIZENS);
        stop(second);

        // a new machine: the state is rebuilt from the changelog topics
        KafkaStreams restored = start(Files.createTempDirectory("ascolto-analytics-restored"));
        try {
            Tally tally = awaitContacts(restored, 6 * CITIZENS);
            assertEquals(5L * CITIZENS, tally.repeatsByChannel().get(channel), "every contact after a citizen's first repeats");
            sleep(Duration.ofSeconds(3));
            assertEquals(6L * CITIZENS, totals(restored).channels().get(channel));
        } finally {
            stop(restored);
        }
    }

    private List<ProducerRecord<String, byte[]>> contacts(List<String> citizens, int perCitizen) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (String citizen : citizens) {
            for (int i = 0; i < perCitizen; i++) {
                CitizenContact contact = Contacts.contact(channel, citizen, "messaggio " + i);
                records.add(Contacts.record(contact, TestRecords.sealed()::contact));
            }
        }
        return records;
    }

    private KafkaStreams start(Path stateDir) {
        KafkaStreams streams = new KafkaStreams(StatisticsTopology.build(SETTINGS), AnalyticsStreams.properties(
                applicationId, TestKafka.bootstrapServers(), "localhost:8087", stateDir.toString(), Duration.ofMillis(200), 1,
                new DeadLetterCounter(new SimpleMeterRegistry())));
        streams.start();
        return streams;
    }

    /** One instance owns every partition: its counts are the whole. */
    private static Tally totals(KafkaStreams streams) {
        Tally tally = new Tally();
        new LocalStatistics(streams).read(CountsQuery.TOTALS).totals().forEach(tally::add);
        return tally;
    }

    private static void stop(KafkaStreams streams) {
        streams.close(AnalyticsStreams.CLOSE);
    }

    /** Waits until the count reaches the expected one, failing at once if it ever goes beyond. */
    private Tally awaitContacts(KafkaStreams streams, long expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        long counted = -1;
        while (Instant.now().isBefore(deadline)) {
            if (streams.state() == KafkaStreams.State.RUNNING) {
                try {
                    Tally tally = totals(streams);
                    counted = tally.channels().getOrDefault(channel, 0L);
                    if (counted >= expected) {
                        assertEquals(expected, counted, "no contact counted twice");
                        return tally;
                    }
                } catch (InvalidStateStoreException rebalancing) {
                    // the stores are migrating between states; ask again
                }
            }
            sleep(Duration.ofMillis(250));
        }
        throw new AssertionError("counted " + counted + " of " + expected + " contacts");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
