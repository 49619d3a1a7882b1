package org.ascolto.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private final WebhookSignature signature = new WebhookSignature("It's a Secret to Everybody");
    private final byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsLikeMetaAndGitHubDo() {
        // the published example of GitHub's webhook documentation, which uses the same scheme as Meta
        assertEquals("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", signature.sign(body));
    }

    @Test
    void acceptsOnlyTheSignatureOfTheseExactBytes() {
        assertTrue(signature.verifies(signature.sign(body), body));
        assertTrue(signature.verifies(signature.sign(body).toUpperCase().replace("SHA256=", "sha256="), body));
        assertFalse(signature.verifies(signature.sign(body), "Hello, World! ".getBytes(StandardCharsets.UTF_8)));
        assertFalse(signature.verifies(new WebhookSignature("guess").sign(body), body));
        assertFalse(signature.verifies(null, body));
        assertFalse(signature.verifies("sha256=not-hex", body));
        assertFalse(signature.verifies(signature.sign(body).substring("sha256=".length()), body));
    }
}
