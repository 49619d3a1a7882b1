package org.ascolto.simulator.traffic;

/** One message a citizen sends on a channel; {@code returning} when the citizen already wrote on another channel. */
public record Contact(long sequence, Channel channel, Citizen citizen, CorpusMessage message, boolean returning) {
}
