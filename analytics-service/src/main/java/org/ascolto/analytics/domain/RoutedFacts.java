package org.ascolto.analytics.domain;

/** What analytics keeps of a routed contact: the contact's facts and the routing decision's category and urgency. */
public record RoutedFacts(ContactFacts contact, String category, boolean urgent) {
}
