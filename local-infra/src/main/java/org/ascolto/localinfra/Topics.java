package org.ascolto.localinfra;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the platform's topics on a broker where they are missing. */
public final class Topics {

    private Topics() {
    }

    public static void create(String bootstrapServers, int partitions) {
        List<NewTopic> topics = List.of(
                new NewTopic(org.ascolto.contracts.Topics.CONTACTS, partitions, (short) 1),
                new NewTopic(org.ascolto.contracts.Topics.CONTACTS_ROUTED, partitions, (short) 1),
                new NewTopic(org.ascolto.contracts.Topics.CASE_EVENTS, partitions, (short) 1),
                new NewTopic(org.ascolto.contracts.Topics.CONTACTS_DLQ, 1, (short) 1),
                new NewTopic(org.ascolto.contracts.Topics.REPLIES, partitions, (short) 1),
                new NewTopic(org.ascolto.contracts.Topics.REPLY_STATUSES, partitions, (short) 1),
                // as many partitions as the contacts: an erasure meets its citizen's history in analytics' task
                new NewTopic(org.ascolto.contracts.Topics.ERASURES, partitions, (short) 1));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
