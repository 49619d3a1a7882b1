package org.ascolto.cases.monitoring;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.cases.persistence.SlaStore;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Checks cases against their SLA every interval: {@code ascolto_cases_sla_breached_total} counts each case once, when
 * it is first found past its due time, and {@code ascolto_cases_overdue} is how many open cases are past it now.
 */
@ApplicationScoped
public class SlaMonitor {

    private static final Logger LOG = Logger.getLogger(SlaMonitor.class);

    private final SlaStore store;
    private final Counter breached;
    private final AtomicLong overdue = new AtomicLong();

    public SlaMonitor(SlaStore store, MeterRegistry registry) {
        this.store = store;
        this.breached = Counter.builder("ascolto.cases.sla.breached")
                .description("cases found past their SLA due time, each counted once").register(registry);
        Gauge.builder("ascolto.cases.overdue", overdue, AtomicLong::get)
                .description("open cases past their SLA due time").register(registry);
    }

    @Scheduled(every = "${ascolto.cases.sla.check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void check() {
        try {
            breached.increment(store.markNewBreaches());
            overdue.set(store.overdue());
        } catch (RuntimeException e) {
            LOG.warnf("SLAs are checked again at the next round: %s", e.getMessage());
        }
    }
}
