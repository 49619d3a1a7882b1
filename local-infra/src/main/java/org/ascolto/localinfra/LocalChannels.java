package org.ascolto.localinfra;

import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The channels' far ends for the local run, where a reply goes once an adapter sends it: WhatsApp's Cloud API and the
 * Messenger Platform's Send API (the stand-ins the tests use, each on a port of its own) and an SMTP server. They
 * answer as the real ones do, so replies and notices end sent instead of retried and failed. Mail is kept a minute
 * and then dropped, and the stand-ins keep only their latest requests: a long run does not fill the memory.
 * Arguments: the WhatsApp port, the Send API port, the SMTP port.
 */
public final class LocalChannels {

    private LocalChannels() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: LocalChannels WHATSAPP_PORT SEND_API_PORT SMTP_PORT");
        }
        new GraphApiStandIn().listen(Integer.parseInt(args[0]));
        new SendApiStandIn().listen(Integer.parseInt(args[1]));
        GreenMail smtp = new GreenMail(new ServerSetup(Integer.parseInt(args[2]), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Executors.newSingleThreadScheduledExecutor().scheduleWithFixedDelay(() -> purge(smtp), 1, 1, TimeUnit.MINUTES);
        System.out.printf("Channel stand-ins ready: WhatsApp Cloud API :%s, Send API :%s, SMTP :%s%n", args[0], args[1], args[2]);
    }

    private static void purge(GreenMail smtp) {
        try {
            smtp.purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            System.out.println("Could not drop the kept mail: " + e.getMessage());
        }
    }
}
