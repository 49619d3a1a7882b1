package org.ascolto.support.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class SecretsGuardTest {

    @Test
    void productionRefusesAnUnsetEmptyOrDevelopmentSecretNamingItsVariable() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "ascolto.adapter.citizen-key-secret", "local-development-secret-change-me",
                "ascolto.whatsapp.app-secret", "unset",
                "ascolto.whatsapp.verify-token", "Zq8Rw2Lp5Nx7Cv1Bm4Hk9Jd3",
                "ascolto.phone.signing-secret", " ",
                "ascolto.adapter.channel", "whatsapp",
                "quarkus.datasource.password", ""), "test", 100)).build();
        assertEquals(List.of(
                "ASCOLTO_ADAPTER_CITIZEN_KEY_SECRET holds a development value (ascolto.adapter.citizen-key-secret): set the production secret",
                "ASCOLTO_PHONE_SIGNING_SECRET is not set (ascolto.phone.signing-secret)",
                "ASCOLTO_WHATSAPP_APP_SECRET is not set (ascolto.whatsapp.app-secret)"), SecretsGuard.refused(config));
    }

    @Test
    void productionSecretsPass() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "ascolto.adapter.citizen-key-secret", "k3P8w0xZ1v7Qm2Rt6Yh9Lc4Nb5Jd0Fs", "ascolto.cases.reference-prefix", "MI"),
                "test", 100)).build();
        assertEquals(List.of(), SecretsGuard.refused(config));
    }
}
