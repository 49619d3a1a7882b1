package org.ascolto.contracts;

/** The channels of Milan's adapters, as {@code CitizenContact.channel} names them; a new adapter brings a name of its own. */
public final class Channels {

    public static final String PHONE = "phone";
    /** The Scrivi portal's forms. */
    public static final String WEB = "web";
    public static final String WHATSAPP = "whatsapp";
    public static final String FACEBOOK = "facebook";
    public static final String INSTAGRAM = "instagram";
    /** Requests of civic apps through Open311 GeoReport v2. */
    public static final String OPEN311 = "open311";
    /** The city's mailboxes and PEC, read by the email adapter. */
    public static final String EMAIL = "email";

    private Channels() {
    }
}
