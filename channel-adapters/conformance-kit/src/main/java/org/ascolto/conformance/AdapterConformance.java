package org.ascolto.conformance;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.ContactIds;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.InvalidEventException;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.TopicProbe;
import org.junit.jupiter.api.DynamicTest;

/**
 * The conformance checks of a channel adapter, as JUnit 5 dynamic tests its own test class returns from a
 * {@code @TestFactory}. The kit posts the adapter's sample requests to its endpoint and reads
 * {@code crm.contacts.v2}, opening the records with the adapter's keyring, to check what the adapter published.
 *
 * <p>Samples are classpath resources in which every message carries the placeholder {@value #RUN}: the kit
 * replaces it with a token unique to each check, signs the result, and recognizes the records that check caused
 * by the token (so the adapter must copy it into each contact's external id or text).
 */
public final class AdapterConformance {

    /** The placeholder a sample puts in each message id (or text) so the kit can find its records. */
    public static final String RUN = "{{run}}";

    private static final String NDJSON = "application/x-ndjson";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(1);
    /** How far over its limit the body the sender writes whole is, and how many times it is sent. */
    private static final int OVERSIZE_BEYOND_LIMIT = 4 * 1024 * 1024;
    private static final int OVERSIZE_ATTEMPTS = 5;

    private final Builder adapter;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private AdapterConformance(Builder adapter) {
        this.adapter = adapter;
    }

    /**
     * Checks of the adapter answering at {@code endpoint} that publishes to the broker at {@code bootstrapServers}, its
     * records opened with the adapter's keyring ({@code sealed}).
     */
    public static Builder of(URI endpoint, String bootstrapServers, SealedRecords sealed) {
        return new Builder(endpoint, bootstrapServers, sealed);
    }

    public static final class Builder {
        private final URI endpoint;
        private final String bootstrapServers;
        private final SealedRecords sealed;
        private String contentType = "application/json";
        private int acceptedStatus = 200;
        private Function<byte[], Map<String, String>> signature;
        private Function<byte[], Map<String, String>> headers = body -> Map.of();
        private final Map<String, Integer> valid = new LinkedHashMap<>();
        private final List<String> redeliveries = new ArrayList<>();
        private String malformed;
        private final Map<String, String> substitutions = new LinkedHashMap<>();
        private String errorMediaType = "application/problem+json";
        private long maxBodyBytes;
        private String verifyToken;

        private Builder(URI endpoint, String bootstrapServers, SealedRecords sealed) {
            this.endpoint = endpoint;
            this.bootstrapServers = bootstrapServers;
            this.sealed = sealed;
        }

        public Builder contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        /** The status of an accepted request (200 for Meta's webhooks, 202 for the others). */
        public Builder acceptedStatus(int status) {
            this.acceptedStatus = status;
            return this;
        }

        /** How a sender signs a body; with it, the kit checks that missing and wrong signatures are refused with 401. */
        public Builder signature(Function<byte[], Map<String, String>> signature) {
            this.signature = signature;
            return this;
        }

        /** Further headers a sender derives from the body (an idempotency key, say). */
        public Builder headers(Function<byte[], Map<String, String>> headers) {
            this.headers = headers;
            return this;
        }

        /** A request that must become exactly {@code contacts} contacts. */
        public Builder valid(String resource, int contacts) {
            valid.put(resource, contacts);
            return this;
        }

        /**
         * A redelivery of the first valid sample: the same messages again, maybe batched or updated differently.
         * The same body resent is always checked too.
         */
        public Builder redelivery(String resource) {
            redeliveries.add(resource);
            return this;
        }

        /** A request that is not valid JSON (or not the expected shape), to be refused with 400. */
        public Builder malformed(String resource) {
            this.malformed = resource;
            return this;
        }

        /** A further placeholder of the samples and its value (an API key a channel sends in the body, say). */
        public Builder substitute(String placeholder, String value) {
            substitutions.put(placeholder, value);
            return this;
        }

