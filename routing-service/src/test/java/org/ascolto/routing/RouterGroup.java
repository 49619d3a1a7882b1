package org.ascolto.routing;

import org.ascolto.localinfra.TestKafka;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** The consumer group in which the routing service reads contacts, with as many members as its configuration starts. */
final class RouterGroup {

    private RouterGroup() {
    }

    /** Returns once every consumer of the group has joined it and holds partitions ({@link TestKafka#awaitSettledGroup}). */
    static void awaitSettled() {
        Config config = ConfigProvider.getConfig();
        TestKafka.awaitSettledGroup(config.getValue("mp.messaging.incoming.contacts.group.id", String.class),
                config.getValue("mp.messaging.incoming.contacts.concurrency", Integer.class));
    }
}
