package org.ascolto.cases.persistence;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.cases.config.CaseConfig;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Removes the personal data of cases resolved or closed longer ago than {@code ascolto.cases.retention.personal-data},
 * some hundreds of cases a transaction, so that operators' changes never wait long behind it.
 */
@ApplicationScoped
public class RetentionPurge {

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);
    private static final int CASES_PER_TRANSACTION = 500;

    private final PersonalData personalData;
    private final CaseConfig config;

    public RetentionPurge(PersonalData personalData, CaseConfig config) {
        this.personalData = personalData;
        this.config = config;
    }

    @Scheduled(every = "${ascolto.cases.retention.interval}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            purge(Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf("the personal data of old resolved cases is purged at the next round: %s", e.getMessage());
        }
    }

    /** Redacts every case resolved before {@code now} minus the retention; answers how many. */
    public int purge(Instant now) {
        Instant before = now.minus(config.retention().personalData());
        int total = 0;
        int purged;
        do {
            purged = personalData.purgeResolvedBefore(before, CASES_PER_TRANSACTION);
            total += purged;
        } while (purged == CASES_PER_TRANSACTION);
        if (total > 0) {
            LOG.infof("retention: personal data removed from %d cases resolved before %s", total, before);
        }
        return total;
    }
}
