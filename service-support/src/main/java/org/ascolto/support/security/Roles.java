package org.ascolto.support.security;

/** The roles the city's identity provider gives, as the services check them ({@code realm_access.roles} of the token). */
public final class Roles {

    /** Works the cases of the queues named in the token's {@code queues} claim. */
    public static final String OPERATOR = "operator";
    /** Works and reassigns the cases of every queue. */
    public static final String SUPERVISOR = "supervisor";
    /** Connects systems: classifies as a dry run, manages Open311 clients. */
    public static final String INTEGRATOR = "integrator";
    /** Reads statistics and the dashboard. */
    public static final String ANALYST = "analyst";
    /** Reads who did what, never to change it. */
    public static final String AUDITOR = "auditor";
    /** The data-protection officer: citizens' access and erasure requests. */
    public static final String DATA_PROTECTION_OFFICER = "data-protection-officer";
    /** Trains the routing model: reads operators' corrections with the texts they label. */
    public static final String MODEL_TRAINER = "model-trainer";

    private Roles() {
    }
}
