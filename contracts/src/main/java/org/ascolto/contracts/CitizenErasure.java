package org.ascolto.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A data-protection officer erased a citizen (Art. 17): the value of {@link Topics#ERASURES}, keyed by the citizen key,
 * written by the case service through its outbox in the erasure's transaction, one record per citizen key the erasure
 * reached. It carries only what the services that keep their own copies need to find them (the pseudonymous key for
 * analytics' per-citizen stores, the case ids for the adapters' sent replies), never a phone, email, name or text.
 * Schema: {@code schemas/citizen-erasure.v1.json}.
 */
public record CitizenErasure(
        UUID erasureId,
        String citizenKey,
        List<UUID> caseIds,
        Instant erasedAt,
        int schemaVersion) {

    public static final int SCHEMA_VERSION = 1;
    /** CloudEvents type of an erasure record; its {@code ce_id} is {@link #eventId}. */
    public static final String EVENT_TYPE = "crm.citizen.erased.v1";

    public CitizenErasure {
        caseIds = List.copyOf(caseIds);
    }

    public static CitizenErasure of(UUID erasureId, String citizenKey, List<UUID> caseIds, Instant erasedAt) {
        return new CitizenErasure(erasureId, citizenKey, caseIds, erasedAt, SCHEMA_VERSION);
    }

    /** The record's {@code ce_id}: one erasure may reach several citizen keys, each its own record. */
    public static UUID eventId(UUID erasureId, String citizenKey) {
        return ContactIds.nameBased(ContactIds.NAMESPACE, "erasure:" + erasureId + ":" + citizenKey);
    }
}
