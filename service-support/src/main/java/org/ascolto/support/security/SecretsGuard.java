package org.ascolto.support.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.StreamSupport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * In production a service refuses to start with a secret that is empty, unset or a development value, naming the
 * environment variable to set. Secrets are the {@code ascolto.*} settings whose names end in {@code secret},
 * {@code token} or {@code password}; development values start with {@code local-}, and {@code unset} marks a secret
 * production must provide. Other profiles (dev, test, and {@code local} for {@code ./ascolto run}) take the
 * development values.
 */
@ApplicationScoped
public class SecretsGuard {

    static final String UNSET = "unset";
    static final String DEVELOPMENT = "local-";

    void check(@Observes StartupEvent started, Config config) {
        if (LaunchMode.current() != LaunchMode.NORMAL || !ConfigUtils.getProfiles().contains("prod")) {
            return;
        }
        List<String> refused = refused(config);
        if (!refused.isEmpty()) {
            throw new IllegalStateException("Refusing to start in production: " + String.join("; ", refused));
        }
    }

    /** What is wrong with the secrets of this configuration, one line each; empty when nothing is. */
    static List<String> refused(Config config) {
        List<String> refused = new ArrayList<>();
        StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(SecretsGuard::isSecret)
                .sorted()
                .forEach(name -> {
                    Optional<String> value = config.getOptionalValue(name, String.class);
                    if (value.isEmpty() || value.get().isBlank() || value.get().equals(UNSET)) {
                        refused.add(variable(name) + " is not set (" + name + ")");
                    } else if (value.get().startsWith(DEVELOPMENT)) {
                        refused.add(variable(name) + " holds a development value (" + name + "): set the production secret");
                    }
                });
        return refused;
    }

    static boolean isSecret(String name) {
        return name.startsWith("ascolto.") && (name.endsWith("secret") || name.endsWith("token") || name.endsWith("password"));
    }

    /** The environment variable that sets a property: upper case, every other character an underscore. */
    static String variable(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
