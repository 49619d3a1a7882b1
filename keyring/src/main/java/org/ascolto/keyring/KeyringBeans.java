package org.ascolto.keyring;

import java.time.Duration;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.smallrye.common.annotation.Identifier;

/**
 * The keyring of a service that seals or opens records: the datasource {@code keyring}, the master key of
 * {@code ascolto.keyring.master-key} ({@code ASCOLTO_KEYRING_MASTER_KEY}; a production start without one, with one that
 * is not 32 bytes in base64 or with the development key fails) and the cache's bounds
 * ({@code ascolto.keyring.cache-capacity}, {@code ascolto.keyring.cache-time-to-live}).
 */
public class KeyringBeans {

    private static final String MASTER_KEY = "ascolto.keyring.master-key";

    /**
     * At start, not at the first record: a service without a usable master key never says it is up. After the service's
     * check of its other secrets (default priority), so that a start missing several names them all first.
     */
    void checkMasterKey(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent started,
            @ConfigProperty(name = MASTER_KEY) String masterKey) {
        masterKey(masterKey, production());
    }

    @Produces
    @Singleton
    Keyring keyring(@DataSource("keyring") AgroalDataSource database, @ConfigProperty(name = MASTER_KEY) String masterKey,
            @ConfigProperty(name = "ascolto.keyring.cache-capacity", defaultValue = "10000") int capacity,
            @ConfigProperty(name = "ascolto.keyring.cache-time-to-live", defaultValue = "PT1M") Duration timeToLive) {
        return new Keyring(database, masterKey(masterKey, production()), capacity, timeToLive);
    }

    @Produces
    @Singleton
    SealedRecords sealedRecords(Keyring keyring) {
        return new SealedRecords(keyring);
    }

    /** Every instance hears every erasure from its start on, and drops the citizen's key from its cache. */
    @Produces
    @Singleton
    @Startup
    ErasureBroadcast erasureBroadcast(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "quarkus.application.name") String service, Keyring keyring) {
        return new ErasureBroadcast(kafkaConfig, service, keyring);
    }

    void stopListening(@Disposes ErasureBroadcast erasures) {
        erasures.close();
    }

    /** The configured master key; in production, none ({@code unset}) or the development key is refused. */
    static MasterKey masterKey(String configured, boolean production) {
        if (production && (configured.isBlank() || configured.equals("unset") || configured.equals(MasterKey.DEVELOPMENT))) {
            throw new IllegalStateException("Refusing to start in production: ASCOLTO_KEYRING_MASTER_KEY (" + MASTER_KEY
                    + ") is not set or holds the development key: give the keyring's master key, 32 random bytes in base64");
        }
        return MasterKey.of(configured);
    }

    private static boolean production() {
        return LaunchMode.current() == LaunchMode.NORMAL && ConfigUtils.getProfiles().contains("prod");
    }
}
