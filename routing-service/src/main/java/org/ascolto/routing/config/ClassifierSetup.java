package org.ascolto.routing.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.ascolto.routing.domain.ContactClassifier;
import org.ascolto.routing.domain.TrainingExample;
import org.ascolto.support.taxonomy.Taxonomy;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

/** Learns the classifier from the configured corpus and taxonomy when the service starts. */
public class ClassifierSetup {

    private static final Logger LOG = Logger.getLogger(ClassifierSetup.class);

    @Produces
    @Singleton
    @Startup
    ContactClassifier classifier(RoutingConfig config, Taxonomy taxonomy) {
        long start = System.nanoTime();
        ContactClassifier classifier = new ContactClassifier(config, taxonomy, TrainingExample.readCorpus(config.trainingCorpus()));
        LOG.infof("classifier %s trained on %s for %d categories in %d ms", ContactClassifier.VERSION,
                config.trainingCorpus(), taxonomy.areas().size(), (System.nanoTime() - start) / 1_000_000);
        return classifier;
    }
}
