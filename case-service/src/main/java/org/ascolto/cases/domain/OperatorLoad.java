package org.ascolto.cases.domain;

/** The open cases assigned to one operator: all, urgent, past their SLA due time. */
public record OperatorLoad(String assignee, long open, long urgent, long overdue) {
}
