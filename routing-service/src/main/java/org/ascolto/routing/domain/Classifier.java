package org.ascolto.routing.domain;

import org.ascolto.contracts.RoutingDecision;

/**
 * Decides how a contact's text routes: {@link ContactClassifier} in the service; a component test puts
 * one that fails in its place, to see a failing decision retried and dead-lettered by the router.
 */
public interface Classifier {

    RoutingDecision classify(String text);
}