        /**
         * The media type of refusals, for a channel whose protocol defines its own error documents (Open311's error
         * list); by default an RFC 9457 problem body.
         */
        public Builder errorMediaType(String mediaType) {
            this.errorMediaType = mediaType;
            return this;
        }

        /** The token of Meta's subscription handshake: the kit checks the endpoint echoes the challenge only for it. */
        public Builder handshake(String verifyToken) {
            this.verifyToken = verifyToken;
            return this;
        }

        /** The configured body limit: one byte more is refused with 413. */
        public Builder maxBodyBytes(long bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        public AdapterConformance build() {
            if (valid.isEmpty() || malformed == null || maxBodyBytes <= 0) {
                throw new IllegalStateException("the kit needs at least one valid sample, a malformed one and the body limit");
            }
            return new AdapterConformance(this);
        }
    }

    /** Every check, one dynamic test each. */
    public Stream<DynamicTest> tests() {
        List<DynamicTest> tests = new ArrayList<>();
        adapter.valid.forEach((resource, contacts) -> tests.add(DynamicTest.dynamicTest(
                resource + " becomes " + contacts + " valid contact(s) keyed by citizen key with CloudEvents headers",
                () -> validSampleBecomesContacts(resource, contacts))));
        String first = adapter.valid.keySet().iterator().next();
        tests.add(DynamicTest.dynamicTest("the same request resent keeps its contact ids", () -> redeliveryKeepsIds(first, first)));
        adapter.redeliveries.forEach(resource -> tests.add(DynamicTest.dynamicTest(
                resource + " keeps the contact ids of " + first, () -> redeliveryKeepsIds(first, resource))));
        if (adapter.signature != null) {
            tests.add(DynamicTest.dynamicTest("a missing signature is refused with 401 and nothing is published",
                    () -> refused(first, body -> Map.of(), 401)));
            tests.add(DynamicTest.dynamicTest("a wrong signature is refused with 401 and nothing is published",
                    () -> refused(first, body -> adapter.signature.apply(concat(body, " ")), 401)));
        }
        if (adapter.verifyToken != null) {
            tests.add(DynamicTest.dynamicTest("the subscription handshake echoes the challenge only for the verify token",
                    this::handshake));
        }
        tests.add(DynamicTest.dynamicTest(adapter.malformed + " is refused with 400, an error body, and nothing is published",
                () -> refused(adapter.malformed, this::senderHeaders, 400)));
        tests.add(DynamicTest.dynamicTest("a body over " + adapter.maxBodyBytes + " bytes is refused with 413 and nothing is published",
                this::oversizedIsRefused));
        tests.add(DynamicTest.dynamicTest("a sender that sends a body far over the limit whole reads its 413, then the connection closes",
                this::oversizedSentWholeIsAnswered));
        return tests.stream();
    }

    private void validSampleBecomesContacts(String resource, int expected) {
        String run = newRun();
        byte[] body = filled(resource, run);
        assertEquals(adapter.acceptedStatus, post(resource, body, senderHeaders(body)).statusCode(), "status of " + resource);
        List<ConsumerRecord<String, byte[]>> records = awaitRecords(run, expected);
        assertEquals(expected, records.size(), "contacts published for " + resource);
        assertAll(records.stream().map(record -> () -> conforms(adapter.sealed, record)));
    }

    private void redeliveryKeepsIds(String first, String redelivery) {
        String run = newRun();
        byte[] original = filled(first, run);
        assertEquals(adapter.acceptedStatus, post(first, original, senderHeaders(original)).statusCode(), "status of " + first);
        Set<String> ids = contactIds(awaitRecords(run, adapter.valid.get(first)));
        assertEquals(adapter.valid.get(first), ids.size(), "distinct contacts of " + first);

        byte[] again = filled(redelivery, run);
        assertEquals(adapter.acceptedStatus, post(redelivery, again, senderHeaders(again)).statusCode(), "status of the redelivered " + redelivery);
        assertEquals(ids, contactIds(recordsOf(run)), "contact ids after the redelivery");
    }

