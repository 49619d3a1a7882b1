package org.ascolto.adapter;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.WithDefault;

/**
 * Meta's Graph API as an adapter that answers citizens through it sees it ({@code POST {baseUrl}/{node-id}/messages}
 * with a bearer token); a reply Meta answers with 429 or 5xx, or does not answer, is tried again ({@link ReplyRetries}).
 */
public interface GraphApiSettings extends ReplyRetries {

    /** With the API version: Meta's in production, a local server in tests. */
    @WithDefault("https://graph.facebook.com/v21.0")
    URI baseUrl();

    /** The access token the messages are sent with (a system user's or a Page's), as a bearer token. */
    String accessToken();

    /** How long a request may take before it counts as failed and is tried again. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * A reply claimed longer ago than this and still unanswered was cut short (its instance stopped mid-send): it is
     * marked failed, and told so, rather than left sending. Longer than every attempt and pause of two sends.
     */
    @WithDefault("10m")
    Duration abandonedAfter();

    /** How often replies are checked for {@link #abandonedAfter()} (the scheduler reads it). */
    @WithDefault("1m")
    String abandonedCheck();
}
