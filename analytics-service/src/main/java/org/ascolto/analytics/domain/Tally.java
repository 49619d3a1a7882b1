package org.ascolto.analytics.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts by dimension, as kept in the statistics stores: one key per counted thing,
 * e.g. {@code channel:web}, {@code switch:phone>web}, {@code category:web:taxes}.
 * Channel ids and category ids never contain {@code :} or {@code >}.
 */
public final class Tally {

    private static final String CHANNEL = "channel:";
    private static final String REPEAT = "repeat:";
    private static final String SWITCH = "switch:";
    private static final String ROUTED = "routed:";
    private static final String CATEGORY = "category:";
    private static final String URGENT = "urgent:";

    private final Map<String, Long> counts = new TreeMap<>();

    /** What one new contact adds. */
    public static List<String> contactDimensions(String channel, Journey journey) {
        if (journey.switchedChannel()) {
            return List.of(CHANNEL + channel, REPEAT + channel, SWITCH + journey.switchedFrom() + ">" + channel);
        }
        return journey.repeat() ? List.of(CHANNEL + channel, REPEAT + channel) : List.of(CHANNEL + channel);
    }

    /** What one new routed contact adds. */
    public static List<String> routedDimensions(String channel, String category, boolean urgent) {
        return urgent
                ? List.of(ROUTED + channel, CATEGORY + channel + ":" + category, URGENT + channel)
                : List.of(ROUTED + channel, CATEGORY + channel + ":" + category);
    }

    public Tally add(String dimension, long count) {
        counts.merge(dimension, count, Long::sum);
        return this;
    }

    public Tally addAll(Tally other) {
        other.counts.forEach(this::add);
        return this;
    }

    /** These tallies added up. */
    public static Tally sum(Collection<Tally> tallies) {
        Tally sum = new Tally();
        tallies.forEach(sum::addAll);
        return sum;
    }

    /** Contacts per channel. */
    public Map<String, Long> channels() {
        return withPrefix(CHANNEL);
    }

    public long contacts() {
        return sum(CHANNEL);
    }

    /** Contacts per channel whose citizen had written within the journey window before. */
    public Map<String, Long> repeatsByChannel() {
        return withPrefix(REPEAT);
    }

    public long repeats() {
        return sum(REPEAT);
    }

    /** Channel switches by pair, as {@code from>to}. */
    public Map<String, Long> switchesByPair() {
        return withPrefix(SWITCH);
    }

    public long switches() {
        return sum(SWITCH);
    }

    /** Routed contacts per channel. */
    public Map<String, Long> routedByChannel() {
        return withPrefix(ROUTED);
    }

    public long routed() {
        return sum(ROUTED);
    }

    public long urgent() {
        return sum(URGENT);
    }

    public Map<String, Long> urgentByChannel() {
        return withPrefix(URGENT);
    }

    /** Routed contacts per category, all channels together. */
    public Map<String, Long> categories() {
        Map<String, Long> result = new TreeMap<>();
        categoriesByChannel().values().forEach(perCategory -> perCategory.forEach((c, n) -> result.merge(c, n, Long::sum)));
        return result;
    }

    /** Routed contacts per channel, then per category. */
    public Map<String, Map<String, Long>> categoriesByChannel() {
        Map<String, Map<String, Long>> result = new TreeMap<>();
        withPrefix(CATEGORY).forEach((channelAndCategory, n) -> {
            int colon = channelAndCategory.indexOf(':');
            result.computeIfAbsent(channelAndCategory.substring(0, colon), c -> new TreeMap<>())
                    .put(channelAndCategory.substring(colon + 1), n);
        });
        return result;
    }

    private Map<String, Long> withPrefix(String prefix) {
        Map<String, Long> result = new TreeMap<>();
        counts.forEach((dimension, n) -> {
            if (dimension.startsWith(prefix)) {
                result.put(dimension.substring(prefix.length()), n);
            }
        });
        return result;
    }

    private long sum(String prefix) {
        return withPrefix(prefix).values().stream().mapToLong(Long::longValue).sum();
    }
}
