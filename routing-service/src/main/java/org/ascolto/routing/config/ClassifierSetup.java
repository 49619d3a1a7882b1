package org.ascolto.routing.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.ascolto.routing.domain.ContactClassifier;
import org.ascolto.support.taxonomy.Taxonomy;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

/** Learns the model version in service from its corpus, for the taxonomy's areas, or loads it from the store, when the service starts. */
public class ClassifierSetup {

    private static final Logger LOG = Logger.getLogger(ClassifierSetup.class);

    @Produces
    @Singleton
    @Startup
    ContactClassifier classifier(RoutingConfig config, Taxonomy taxonomy) {
        long start = System.nanoTime();
        ContactClassifier classifier = ContactClassifier.of(config, taxonomy);
        LOG.infof("classifier %s of %s for %d categories ready in %d ms: %s", classifier.version(),
                config.activeModel().trainingCorpus(), taxonomy.areas().size(), (System.nanoTime() - start) / 1_000_000, classifier.origin());
        return classifier;
    }
}
