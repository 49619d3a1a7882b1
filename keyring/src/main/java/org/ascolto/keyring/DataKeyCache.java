package org.ascolto.keyring;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The unwrapped data keys this process used lately: at most {@code capacity} (the least recently used leave first),
 * each for at most {@code timeToLive} after it was read from the database, so that a key erased while this process
 * holds it stops opening records here within that time at the latest.
 */
final class DataKeyCache {

    private record Entry(DataKey key, long loadedAtNanos) {
    }

    private final int capacity;
    private final long timeToLiveNanos;
    private final LinkedHashMap<String, Entry> entries;

    DataKeyCache(int capacity, Duration timeToLive) {
        this.capacity = capacity;
        this.timeToLiveNanos = timeToLive.toNanos();
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, DataKeyCache.Entry> eldest) {
                return size() > DataKeyCache.this.capacity;
            }
        };
    }

    synchronized DataKey get(String citizenKey) {
        Entry entry = entries.get(citizenKey);
        if (entry == null) {
            return null;
        }
        if (System.nanoTime() - entry.loadedAtNanos() > timeToLiveNanos) {
            entries.remove(citizenKey);
            return null;
        }
        return entry.key();
    }

    synchronized void put(String citizenKey, DataKey key) {
        entries.put(citizenKey, new Entry(key, System.nanoTime()));
    }

    synchronized void forget(String citizenKey) {
        entries.remove(citizenKey);
    }
}