    private void refused(String resource, Function<byte[], Map<String, String>> headers, int status) {
        String run = newRun();
        byte[] body = filled(resource, run);
        HttpResponse<String> response = post(resource, body, headers.apply(body));
        assertEquals(status, response.statusCode(), "status of " + resource + ": " + response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith(adapter.errorMediaType),
                "an error body of type " + adapter.errorMediaType + ": " + response.headers().firstValue("content-type"));
        assertEquals(List.of(), recordsOf(run), "records published for a refused request");
    }

    private void oversizedIsRefused() {
        String run = newRun();
        String first = adapter.valid.keySet().iterator().next();
        String padding = " ".repeat((int) Math.max(0, adapter.maxBodyBytes + 1 - filled(first, run).length));
        byte[] body = (new String(filled(first, run), StandardCharsets.UTF_8) + padding).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = post(first, body, senderHeaders(body));
        assertEquals(413, response.statusCode(), "status of a " + body.length + "-byte body");
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"),
                "a problem body: " + response.headers().firstValue("content-type"));
        assertEquals(List.of(), recordsOf(run), "records published for a refused request");
    }

    /**
     * What a sender that does not wait for an early answer sees: it writes the whole body, several megabytes over the
     * limit, before it reads. A server that closes with the body unread has the connection reset under the 413.
     */
    private void oversizedSentWholeIsAnswered() throws IOException {
        byte[] body = new byte[(int) adapter.maxBodyBytes + OVERSIZE_BEYOND_LIMIT];
        Arrays.fill(body, (byte) ' ');
        String head = "POST " + adapter.endpoint.getRawPath() + " HTTP/1.1\r\nHost: " + adapter.endpoint.getHost() + ":"
                + adapter.endpoint.getPort() + "\r\nContent-Type: " + adapter.contentType + "\r\nContent-Length: " + body.length
                + "\r\n\r\n";
        for (int attempt = 0; attempt < OVERSIZE_ATTEMPTS; attempt++) {
            try (Socket socket = new Socket(adapter.endpoint.getHost(), adapter.endpoint.getPort())) {
                socket.setSoTimeout((int) WAIT.toMillis());
                OutputStream out = socket.getOutputStream();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                InputStream in = socket.getInputStream();
                String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.1 413"), "attempt " + attempt + " answered: " + answer.lines().findFirst().orElse(""));
            }
        }
    }

    private void handshake() {
        String challenge = newRun();
        HttpResponse<String> verified = get("hub.mode=subscribe&hub.verify_token=" + adapter.verifyToken + "&hub.challenge=" + challenge);
        assertEquals(200, verified.statusCode(), "status with the verify token");
        assertEquals(challenge, verified.body(), "the challenge echoed");
        assertEquals(403, get("hub.mode=subscribe&hub.verify_token=" + challenge + "&hub.challenge=" + challenge).statusCode(),
                "status with a wrong verify token");
        assertEquals(403, get("hub.mode=subscribe&hub.challenge=" + challenge).statusCode(), "status without a verify token");
    }

    private static void conforms(SealedRecords sealed, ConsumerRecord<String, byte[]> record) {
        EventSchema.CITIZEN_CONTACT_V2.validTree(record.value());
        CitizenContact contact = sealed.openContact(record.value()).orElseThrow();
        assertEquals(ContactIds.of(contact.channel(), contact.externalId()), contact.contactId(), "contact id rule");
        assertEquals(contact.citizen().key(), record.key(), "record key is the citizen key");
        assertEquals("1.0", header(record, CloudEventHeaders.SPEC_VERSION), CloudEventHeaders.SPEC_VERSION);
        assertEquals(contact.contactId().toString(), header(record, CloudEventHeaders.ID), CloudEventHeaders.ID);
        assertEquals(CitizenContact.EVENT_TYPE, header(record, CloudEventHeaders.TYPE), CloudEventHeaders.TYPE);
        assertFalse(header(record, CloudEventHeaders.SOURCE).isBlank(), CloudEventHeaders.SOURCE);
        assertNotNull(Instant.parse(header(record, CloudEventHeaders.TIME)), CloudEventHeaders.TIME);
        assertEquals(CloudEventHeaders.JSON, header(record, CloudEventHeaders.CONTENT_TYPE), CloudEventHeaders.CONTENT_TYPE);
    }

