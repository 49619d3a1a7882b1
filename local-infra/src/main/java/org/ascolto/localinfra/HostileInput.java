package org.ascolto.localinfra;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;

/**
 * What a hostile or broken sender can put in a request or a record, drawn from a {@link Random}: text with NUL,
 * control and bidirectional characters, lone surrogates, emoji and combining marks; JSON shaped like a real sample but
 * with wrong types, extreme numbers, duplicated keys, deep nesting, huge fields, invalid UTF-8, or no JSON at all.
 * Property tests and the fuzz command draw from the same pool, so a failure of one replays in the other.
 */
public final class HostileInput {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> MAIL_CHARSETS = List.of("UTF-8", "ISO-8859-1", "x-unknown", "", "UTF-16", "windows-1252\"");
    private static final List<String> MAIL_ENCODINGS = List.of("7bit", "8bit", "base64", "quoted-printable", "x-uuencode", "binary");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static final String[] FRAGMENTS = {
            "\u0000", "\u0001", "\u0007", "\u0008", "\u000b", "\u000c", "\u001b[31m", "\u007f", "\u0085", "\u009b",
            "\r", "\r\n", "\n", "\t", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
            "\u2069", "\u200e", "\u200f", "\u061c", "\u200b", "\u200d", "\ufeff", "\u2028", "\u2029", "\ud800", "\udbff",
            "\udc00", "\udfff", "\udc00\ud800", "\ud83d", "\ude00", "\ud83d\ude00", "\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67",
            "\ud83c\uddee\ud83c\uddf9", "\u0301", "\u0327\u0301", "e\u0301", "E\u0301", "a\u0308\u0301\u0323", "\u1100\u1161\u11a8",
            "\u212b", "\u2126", "\ufb01", "\uffff", "\ufffe", "\ufffd", "\u0345\u0313", "\u0f73", "\u0958", "z\u0300\u0301\u0302\u0303\u0304",
            "citt\u00e0", "via Dante 1", "'; DROP TABLE cases; --", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "%s%n%x",
            "\\", "\"", "null", "NaN", "-Infinity", "1e309", "0", "-1", " ", "+390212345678", "3351234567", "a@b.it"};

    /** Numbers a parser may choke on, written as the sender would: some are not JSON at all. */
    private static final String[] NUMBER_TOKENS = {
            "0", "-0", "-1", "1e309", "-1e309", "1.7976931348623157E308", "4.9E-324", "9223372036854775807",
            "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890123456789", "1e-400",
            "NaN", "Infinity", "-Infinity", "0x1F", "01", "1.", ".5", "+1", "99999999999999", "253402300800", "-62135596801",
            "1E+2147483647", "90.0000000000001", "-180.1"};

    private HostileInput() {
    }

