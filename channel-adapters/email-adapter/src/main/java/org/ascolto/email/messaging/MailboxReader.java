package org.ascolto.email.messaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.FlagTerm;

import org.ascolto.adapter.AcceptableContacts;
import org.ascolto.adapter.AdapterConfig;
import org.ascolto.adapter.ContactPublisher;
import org.ascolto.adapter.InvalidContactException;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.email.config.EmailConfig;
import org.ascolto.email.domain.InboundMail;
import org.ascolto.email.domain.MailNormalizer;
import org.ascolto.email.domain.MailOrigin;
import org.ascolto.email.domain.SkipReason;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.quarkus.runtime.StartupEvent;

/**
 * Reads each configured mailbox over IMAP, one thread each: the unseen messages, in batches, become contacts that are
 * published, and only once Kafka acknowledged a batch are its messages marked seen, so a crash or a broker that does not
 * answer leaves them unseen to be read again (as the same contacts). Messages that are not contacts are marked seen and
 * counted by reason; they stay in the mailbox for the city's staff. Between looks the thread waits in IMAP IDLE where
 * the server offers it, woken at least every poll interval, else it polls.
 */
@ApplicationScoped
public class MailboxReader {

    private static final Logger LOG = Logger.getLogger(MailboxReader.class);
    private static final Flags SEEN = new Flags(Flags.Flag.SEEN);

    private final EmailConfig config;
    private final MailNormalizer normalizer;
    private final ContactPublisher publisher;
    private final SkippedMail skipped;
    private final Bounces bounces;
    private final MeterRegistry registry;
    private final Duration publishTimeout;
    private final Map<String, AtomicInteger> up = new ConcurrentHashMap<>();
    private final Map<String, Store> stores = new ConcurrentHashMap<>();
    private final ScheduledExecutorService wakeUps = Executors.newSingleThreadScheduledExecutor(daemon("mailbox-wake-up"));
    private volatile boolean running = true;

    public MailboxReader(EmailConfig config, MailNormalizer normalizer, ContactPublisher publisher, SkippedMail skipped,
            Bounces bounces, MeterRegistry registry, AdapterConfig adapter) {
        this.config = config;
        this.normalizer = normalizer;
        this.publisher = publisher;
        this.skipped = skipped;
        this.bounces = bounces;
        this.registry = registry;
        this.publishTimeout = adapter.publishTimeout().multipliedBy(2);
    }

    void start(@Observes StartupEvent started) {
        config.mailboxes().forEach((name, mailbox) -> {
            up.put(name, registry.gauge("ascolto.email.mailbox.up", List.of(Tag.of("mailbox", name)),
                    new AtomicInteger()));
            daemon("mailbox-" + name).newThread(() -> watch(name, mailbox)).start();
        });
    }

    @PreDestroy
    void stop() {
        running = false;
        wakeUps.shutdownNow();
        stores.values().forEach(store -> {
            try {
                store.close();
            } catch (MessagingException e) {
                // closing anyway
            }
        });
    }

