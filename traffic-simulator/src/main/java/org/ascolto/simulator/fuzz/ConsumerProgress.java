package org.ascolto.simulator.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether every consumer group went past what the fuzz wrote: a group that reads a topic and whose committed offset
 * stays behind that topic's end offset as measured after the fuzz has stopped (halted, or stuck on a record).
 */
final class ConsumerProgress {

    private final String bootstrap;

    ConsumerProgress(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** The groups still behind at the deadline, each with how many records; empty as soon as none is. */
    List<String> behindUntil(Map<TopicPartition, Long> ends, long deadlineNanos) throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                List<String> behind = behind(admin, ends);
                if (behind.isEmpty() || System.nanoTime() > deadlineNanos) {
                    return behind;
                }
                Thread.sleep(2_000);
            }
        }
    }

    private static List<String> behind(Admin admin, Map<TopicPartition, Long> ends) throws Exception {
        List<String> behind = new ArrayList<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get();
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                OffsetAndMetadata offset = committed.get(end.getKey());
                if (offset != null && offset.offset() < end.getValue()) {
                    lag += end.getValue() - offset.offset();
                }
            }
            if (lag > 0) {
                behind.add(group.groupId() + " (" + lag + " behind)");
            }
        }
        return behind;
    }
}
