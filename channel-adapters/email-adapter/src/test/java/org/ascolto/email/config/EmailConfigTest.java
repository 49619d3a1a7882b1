package org.ascolto.email.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Production configures the mailboxes with environment variables only, one set per mailbox, as the README says. */
class EmailConfigTest {

    @Test
    void mailboxesComeFromEnvironmentVariablesNamedAfterThem() {
        EmailConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(Map.of(
                        "ASCOLTO_EMAIL_SIGNING_SECRET", "s",
                        "ASCOLTO_EMAIL_REPLIES_FROM", "noreply@comune.milano.it",
                        "ASCOLTO_EMAIL_REPLIES_SMTP_HOST", "smtp.comune.milano.it",
                        "ASCOLTO_EMAIL_MAILBOXES_URP_HOST", "imap.comune.milano.it",
                        "ASCOLTO_EMAIL_MAILBOXES_URP_USER", "urp@comune.milano.it",
                        "ASCOLTO_EMAIL_MAILBOXES_URP_PASSWORD", "p1",
                        "ASCOLTO_EMAIL_MAILBOXES_PEC_HOST", "imaps.pec.aruba.it",
                        "ASCOLTO_EMAIL_MAILBOXES_PEC_USER", "protocollo@pec.comune.milano.it",
                        "ASCOLTO_EMAIL_MAILBOXES_PEC_PASSWORD", "p2",
                        "ASCOLTO_EMAIL_MAILBOXES_PEC_PEC", "true"), 300))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(EmailConfig.class)
                .build()
                .getConfigMapping(EmailConfig.class);

        assertEquals(2, config.mailboxes().size(), config.mailboxes().keySet().toString());
        assertEquals("imap.comune.milano.it", config.mailboxes().get("urp").host());
        assertEquals(993, config.mailboxes().get("urp").port());
        assertTrue(config.mailboxes().get("pec").pec());
        assertEquals("smtp.comune.milano.it", config.replies().smtp().host());
    }
}
