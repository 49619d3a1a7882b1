package org.ascolto.simulator.faults;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.ascolto.simulator.bench.CaseStore;
import org.ascolto.simulator.run.Driver;
import org.ascolto.simulator.run.Tally;
import org.ascolto.simulator.traffic.Channel;
import org.ascolto.simulator.traffic.SteadyRate;
import org.ascolto.simulator.traffic.Traffic;
import org.ascolto.simulator.channels.AdapterRequests;

/**
 * {@code ./ascolto faults}: contacts at a moderate steady rate through the adapters while the script kills and
 * restarts the platform's parts, until the file {@code until} appears; then every contact an adapter answered 2xx
 * must be in exactly one case, and every change of a case published once.
 * The sender is patient, as Meta and the contact center are: a 503 or a refused connection is retried every second
 * (its Retry-After) for up to {@value #ATTEMPTS} attempts, so a contact is refused only if it never got a 2xx.
 */
public final class FaultLoad {

    public record Settings(double rate, Path until, int concurrency, String jdbcUrl, String dbUser, String dbPassword,
            String kafka, Duration patience) {
    }

    private static final int ATTEMPTS = 600;

    private final Settings settings;
    private final PrintStream out = System.out;
    private final Set<UUID> accepted = ConcurrentHashMap.newKeySet();

    public FaultLoad(Settings settings) {
        this.settings = settings;
    }

    public int run(Traffic traffic, AdapterRequests requests, Set<Channel> running) throws Exception {
        try (CaseEventWatcher caseEvents = new CaseEventWatcher(settings.kafka())) {
            Driver driver = new Driver(traffic, requests, running, settings.concurrency(), true)
                    .attempting(ATTEMPTS)
                    .onAccepted((delivery, at) -> accepted.addAll(delivery.contactIds()));
            Thread stopper = new Thread(() -> stopWhenAsked(driver), "faults-done");
            stopper.setDaemon(true);
            stopper.start();
            out.printf(Locale.ROOT, "Sending %.0f contacts/s over %s until the faults are done%n", settings.rate(), running);
            out.flush();
            Tally tally = driver.run(new SteadyRate(settings.rate(), Duration.ofDays(1)), Long.MAX_VALUE);
            out.printf(Locale.ROOT, "%nSent %,d contacts: %,d answered 2xx, %,d never accepted (the sender gave up: not lost),"
                    + " %,d redeliveries accepted again; retried: after a 503 or a refused connection%n",
                    tally.sent(), tally.accepted(), tally.refused(), tally.redelivered());
            tally.print(out, Set.of());
            long lost;
            long duplicated;
            try (CaseStore store = new CaseStore(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword())) {
                lost = lostAfterWaiting(store);
                duplicated = store.duplicateCases(accepted);
            }
            CaseEventWatcher.Count events = caseEvents.readToEnd();
            out.printf(Locale.ROOT, "  lost contacts                %d  (answered 2xx, in no case after %d s without progress)%n",
                    lost, settings.patience().toSeconds());
            out.printf(Locale.ROOT, "  duplicated contacts          %d  (a contact in two cases or twice in one, or a case too many)%n", duplicated);
            out.printf(Locale.ROOT, "  duplicated case events       %d  of %,d on crm.case-events.v1 (a case's change, its sequence, under a second ce_id);"
                    + " %d redelivered with the same ce_id (at least once: fine)%n",
                    events.duplicatedChanges(), events.records(), events.redelivered());
            return lost == 0 && duplicated == 0 && events.duplicatedChanges() == 0 ? 0 : 1;
        }
    }

    private void stopWhenAsked(Driver driver) {
        try {
            while (!Files.exists(settings.until())) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        driver.stop();
    }

    /** How many accepted contacts are in no case once none has joined one for the patience: the lost ones. */
    private long lostAfterWaiting(CaseStore store) throws Exception {
        Set<UUID> pending = new HashSet<>(accepted);
        long lastProgress = System.nanoTime();
        while (!pending.isEmpty() && System.nanoTime() - lastProgress < settings.patience().toNanos()) {
            Set<UUID> found = store.persisted(pending);
            if (!found.isEmpty()) {
                pending.removeAll(found);
                lastProgress = System.nanoTime();
            }
            TimeUnit.SECONDS.sleep(1);
        }
        return pending.size();
    }
}
