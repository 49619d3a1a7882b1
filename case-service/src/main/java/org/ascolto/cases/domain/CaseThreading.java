package org.ascolto.cases.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.ascolto.cases.config.CaseConfig;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.contracts.RoutingDecision;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * Stores a routed contact exactly once and puts it on the right case: the open case of the same
 * citizen in the same category, or a new one. Contacts of one citizen share a Kafka partition,
 * so they are threaded one after the other.
 */
@ApplicationScoped
public class CaseThreading {

    private final CaseConfig config;

    public CaseThreading(CaseConfig config) {
        this.config = config;
    }

    /** The case the contact belongs to; a contact already stored changes nothing. */
    @Transactional
    public CitizenCase record(RoutedContact routed) {
        CitizenContact contact = routed.contact();
        CaseContact existing = CaseContact.findById(contact.contactId());
        if (existing != null) {
            return CitizenCase.findById(existing.caseId);
        }
        RoutingDecision decision = routed.routing();
        Instant now = Instant.now();
        CitizenCase thread = CitizenCase.<CitizenCase>find(
                "citizenKey = ?1 and category = ?2 and status in ?3 order by openedAt desc",
                contact.citizen().key(), decision.category(), CaseStatus.OPEN).firstResult();
        if (thread == null) {
            thread = open(contact, decision, now);
        } else if (decision.urgent() && thread.priority != Priority.URGENT) {
            thread.priority = Priority.URGENT;
            thread.slaDueAt = slaDue(now, decision);
        }
        thread.updatedAt = now;

        CaseContact stored = new CaseContact();
        stored.contactId = contact.contactId();
        stored.caseId = thread.id;
        stored.channel = contact.channel();
        stored.externalId = contact.externalId();
        stored.occurredAt = contact.occurredAt();
        stored.receivedAt = contact.receivedAt();
        stored.subject = contact.subject();
        stored.text = contact.text();
        stored.language = decision.language();
        stored.urgent = decision.urgent();
        stored.routed = new String(EventJson.write(routed), java.nio.charset.StandardCharsets.UTF_8);
        stored.persist();
        return thread;
    }

    private CitizenCase open(CitizenContact contact, RoutingDecision decision, Instant now) {
        CitizenCase opened = new CitizenCase();
        opened.id = UUID.randomUUID();
        opened.reference = reference(now);
        opened.citizenKey = contact.citizen().key();
        opened.category = decision.category();
        opened.queue = decision.queue();
        opened.priority = decision.urgent() ? Priority.URGENT : Priority.NORMAL;
        opened.status = CaseStatus.NEW;
        opened.firstChannel = contact.channel();
        opened.openedAt = now;
        opened.updatedAt = now;
        opened.slaDueAt = slaDue(now, decision);
        opened.persist();
        return opened;
    }

    private static Instant slaDue(Instant from, RoutingDecision decision) {
        return decision.slaHours() == null ? null : from.plus(Duration.ofHours(decision.slaHours()));
    }

    private String reference(Instant now) {
        long next = ((Number) Panache.getEntityManager()
                .createNativeQuery("select nextval('case_reference_seq')").getSingleResult()).longValue();
        return "%s-%d-%06d".formatted(config.referencePrefix(), now.atZone(ZoneOffset.UTC).getYear(), next);
    }
}
