package org.ascolto.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON mapping of event payloads: ISO-8601 instants, absent fields omitted, unknown fields tolerated. */
public final class EventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private EventJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode tree(Object event) {
        return MAPPER.valueToTree(event);
    }

    /** Parses a payload; none, anything but well-formed JSON in UTF-8, or a number beyond a double, is an {@link InvalidEventException}. */
    public static JsonNode parse(byte[] payload) {
        if (payload == null) {
            throw new InvalidEventException("no value");
        }
        try {
            JsonNode node = MAPPER.readTree(payload);
            if (node == null || node.isMissingNode()) {
                throw new InvalidEventException("empty payload");
            }
            String unwritable = unwritable(node);
            if (unwritable != null) {
                throw new InvalidEventException(unwritable);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidEventException("malformed JSON: " + e.getMessage());
        }
    }

    /**
     * Where the tree holds a number that is not finite (NaN, an infinity), one line each ({@code $.a.b[0]: not a
     * finite number}): the schema validator and every writer of JSON fail on those.
     */
    public static List<String> nonFiniteNumbers(JsonNode tree) {
        if (finite(tree)) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        nonFinite(tree, "$", found);
        return found;
    }

    /**
     * Why a read tree could not be written back as it was read, or null; one walk that every read record goes through.
     * A number that is not finite (Jackson reads 1e309 as an infinity) fails the schema validator and every writer of
     * JSON. In a field name (a metadata key, say), Jackson reads the bytes of a code point beyond Unicode (F4 90 80 80
     * and up) as two unpaired surrogates and writes them back as bytes no reader accepts, so a record passed on would
     * be refused by the next stage instead of by this one.
     */
    private static String unwritable(JsonNode node) {
        if (isNonFiniteNumber(node)) {
            return "a number out of range (Jackson reads 1e309 as an infinity)";
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (hasUnpairedSurrogate(field.getKey())) {
                    return "a field name holds an unpaired surrogate (bytes beyond Unicode, F4 90 80 80 and up, read as two),"
                            + " which no UTF-8 writer can write back";
                }
                String why = unwritable(field.getValue());
                if (why != null) {
                    return why;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                String why = unwritable(child);
                if (why != null) {
                    return why;
                }
            }
        }
        return null;
    }

    /** Whether the text holds a surrogate that is not half of a pair: no UTF-8 (and no PostgreSQL text) can hold it. */
    public static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** The quick check, without the paths, for a tree that is valid but for its schema (an adapter's contact). */
    private static boolean finite(JsonNode node) {
        if (isNonFiniteNumber(node)) {
            return false;
        }
        for (JsonNode child : node) {
            if (!finite(child)) {
                return false;
            }
        }
        return true;
    }

    private static void nonFinite(JsonNode node, String path, List<String> found) {
        if (isNonFiniteNumber(node)) {
            found.add(path + ": not a finite number");
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field -> nonFinite(field.getValue(), path + "." + field.getKey(), found));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                nonFinite(node.get(i), path + "[" + i + "]", found);
            }
        }
    }

    /** NaN or an infinity: what Jackson reads 1e309 as, and what the schema validator and every writer of JSON fail on. */
    private static boolean isNonFiniteNumber(JsonNode node) {
        return node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue());
    }

    public static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (IOException e) {
            throw new InvalidEventException("does not map to " + type.getSimpleName() + ": " + e.getMessage());
        }
    }
}
