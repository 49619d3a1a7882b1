package org.ascolto.cases.domain;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.Reply;

/**
 * An operator's reply, addressed as the citizen's latest contact was: on its channel, to the citizen as that channel
 * named them, in answer to that message. Only channels whose adapter sends replies are answered.
 */
public final class Replies {

    private Replies() {
    }

    public static Reply to(CitizenCase c, CitizenContact latest, Set<String> replyChannels, String text, String author,
            Instant at) {
        if (!replyChannels.contains(latest.channel())) {
            throw new ReplyChannelException(c.reference + ": the citizen's latest contact came by " + latest.channel()
                    + ", where Ascolto sends no replies");
        }
        if (latest.citizen() == null) {
            throw new ReplyChannelException(c.reference + ": the citizen's personal data was erased; there is no one to answer");
        }
        if (!addressable(latest)) {
            throw new ReplyChannelException(c.reference + ": the citizen's latest contact on " + latest.channel()
                    + " gave no address to answer");
        }
        return addressed(c, latest, text, latest.language(), author, null, at);
    }

    /** Whether the contact names the citizen in a way its channel can answer. */
    static boolean addressable(CitizenContact contact) {
        CitizenContact.Citizen citizen = contact.citizen();
        return citizen != null && (citizen.channelUserId() != null || citizen.phone() != null || citizen.email() != null);
    }

    /** A reply or notice ({@code notice} names its kind) to the citizen of {@code latest}, in answer to that contact. */
    static Reply addressed(CitizenCase c, CitizenContact latest, String text, String language, String author, String notice,
            Instant at) {
        CitizenContact.Citizen citizen = latest.citizen();
        return new Reply(UUID.randomUUID(), c.id, c.reference, latest.channel(), c.citizenKey,
                new Reply.Recipient(citizen.channelUserId(), citizen.phone(), citizen.email()),
                new Reply.InReplyTo(latest.contactId(), latest.externalId(), latest.occurredAt(), latest.conversationRef(),
                        latest.metadata()),
                text, language, author, notice, at, Reply.SCHEMA_VERSION);
    }
}
