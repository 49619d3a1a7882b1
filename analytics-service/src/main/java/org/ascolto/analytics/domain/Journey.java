package org.ascolto.analytics.domain;

/**
 * Where a contact stands in its citizen's journey: a repeat when the same citizen wrote within the
 * journey window before it; a channel switch when that latest earlier contact came on another channel.
 */
public record Journey(boolean repeat, String switchedFrom) {

    public static final Journey FIRST = new Journey(false, null);

    public boolean switchedChannel() {
        return switchedFrom != null;
    }
}
