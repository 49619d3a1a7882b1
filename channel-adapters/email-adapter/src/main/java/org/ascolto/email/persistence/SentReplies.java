package org.ascolto.email.persistence;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Singleton;

import org.ascolto.adapter.ClaimedReplies;

/** The replies this adapter took on and how they went by SMTP. */
@Singleton
public class SentReplies extends ClaimedReplies {

    public SentReplies(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected String channelMessageIdColumn() {
        return "message_id";
    }

    /** The mail server accepted it as the message of this Message-ID. */
    public void sent(UUID replyId, String messageId) {
        update("UPDATE sent_replies SET state = 'SENT', message_id = ?, finished_at = now() WHERE reply_id = ?", messageId, replyId);
    }

    /** It will not go: the mail server's reply code, or 0 when it never answered or the reply names no address. */
    public void failed(UUID replyId, int smtpCode) {
        update("UPDATE sent_replies SET state = 'FAILED', error_code = ?, finished_at = now() WHERE reply_id = ?", smtpCode, replyId);
    }

    /**
     * A bounce returned the replies sent as these Message-IDs: they failed, with the bounce's SMTP code. Answers them;
     * ids of messages no reply became are not among them, and a bounce read again answers the same replies again.
     */
    public List<SentReply> bounced(List<String> messageIds, int smtpCode) {
        return replies("UPDATE sent_replies SET state = 'FAILED', error_code = ?, finished_at = now()"
                + " WHERE message_id = ANY (?) RETURNING reply_id, case_id", smtpCode, messageIds);
    }
}
