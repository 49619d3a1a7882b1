package org.ascolto.cases.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ascolto.cases")
public interface CaseConfig {

    /** City prefix of human case references, as in MI-2026-000123. */
    @WithDefault("MI")
    String referencePrefix();
}
