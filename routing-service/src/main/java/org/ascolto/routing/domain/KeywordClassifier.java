package org.ascolto.routing.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.RoutingDecision;
import org.ascolto.routing.config.RoutingConfig;

/** A first classifier: counts each category's configured terms in the subject and text. */
@ApplicationScoped
public class KeywordClassifier {

    public static final String VERSION = "keywords-1";
    static final String FALLBACK_CATEGORY = "other";

    private final RoutingConfig config;

    public KeywordClassifier(RoutingConfig config) {
        this.config = config;
    }

    public RoutingDecision classify(CitizenContact contact) {
        String text = ((contact.subject() == null ? "" : contact.subject() + " ") + contact.text()).toLowerCase(Locale.ROOT);
        String best = FALLBACK_CATEGORY;
        int bestHits = 0;
        int allHits = 0;
        List<String> reasons = new ArrayList<>();
        for (Map.Entry<String, RoutingConfig.Category> category : config.categories().entrySet()) {
            int hits = 0;
            for (String term : category.getValue().keywords()) {
                if (text.contains(term)) {
                    hits++;
                    reasons.add(category.getKey() + ": " + term);
                }
            }
            allHits += hits;
            if (hits > bestHits) {
                best = category.getKey();
                bestHits = hits;
            }
        }
        double confidence = allHits == 0 ? 0 : (double) bestHits / allHits;
        List<String> urgentTerms = config.urgentTerms().stream().filter(text::contains).toList();
        boolean urgent = !urgentTerms.isEmpty();
        urgentTerms.forEach(term -> reasons.add("urgent: " + term));

        RoutingConfig.Category chosen = config.categories().get(best);
        boolean confident = confidence >= config.confidenceThreshold() && chosen != null;
        String queue = confident ? chosen.queue() : config.triageQueue();
        Integer slaHours = chosen == null ? null : urgent ? chosen.urgentSlaHours() : chosen.slaHours();
        return new RoutingDecision(best, confidence, urgent,
                contact.language() == null ? "und" : contact.language(), queue, slaHours, reasons, VERSION);
    }
}
