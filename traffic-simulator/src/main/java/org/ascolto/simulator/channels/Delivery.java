package org.ascolto.simulator.channels;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

import org.ascolto.simulator.traffic.Contact;

/** One HTTP request to an adapter, kept byte for byte so that it can be delivered again, as Meta and Amazon Connect do. */
public record Delivery(Contact contact, URI uri, Map<String, String> headers, byte[] body) {

    public HttpRequest request() {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        return builder.build();
    }
}
