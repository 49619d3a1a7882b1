package org.ascolto.support.taxonomy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/**
 * The city's service areas, defined once for every service: routing decides among them, the case service files cases
 * under them, Open311 lists them as services. Milan's areas ship in this library's
 * {@code META-INF/microprofile-config.properties}; a city adds or changes an area under {@code ascolto.taxonomy.<id>}.
 */
@ConfigMapping(prefix = "ascolto.taxonomy")
public interface Taxonomy {

    /** The areas by id; the id is the category of routed contacts and cases, and Open311's service code. */
    @WithParentName
    Map<String, Area> areas();

    interface Area {
        String nameIt();

        String nameEn();

        /** What the area covers, in Italian, for citizens (Open311's service description). */
        Optional<String> description();

        /** The group Open311 lists the area under. */
        Optional<String> group();

        /** Comma-separated keywords for civic apps. */
        Optional<String> keywords();

        /** The office queue whose operators work the area's cases. */
        String queue();

        int slaHours();

        /** SLA of an urgent contact in this area. */
        int urgentSlaHours();

        /** Training messages for this area beside the routing corpus: enough to route a new area without code. */
        Optional<List<String>> examples();
    }
}
