package org.ascolto.simulator.traffic;

/** A realistic message from the routing corpus: what citizens write on a channel, in their language. */
public record CorpusMessage(String text, String category, boolean urgent, String language, String channel) {
}