    private void watch(String name, EmailConfig.Mailbox mailbox) {
        while (running) {
            try (Store store = Session.getInstance(properties(mailbox)).getStore(mailbox.ssl() ? "imaps" : "imap")) {
                stores.put(name, store);
                store.connect(mailbox.host(), mailbox.port(), mailbox.user(), mailbox.password());
                IMAPFolder folder = (IMAPFolder) store.getFolder(mailbox.folder());
                folder.open(Folder.READ_WRITE);
                up.get(name).set(1);
                LOG.infof("mailbox %s: reading %s (%s)", name, mailbox.folder(), idle(store) ? "IMAP IDLE" : "polling");
                // IDLE returns when another thread uses the folder: the wake-up makes a look at least every poll interval
                var wakeUp = wakeUps.scheduleWithFixedDelay(() -> touch(folder), mailbox.pollInterval().toMillis(),
                        mailbox.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                try {
                    while (running) {
                        if (drain(name, mailbox, folder) && idle(store)) {
                            folder.idle(true);
                        } else {
                            pause(mailbox.pollInterval());
                        }
                    }
                } finally {
                    wakeUp.cancel(false);
                }
            } catch (MessagingException | RuntimeException e) {
                up.get(name).set(0);
                if (running) {
                    LOG.warnf("mailbox %s: %s (%s); trying again in %s", name, e.getClass().getSimpleName(), e.getMessage(),
                            mailbox.pollInterval());
                    pause(mailbox.pollInterval());
                }
            }
        }
    }

    /**
     * Publishes the unseen messages batch by batch and marks each batch seen once Kafka acknowledged it; false when Kafka
     * did not, so that the same messages are read again after a pause.
     */
    private boolean drain(String name, EmailConfig.Mailbox mailbox, IMAPFolder folder) throws MessagingException {
        Message[] unseen = folder.search(new FlagTerm(SEEN, false));
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.SIZE);
        folder.fetch(unseen, profile);
        for (int from = 0; from < unseen.length; from += mailbox.batch()) {
            Message[] batch = Arrays.copyOfRange(unseen, from, Math.min(unseen.length, from + mailbox.batch()));
            List<CitizenContact> contacts = new ArrayList<>();
            List<InboundMail.Bounced> bounced = new ArrayList<>();
            for (Message message : batch) {
                InboundMail mail = read(name, mailbox, folder, message);
                if (mail instanceof InboundMail.Contact contact) {
                    contacts.add(contact.contact());
                } else if (mail instanceof InboundMail.Bounced bounce) {
                    bounced.add(bounce);
                    skipped.count(name, SkipReason.BOUNCE);
                } else if (mail instanceof InboundMail.Skipped skip) {
                    skipped.count(name, skip.reason());
                }
            }
            try {
                publisher.publishAll(contacts).await().atMost(publishTimeout);
                bounces.record(bounced);
            } catch (RuntimeException e) {
                LOG.warnf("mailbox %s: Kafka did not acknowledge %d contact(s) and %d bounce(s), left unseen: %s", name,
                        contacts.size(), bounced.size(), e.getMessage());
                return false;
            }
            folder.setFlags(Arrays.stream(batch).filter(m -> !m.isExpunged()).toArray(Message[]::new), SEEN, true);
        }
        return true;
    }

    /** One message as a contact that satisfies the contract, or the reason it is skipped; null when it vanished meanwhile. */
    private InboundMail read(String name, EmailConfig.Mailbox mailbox, IMAPFolder folder, Message message) throws MessagingException {
        try {
            if (message.getSize() > config.maxMessageBytes()) {
                return new InboundMail.Skipped(SkipReason.TOO_LARGE);
            }
            ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.max(message.getSize(), 1024));
            message.writeTo(raw);
            InboundMail mail = normalizer.read(raw.toByteArray(),
                    MailOrigin.imap(name, mailbox.pec(), mailbox.host(), mailbox.folder(), folder.getUIDValidity(), folder.getUID(message)),
                    Instant.now());
            if (mail instanceof InboundMail.Contact contact) {
                AcceptableContacts.cleaned(List.of(contact.contact()));
            }
            return mail;
        } catch (MessageRemovedException e) {
            return null;
        } catch (FolderClosedException | StoreClosedException e) {
            throw e;
        } catch (InvalidContactException e) {
            return new InboundMail.Skipped(SkipReason.INVALID);
        } catch (MessagingException | IOException e) {
            return new InboundMail.Skipped(SkipReason.UNREADABLE);
        }
    }

    private static boolean idle(Store store) throws MessagingException {
        return ((IMAPStore) store).hasCapability("IDLE");
    }

    private static void touch(IMAPFolder folder) {
        try {
            folder.getMessageCount();
        } catch (MessagingException | RuntimeException e) {
            // the reading thread meets the same failure and reconnects
        }
    }

    /** Reads leave messages unseen ({@code peek}); a connection that stops answering fails after a poll interval and a minute. */
    private static Properties properties(EmailConfig.Mailbox mailbox) {
        Properties properties = new Properties();
        String timeout = Long.toString(mailbox.pollInterval().plusMinutes(1).toMillis());
        for (String protocol : List.of("imap", "imaps")) {
            properties.setProperty("mail." + protocol + ".peek", "true");
            properties.setProperty("mail." + protocol + ".connectiontimeout", "30000");
            properties.setProperty("mail." + protocol + ".timeout", timeout);
            properties.setProperty("mail." + protocol + ".starttls.enable", "true");
        }
        return properties;
    }

    private void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
