package org.ascolto.analytics.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.ascolto.analytics.config.AnalyticsConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What the dashboard page needs before anyone signs in: where to sign in, and how often to refresh (public: no figures). */
@Path("/api/v1/dashboard")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {

    /** The identity provider's realm ({@code issuer}), its public client for the dashboard, the refresh period in ms. */
    public record SignIn(String issuer, String clientId, long refreshMillis) {
    }

    private final SignIn signIn;

    /** issuer: the one tokens are verified against, so the dashboard signs in where the API trusts. */
    public DashboardResource(AnalyticsConfig config, @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        signIn = new SignIn(issuer, config.dashboardClientId(), config.dashboardInterval().toMillis());
    }

    @GET
    @Path("/sign-in")
    public SignIn signIn() {
        return signIn;
    }
}
