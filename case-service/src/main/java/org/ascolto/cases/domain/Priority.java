package org.ascolto.cases.domain;

public enum Priority {
    NORMAL, URGENT
}