    private Map<String, String> senderHeaders(byte[] body) {
        Map<String, String> all = new HashMap<>(adapter.headers.apply(body));
        if (adapter.signature != null) {
            all.putAll(adapter.signature.apply(body));
        }
        return all;
    }

    private HttpResponse<String> get(String query) {
        return send(HttpRequest.newBuilder(URI.create(adapter.endpoint + "?" + query)).timeout(Duration.ofSeconds(60)).GET());
    }

    /** Posts a sample; an {@code .ndjson} one as {@value #NDJSON}. */
    private HttpResponse<String> post(String resource, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(adapter.endpoint)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", resource.endsWith(".ndjson") ? NDJSON : adapter.contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<ConsumerRecord<String, byte[]>> awaitRecords(String run, int count) {
        try (TopicProbe probe = new TopicProbe(adapter.bootstrapServers, Topics.CONTACTS)) {
            return probe.await(record -> carries(adapter.sealed, record, run), count, WAIT);
        }
    }

    private List<ConsumerRecord<String, byte[]>> recordsOf(String run) {
        try (TopicProbe probe = new TopicProbe(adapter.bootstrapServers, Topics.CONTACTS)) {
            return probe.drain(QUIET).stream().filter(record -> carries(adapter.sealed, record, run)).toList();
        }
    }

    /**
     * The contacts the requests of {@code run} published, in the order their citizens sent them, once {@code count}
     * have arrived: for an adapter's own tests of how it maps its channel.
     */
    public static List<CitizenContact> contactsOf(String bootstrapServers, SealedRecords sealed, String run, int count) {
        try (TopicProbe probe = new TopicProbe(bootstrapServers, Topics.CONTACTS)) {
            List<CitizenContact> contacts = probe.await(record -> carries(sealed, record, run), count, WAIT).stream()
                    .map(record -> sealed.openContact(record.value()).orElseThrow())
                    .sorted(Comparator.comparing(CitizenContact::occurredAt))
                    .toList();
            assertEquals(count, contacts.size(), "contacts published by run " + run);
            return contacts;
        }
    }

    /** Whether the record, opened, carries the run's token; one that does not open (another test's, erased) does not. */
    private static boolean carries(SealedRecords sealed, ConsumerRecord<String, byte[]> record, String run) {
        try {
            return sealed.openContact(record.value())
                    .map(contact -> new String(EventJson.write(contact), StandardCharsets.UTF_8).contains(run)).orElse(false);
        } catch (InvalidEventException e) {
            return false;
        }
    }

    private static Set<String> contactIds(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(record -> header(record, CloudEventHeaders.ID)).collect(Collectors.toSet());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return CloudEventHeaders.text(record.headers(), name).orElse("");
    }

    /** A fresh token to put in place of {@value #RUN}. */
    public static String newRun() {
        return "kit" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** The sample {@code resource} of the test classpath with {@value #RUN} replaced by {@code run}. */
    public static byte[] sample(String resource, String run) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                fail("no sample " + resource + " on the test classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!text.contains(RUN)) {
                fail("sample " + resource + " has no " + RUN + " placeholder");
            }
            return text.replace(RUN, run).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sample with its run token and the adapter's further placeholders filled in. */
    private byte[] filled(String resource, String run) {
        String text = new String(sample(resource, run), StandardCharsets.UTF_8);
        for (Map.Entry<String, String> each : adapter.substitutions.entrySet()) {
            text = text.replace(each.getKey(), each.getValue());
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] body, String suffix) {
        return (new String(body, StandardCharsets.UTF_8) + suffix).getBytes(StandardCharsets.UTF_8);
    }
}
