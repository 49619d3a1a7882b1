package org.ascolto.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Images come from the configured tile server's origin only, and a template the maps cannot use stops the console. */
class ContentSecurityPolicyTest {

    @Test
    void theTileServersOriginIsTheOnlyOtherPlaceImagesComeFrom() {
        String policy = ContentSecurityPolicy.policy("https://casi.comune.milano.it", "https://login.comune.milano.it/realms/ascolto",
                "https://mappe.comune.milano.it:8443/tiles/{z}/{x}/{y}.png?stile=chiaro");
        assertTrue(policy.contains("; img-src 'self' https://mappe.comune.milano.it:8443; "), policy);
        assertTrue(policy.contains("; connect-src 'self' https://casi.comune.milano.it/ https://login.comune.milano.it/realms/ascolto/; "),
                policy);
    }

    @Test
    void theOriginHasNoPathNoQueryAndNoDefaultPort() {
        assertEquals("https://tile.openstreetmap.org", ContentSecurityPolicy.tileOrigin("https://tile.openstreetmap.org/{z}/{x}/{y}.png"));
        assertEquals("http://127.0.0.1:41234", ContentSecurityPolicy.tileOrigin("http://127.0.0.1:41234/{z}/{x}/{y}.png"));
    }

    @Test
    void aTemplateTheMapsCannotUseIsRefused() {
        for (String template : new String[] { "https://tile.openstreetmap.org/{z}/{x}.png", "javascript:alert(1)//{z}/{x}/{y}",
                "data:image/png,{z}{x}{y}", "https://user:secret@tiles.example/{z}/{x}/{y}.png", "/tiles/{z}/{x}/{y}.png",
                "https://tiles example/{z}/{x}/{y}.png", "https://tiles.example/{z}/{x}/{y}.png; script-src *" }) {
            assertThrows(IllegalArgumentException.class, () -> ContentSecurityPolicy.tileOrigin(template), template);
        }
    }
}
