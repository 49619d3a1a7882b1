package org.ascolto.cases.domain;

/** The open cases of a queue: all, without an assignee, urgent, past their SLA due time. */
public record QueueLoad(String queue, long open, long unassigned, long urgent, long overdue) {
}
