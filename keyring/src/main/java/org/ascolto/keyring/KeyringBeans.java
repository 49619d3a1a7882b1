package org.ascolto.keyring;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * The keyring of a service that seals or opens records: the datasource {@code keyring}, the master key of
 * {@code ascolto.keyring.master-key} ({@code ASCOLTO_KEYRING_MASTER_KEY}; production refuses to start without one, or
 * with the development key) and the cache's bounds ({@code ascolto.keyring.cache-capacity},
 * {@code ascolto.keyring.cache-time-to-live}).
 */
public class KeyringBeans {

    @Produces
    @Singleton
    Keyring keyring(@DataSource("keyring") AgroalDataSource database,
            @ConfigProperty(name = "ascolto.keyring.master-key") String masterKey,
            @ConfigProperty(name = "ascolto.keyring.cache-capacity", defaultValue = "10000") int capacity,
            @ConfigProperty(name = "ascolto.keyring.cache-time-to-live", defaultValue = "PT1M") Duration timeToLive) {
        boolean production = LaunchMode.current() == LaunchMode.NORMAL && ConfigUtils.getProfiles().contains("prod");
        if (production && (masterKey.isBlank() || masterKey.equals("unset") || masterKey.equals(MasterKey.DEVELOPMENT))) {
            throw new IllegalStateException("Refusing to start in production: ASCOLTO_KEYRING_MASTER_KEY is not set"
                    + " (ascolto.keyring.master-key): give the keyring's master key, 32 random bytes in base64");
        }
        return new Keyring(database, MasterKey.of(masterKey), capacity, timeToLive);
    }

    @Produces
    @Singleton
    SealedRecords sealedRecords(Keyring keyring) {
        return new SealedRecords(keyring);
    }
}
