package org.ascolto.adapter;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings every adapter shares. */
@ConfigMapping(prefix = "ascolto.adapter")
public interface AdapterConfig {

    /** Secret of the keyed hash that turns a citizen's identity into their pseudonymous key. */
    String citizenKeySecret();

    /** Region whose numbering plan applies to phone numbers written without a country code. */
    @WithDefault("IT")
    String defaultPhoneRegion();

    /** The channel tag of requests refused before their channel is known (the adapter's name). */
    String channel();

    /** How many acknowledged contacts are remembered to recognize a redelivery without publishing it again. */
    @WithDefault("100000")
    int rememberedContacts();

    /** How long a request waits for Kafka to acknowledge its contacts before it is answered 503. */
    @WithDefault("10s")
    Duration publishTimeout();

    /** Whether this adapter sends replies and keeps them in {@code sent_replies}: read at build time, switches on the library's consumers of reply records and erasures. */
    @WithDefault("false")
    boolean sendsReplies();
}
