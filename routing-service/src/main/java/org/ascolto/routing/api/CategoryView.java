package org.ascolto.routing.api;

/** One service area of the taxonomy as the API shows it. */
public record CategoryView(String id, String nameIt, String nameEn, String queue, int slaHours, int urgentSlaHours) {
}
