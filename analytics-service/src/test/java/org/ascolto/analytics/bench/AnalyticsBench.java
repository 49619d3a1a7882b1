package org.ascolto.analytics.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ascolto.analytics.TestRecords;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.Topics;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.TestTokens;

/**
 * The two halves of bench.sh: {@code publish N} fills crm.contacts.v2 with N distinct contacts in
 * Milan's channel mix from returning citizens; {@code identity PEM} writes the public key the service verifies
 * tokens with and prints the key pair for {@code -Dascolto.test.identity.key}; {@code await N URL}, with that key pair,
 * follows the analytics API as an analyst until it counted N contacts and prints the rate at which it counted them.
 */
public final class AnalyticsBench {

    private static final String TEXT = "Buongiorno, vorrei sapere quando arriva la conferma del cambio di residenza "
            + "richiesto il mese scorso, non ho ancora ricevuto nessuna comunicazione. Grazie";

    private AnalyticsBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("identity")) {
            Files.copy(Path.of(URI.create(TestTokens.publicKeyLocation())), Path.of(args[1]));
            System.out.print(System.getProperty("ascolto.test.identity.key"));
        } else if (args[0].equals("publish")) {
            publish(System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:49092"), Long.parseLong(args[1]));
        } else {
            await(Long.parseLong(args[1]), args[2]);
        }
    }

    private static void publish(String bootstrapServers, long count) {
        // a citizen writes about three times on average, so journeys and per-citizen history are exercised
        List<String> citizens = new ArrayList<>();
        for (long i = 0; i < Math.max(1, count / 3); i++) {
            citizens.add(Contacts.newCitizenKey());
        }
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new StringSerializer(), new ByteArraySerializer())) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (long i = 0; i < count; i++) {
                var contact = Contacts.contact(channel(random.nextInt(1000)), citizens.get(random.nextInt(citizens.size())), TEXT);
                producer.send(new ProducerRecord<>(Topics.CONTACTS,
                        contact.citizen().key(), TestRecords.sealed().contact(contact)));
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("published %d contacts in %.1f s (%.0f contacts/s)%n", count, seconds, count / seconds);
    }

    /** Milan's mix: phone ~85%, web ~10%, WhatsApp ~4.5%, Facebook and Instagram ~0.5%. */
    private static String channel(int permille) {
        if (permille < 850) {
            return "phone";
        }
        if (permille < 950) {
            return "web";
        }
        if (permille < 995) {
            return "whatsapp";
        }
        return permille < 998 ? "facebook" : "instagram";
    }

    private static void await(long count, String channelsUrl) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(channelsUrl)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TestTokens.of("bench.analyst", List.of("analyst"), List.of())).build();
        long firstSeenAt = 0;
        long firstCount = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            long total = 0;
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200) {
                    total = EventJson.parse(response.body()).path("total").asLong();
                }
            } catch (IOException notUpYet) {
                // the service is still starting
            }
            if (total > 0 && firstSeenAt == 0) {
                firstSeenAt = System.nanoTime();
                firstCount = total;
            }
            if (total >= count) {
                double seconds = (System.nanoTime() - firstSeenAt) / 1e9;
                System.out.printf("analytics counted %d contacts; %d in %.1f s after the first answer: %.0f contacts/s%n",
                        total, total - firstCount, seconds, (total - firstCount) / seconds);
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("analytics did not count " + count + " contacts in 10 minutes");
    }
}
