package org.ascolto.simulator.traffic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

import org.ascolto.contracts.EventJson;

/** Messages by channel, language and category, from the labelled corpus of the routing service. */
public final class Messages {

    private final List<CorpusMessage> all;
    private final Map<String, Map<String, List<CorpusMessage>>> byChannelAndLanguage;
    private final Map<String, Map<String, List<CorpusMessage>>> byCategoryAndChannel;

    public Messages(List<CorpusMessage> messages) {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("the corpus has no messages");
        }
        this.all = List.copyOf(messages);
        this.byChannelAndLanguage = messages.stream().collect(Collectors.groupingBy(CorpusMessage::channel,
                Collectors.groupingBy(CorpusMessage::language)));
        this.byCategoryAndChannel = messages.stream().collect(Collectors.groupingBy(CorpusMessage::category,
                Collectors.groupingBy(CorpusMessage::channel)));
    }

    /** Reads JSON lines with keys text, category, urgent, language, channel. */
    public static Messages load(Path corpus) {
        try (var lines = Files.lines(corpus)) {
            return new Messages(lines.filter(line -> !line.isBlank())
                    .map(line -> EventJson.convert(EventJson.parse(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                            CorpusMessage.class))
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the corpus " + corpus, e);
        }
    }

    /** What someone writes on this channel in this language, or on this channel in any language. */
    public CorpusMessage pick(Channel channel, String language, RandomGenerator random) {
        Map<String, List<CorpusMessage>> languages = byChannelAndLanguage.getOrDefault(channel.id, Map.of());
        List<CorpusMessage> candidates = languages.getOrDefault(language,
                languages.values().stream().flatMap(List::stream).toList());
        return oneOf(candidates.isEmpty() ? all : candidates, random);
    }

    /** A follow-up about the same matter, as a citizen would write it on the new channel. */
    public CorpusMessage pickAbout(String category, Channel channel, RandomGenerator random) {
        Map<String, List<CorpusMessage>> channels = byCategoryAndChannel.getOrDefault(category, Map.of());
        List<CorpusMessage> candidates = channels.getOrDefault(channel.id,
                channels.values().stream().flatMap(List::stream).toList());
        return oneOf(candidates.isEmpty() ? all : candidates, random);
    }

    private static CorpusMessage oneOf(List<CorpusMessage> messages, RandomGenerator random) {
        return messages.get(random.nextInt(messages.size()));
    }
}
