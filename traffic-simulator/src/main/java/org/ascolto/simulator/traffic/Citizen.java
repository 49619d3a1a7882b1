package org.ascolto.simulator.traffic;

/** A person who contacts the city; the same identities on every channel, so a returning citizen is recognizable. */
public record Citizen(int number, String name, String email, String phone, String language,
        String facebookId, String instagramId, String instagramUsername) {

    /** WhatsApp's wa_id: the phone number's digits without the plus. */
    public String whatsappId() {
        return phone.substring(1);
    }
}