    /** A hostile string: fragments above, arbitrary UTF-16 units and code points, words; now and then very long. */
    public static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(10);
        for (int i = 0; i < pieces; i++) {
            switch (random.nextInt(5)) {
                case 0, 1 -> text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                case 2 -> text.append((char) random.nextInt(0x10000));
                case 3 -> text.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
                default -> text.append("segnalazione rifiuti ");
            }
        }
        if (random.nextInt(30) == 0) {
            text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)].repeat(1 + random.nextInt(25_000)));
        }
        return text.toString();
    }

    /** A number as a sender may write it, JSON or not: extremes, NaN, infinities, hexadecimal. */
    public static String numberToken(Random random) {
        return NUMBER_TOKENS[random.nextInt(NUMBER_TOKENS.length)];
    }

    /** JSON text written as it is, however malformed: what no tree of Jackson's can hold. */
    private static JsonNode raw(String json) {
        return new POJONode(new RawValue(json));
    }

    /** Bytes that are not UTF-8: overlong forms, encoded surrogates, truncated sequences, bytes never used. */
    public static byte[] invalidUtf8(Random random) {
        byte[][] sequences = { { (byte) 0xc0, (byte) 0x80 }, { (byte) 0xed, (byte) 0xa0, (byte) 0x80 }, { (byte) 0xff },
                { (byte) 0xfe }, { (byte) 0x80 }, { (byte) 0xe2, (byte) 0x82 }, { (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80 },
                { (byte) 0xc3 }, { 0 } };
        return sequences[random.nextInt(sequences.length)];
    }

    /** Random bytes, sometimes none. */
    public static byte[] bytes(Random random) {
        byte[] bytes = new byte[random.nextInt(4) == 0 ? 0 : random.nextInt(2048)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A request body shaped like the sample, made hostile in one of many ways. */
    public static byte[] body(JsonNode sample, Random random) {
        int kind = random.nextInt(100);
        if (kind < 60) {
            return json(mutate(sample, random), random);
        }
        if (kind < 72) {
            return withInvalidUtf8(json(mutate(sample, random), random), random);
        }
        if (kind < 80) {
            return json(nestedSomewhere(sample.deepCopy(), random), random);
        }
        if (kind < 86) {
            byte[] whole = json(mutate(sample, random), random);
            return java.util.Arrays.copyOf(whole, random.nextInt(whole.length + 1));
        }
        if (kind < 93) {
            String[] roots = { "", "null", "[]", "{}", "\"text\"", "42", "true", "[" + sample + "]", "{\"entry\":null}",
                    sample + sample.toString(), "\ufeff" + sample, sample + "garbage" };
            return roots[random.nextInt(roots.length)].getBytes(StandardCharsets.UTF_8);
        }
        return bytes(random);
    }

    /**
     * A mail message built of hostile pieces: some headers missing or repeated, nested parts, any charset and transfer
     * encoding, or bytes that are not mail at all.
     */
    public static byte[] mail(Random random) {
        if (random.nextInt(10) == 0) {
            return random.nextBoolean() ? bytes(random) : invalidUtf8(random);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int froms = random.nextInt(4) == 0 ? random.nextInt(3) : 1;
        for (int i = 0; i < froms; i++) {
            write(out, "From: " + (random.nextBoolean() ? "\"" + text(random) + "\" " : "") + "<citizen" + random.nextInt(5)
                    + "@example.org>\r\n");
        }
        if (random.nextInt(4) > 0) {
            write(out, "Message-ID: <" + (random.nextBoolean() ? "m" + random.nextInt(1000) : text(random)) + "@x>\r\n");
        }
        if (random.nextBoolean()) {
            write(out, "Subject: " + text(random).replace("\n", " ") + "\r\n");
        }
        if (random.nextInt(6) == 0) {
            write(out, List.of("Auto-Submitted: auto-replied", "X-Ricevuta: accettazione", "Precedence: junk",
                    "Date: " + text(random)).get(random.nextInt(4)) + "\r\n");
        }
        int depth = random.nextInt(4) == 0 ? random.nextInt(40) : random.nextInt(3);
        for (int level = 0; level < depth; level++) {
            write(out, "Content-Type: multipart/" + (random.nextBoolean() ? "mixed" : "alternative") + "; boundary=\"b" + level
                    + "\"\r\n\r\n--b" + level + "\r\n");
        }
        String type = random.nextBoolean() ? "text/plain" : random.nextBoolean() ? "text/html" : "application/octet-stream";
        write(out, "Content-Type: " + type + "; charset=" + MAIL_CHARSETS.get(random.nextInt(MAIL_CHARSETS.size())) + "\r\n");
        write(out, "Content-Transfer-Encoding: " + MAIL_ENCODINGS.get(random.nextInt(MAIL_ENCODINGS.size())) + "\r\n\r\n");
        byte[] body = random.nextInt(3) == 0 ? invalidUtf8(random)
                : (random.nextInt(20) == 0 ? "x".repeat(30_000) : text(random)).getBytes(StandardCharsets.UTF_8);
        out.writeBytes(body);
        for (int level = depth - 1; level >= 0; level--) {
            write(out, random.nextBoolean() ? "\r\n--b" + level + "--\r\n" : "\r\n");
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the sample in which about one value in five is replaced by a hostile one, and fields are added. */
    public static JsonNode mutate(JsonNode sample, Random random) {
        JsonNode copy = sample.deepCopy();
        mutateIn(copy, random, 0.2);
        return copy;
    }

    /** A hostile value of any JSON type. */
    public static JsonNode value(Random random) {
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> NODES.textNode(text(random));
            case 4 -> raw(numberToken(random));
            case 5 -> random.nextBoolean() ? NODES.nullNode() : NODES.booleanNode(random.nextBoolean());
            case 6 -> NODES.objectNode().set(text(random), NODES.textNode(text(random)));
            case 7 -> NODES.arrayNode().add(text(random)).add(random.nextLong());
            case 8 -> NODES.numberNode(random.nextBoolean() ? random.nextLong() : random.nextDouble() * 1e6);
            default -> nested(1 + random.nextInt(random.nextBoolean() ? 50 : 3000), random);
        };
    }

    /** Arrays and objects inside each other, as deep as asked. */
    public static JsonNode nested(int depth, Random random) {
        boolean arrays = random.nextBoolean();
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            json.append(arrays ? "[" : "{\"a\":");
        }
        json.append("1");
        for (int i = 0; i < depth; i++) {
            json.append(arrays ? "]" : "}");
        }
        return raw(json.toString());
    }

    /** JSON text of the tree, escaping surrogates so that lone ones reach the parser, repeating keys now and then. */
    public static byte[] json(JsonNode node, Random random) {
        StringBuilder json = new StringBuilder();
        write(node, random, json);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void mutateIn(JsonNode node, Random random, double odds) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode child = object.get(name);
                if (random.nextDouble() < odds) {
                    object.set(name, replacement(child, random));
                } else {
                    mutateIn(child, random, odds);
                }
            }
            if (random.nextDouble() < odds) {
                object.set(text(random), value(random));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (random.nextDouble() < odds) {
                    array.set(i, replacement(array.get(i), random));
                } else {
                    mutateIn(array.get(i), random, odds);
                }
            }
            if (random.nextDouble() < odds / 2) {
                for (int copies = random.nextInt(50); copies > 0 && array.size() > 0; copies--) {
                    array.add(array.get(random.nextInt(array.size())).deepCopy());
                }
            }
        }
    }

    /** Mostly a hostile value of the same type, so that the parser goes on reading; else any value. */
    private static JsonNode replacement(JsonNode original, Random random) {
        if (random.nextInt(3) == 0) {
            return value(random);
        }
        if (original.isTextual()) {
            return NODES.textNode(random.nextBoolean() ? text(random) : original.asText() + text(random));
        }
        if (original.isNumber()) {
            return raw(numberToken(random));
        }
        return value(random);
    }

    private static JsonNode nestedSomewhere(JsonNode node, Random random) {
        if (node instanceof ObjectNode object) {
            object.set("nested", nested(500 + random.nextInt(5000), random));
            return object;
        }
        return nested(500 + random.nextInt(5000), random);
    }

    private static byte[] withInvalidUtf8(byte[] json, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + 8);
        int quotes = 0;
        int target = 1 + 2 * random.nextInt(Math.max(1, count(json, (byte) '"') / 2));
        for (byte b : json) {
            out.write(b);
            if (b == '"' && ++quotes == target) {
                out.writeBytes(invalidUtf8(random));
            }
        }
        return out.toByteArray();
    }

    private static int count(byte[] bytes, byte wanted) {
        int count = 0;
        for (byte b : bytes) {
            if (b == wanted) {
                count++;
            }
        }
        return count;
    }

    private static void write(JsonNode node, Random random, StringBuilder json) {
        if (node instanceof POJONode pojo && pojo.getPojo() instanceof RawValue raw) {
            json.append(raw.rawValue());
        } else if (node.isObject()) {
            json.append('{');
            String separator = "";
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (random.nextInt(25) == 0) {
                    json.append(separator);
                    quote(field.getKey(), json);
                    json.append(':');
                    write(value(random), random, json);
                    separator = ",";
                }
                json.append(separator);
                quote(field.getKey(), json);
                json.append(':');
                write(field.getValue(), random, json);
                separator = ",";
            }
            json.append('}');
        } else if (node.isArray()) {
            json.append('[');
            for (int i = 0; i < node.size(); i++) {
                json.append(i == 0 ? "" : ",");
                write(node.get(i), random, json);
            }
            json.append(']');
        } else if (node.isTextual()) {
            quote(node.asText(), json);
        } else {
            json.append(node);
        }
    }

    private static void quote(String text, StringBuilder json) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                json.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
